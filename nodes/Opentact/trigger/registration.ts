import type { IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readRequestSettings } from '../../shared/options';
import { rememberSecrets } from '../../shared/redact';
import { checkProfileId } from '../actions/messagingProfile/fields';
import { type OpentactClient, openClient } from '../transport/client';
import { opentactFailure, unusableAnswer } from '../transport/errors';
import { CALLBACK_URL_MAX_LENGTH, describeUrl, type Profile, readProfile, setCallbackUrl } from '../transport/profiles';
import { readTriggerSettings } from './fields';
import { holderOf, testRefusal, withoutQuery } from './profileHolder';
import { REGISTRATION_KEY, type Registration, registrationOf } from './registrationState';
import { callbackUrlWithSecret, newSecret } from './secret';

/*
 * The trigger's registration with Opentact (n8n's webhookMethods): on activation it points the
 * messaging profile's callback_url at n8n, remembering what was there; on deactivation it puts
 * that back, if the profile still points at this trigger. A profile has one callback URL, so
 * "Listen for test event" never takes over a profile that already sends its SMS somewhere.
 */

/** The webhook's name in the node's description; n8n's URL is built from it and WEBHOOK_PATH. */
export const WEBHOOK_NAME = 'default';
export const WEBHOOK_PATH = 'opentact';

/** Registration requests wait less than an operation's: someone is waiting for the workflow to activate. */
const REGISTRATION_SETTINGS = readRequestSettings({ maxRetries: 2, timeoutMs: 15_000 });

/** A test registration: "Listen for test event" (n8n runs the webhook methods in manual mode for it). */
const isTest = (ctx: IHookFunctions) => ctx.getMode() === 'manual' || ctx.getActivationMode() === 'manual';

/** The profile field's UUID, checked. */
function profileIdOf(ctx: IHookFunctions): string {
	const value = ctx.getNodeParameter('messagingProfile', '', { extractValue: true });
	const checked = checkProfileId(value);
	if (!checked.ok) throw new NodeOperationError(ctx.getNode(), `Messaging Profile ${checked.problem}`);
	return checked.uuid;
}

function webhookUrlOf(ctx: IHookFunctions): string {
	const url = ctx.getNodeWebhookUrl(WEBHOOK_NAME);
	if (!url) throw new NodeOperationError(ctx.getNode(), 'n8n gave no webhook URL for this trigger');
	return url;
}

async function readOrFail(ctx: IHookFunctions, client: OpentactClient, uuid: string, doing: string): Promise<Profile> {
	const read = await readProfile(client, uuid);
	if (read.ok) return read.profile;
	throw 'answer' in read ? opentactFailure(ctx.getNode(), doing, read.answer) : unusableAnswer(ctx.getNode(), doing, read.problem);
}

/** n8n's checkExists: true when the profile already points at the URL this trigger registered. */
export async function checkExists(this: IHookFunctions): Promise<boolean> {
	readTriggerSettings(this); // unusable keyword lists refuse activation even when nothing is registered anew
	const registration = registrationOf(this.getWorkflowStaticData('node'));
	const profileId = profileIdOf(this);
	if (!registration || registration.profileId !== profileId) return false;
	if (withoutQuery(registration.registeredUrl) !== withoutQuery(webhookUrlOf(this))) return false;
	const client = await openClient(this, REGISTRATION_SETTINGS);
	const profile = await readOrFail(this, client, profileId, `reading messaging profile ${profileId}`);
	if (profile.callbackUrl !== registration.registeredUrl) return false;
	rememberSecrets([registration.secret]);
	return true;
}

/**
 * n8n's create: points the profile's callback_url at this trigger (n8n's webhook URL with a new
 * secret) after remembering what it held, then reads the profile back: the PATCH's answer proves
 * nothing, only a profile that shows our URL does. The registration is saved before the change,
 * so that a lost answer still leaves a record of what to restore; when the change cannot be
 * proven, create gives the profile back itself before failing (see giveBack).
 */
export async function create(this: IHookFunctions): Promise<boolean> {
	readTriggerSettings(this); // a keyword list that cannot be used refuses activation, not every message
	const profileId = profileIdOf(this);
	const ownUrl = webhookUrlOf(this);
	const staticData = this.getWorkflowStaticData('node');
	const earlier = registrationOf(staticData);
	const client = await openClient(this, REGISTRATION_SETTINGS);
	const profile = await readOrFail(this, client, profileId, `reading messaging profile ${profileId}`);
	const holder = holderOf(profile, ownUrl, earlier);
	const node = this.getNode();

	if (isTest(this)) {
		const refusal = testRefusal(profile, holder);
		if (refusal) throw new NodeOperationError(node, refusal);
	} else if (holder === 'selfOtherMode') {
		throw new NodeOperationError(
			node,
			`Messaging profile "${profile.name ?? profile.uuid}" (${profile.uuid}) sends its inbound SMS to this workflow's test URL: n8n is listening for a test event on it, or a test ended without putting the profile back. Stop listening (or wait two minutes) and activate again; if no test is running, clear the profile's callback URL in the Opentact portal first.`,
		);
	}
	// A URL of this trigger itself is never worth restoring: the profile goes back to what the
	// trigger remembered from before, or to no callback URL at all.
	const previousCallbackUrl =
		holder === 'self' || holder === 'selfOtherMode'
			? earlier?.profileId === profileId
				? earlier.previousCallbackUrl
				: null
			: profile.callbackUrl;

	const secret = newSecret();
	rememberSecrets([secret]);
	const registeredUrl = callbackUrlWithSecret(ownUrl, secret);
	if (registeredUrl.length > CALLBACK_URL_MAX_LENGTH) {
		throw new NodeOperationError(
			node,
			`n8n's webhook URL for this trigger is ${registeredUrl.length} characters long with its secret; Opentact keeps callback URLs of at most ${CALLBACK_URL_MAX_LENGTH}. Give n8n a shorter public address (WEBHOOK_URL).`,
		);
	}
	const registration: Registration = { profileId, secret, registeredUrl, previousCallbackUrl };
	staticData[REGISTRATION_KEY] = registration;

	const doing = `pointing messaging profile ${profileId} at n8n`;
	let failure: Error | undefined;
	const changed = await setCallbackUrl(client, profileId, registeredUrl);
	if (!changed.ok) failure = opentactFailure(node, doing, changed, 'The profile was not changed.');
	else {
		const after = await readProfile(client, profileId);
		if (!after.ok) {
			const reading = `reading messaging profile ${profileId} back`;
			failure = 'answer' in after ? opentactFailure(node, reading, after.answer) : unusableAnswer(node, reading, after.problem);
		} else if (after.profile.callbackUrl !== registeredUrl) {
			failure = unusableAnswer(
				node,
				doing,
				`Opentact accepted the change, but the profile read back sends its inbound SMS to ${describeUrl(after.profile.callbackUrl)}, not to this trigger`,
				'The trigger is not active: nothing would reach it.',
			);
		}
	}
	if (failure) {
		// Give the profile back before failing: a change whose answer was lost may have been made,
		// and n8n 1.x runs delete on the static data it saved before this activation, which does
		// not hold this registration.
		if ((await giveBack(this, client, registration)) === true) delete staticData[REGISTRATION_KEY];
		throw failure;
	}
	return true;
}

/**
 * Puts back the callback_url the profile had before `registration`, if the profile still points
 * at this trigger (and reads it back); true when done or not ours any more, else what went wrong.
 */
async function giveBack(ctx: IHookFunctions, client: OpentactClient, registration: Registration): Promise<true | string> {
	const { profileId, registeredUrl, previousCallbackUrl } = registration;
	const profile = await readProfile(client, profileId);
	if (!profile.ok) {
		return `could not read messaging profile ${profileId} to restore it${'answer' in profile ? ` (${opentactFailure(ctx.getNode(), 'reading it', profile.answer).message})` : ''}`;
	}
	if (profile.profile.callbackUrl !== registeredUrl) {
		ctx.logger.info(`Opentact Trigger: messaging profile ${profileId} does not point at this workflow; it is left as it is`);
		return true;
	}
	const restored = await setCallbackUrl(client, profileId, previousCallbackUrl);
	if (!restored.ok) return `could not restore messaging profile ${profileId} (${opentactFailure(ctx.getNode(), 'restoring it', restored).message})`;
	const after = await readProfile(client, profileId);
	if (!after.ok || after.profile.callbackUrl !== previousCallbackUrl) {
		return `messaging profile ${profileId} read back after restoring it does not show its earlier callback URL`;
	}
	return true;
}

/**
 * n8n's delete (deactivation, the end of a test, a failed create): puts back the callback_url the
 * profile had, but only if the profile still points at this trigger; one that someone pointed
 * elsewhere meanwhile is left as it is. A failure is logged and answered false, never thrown, so
 * that deactivation is never blocked; the registration then stays in static data, and the next
 * activation or deactivation tries again.
 */
export async function deleteRegistration(this: IHookFunctions): Promise<boolean> {
	const staticData = this.getWorkflowStaticData('node');
	const registration = registrationOf(staticData);
	if (!registration) return true;
	rememberSecrets([registration.secret]);
	let outcome: true | string;
	try {
		outcome = await giveBack(this, await openClient(this, REGISTRATION_SETTINGS), registration);
	} catch (error) {
		outcome = `deactivating failed: ${(error as Error).message}`;
	}
	if (outcome !== true) {
		this.logger.warn(
			`Opentact Trigger: ${outcome}. Messaging profile ${registration.profileId} may still send its inbound SMS to this workflow; set its callback URL in the Opentact portal.`,
		);
		return false;
	}
	delete staticData[REGISTRATION_KEY];
	return true;
}
