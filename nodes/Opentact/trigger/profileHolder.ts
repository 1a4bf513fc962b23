import { describeUrl, type Profile } from '../transport/profiles';
import type { Registration } from './registrationState';

/*
 * Who a messaging profile sends its inbound SMS to, seen from this trigger: the one callback URL
 * a profile has decides whether the trigger may take it, and what to give back later.
 */

/** Without query and fragment, for comparing addresses whatever secret they carry. */
export const withoutQuery = (url: string) => url.split(/[?#]/, 1)[0];

/**
 * Whether `url` is an address of this trigger node, in any mode: its path ends with the node's
 * own part of n8n's webhook path (`<webhookId>/opentact`, a UUID n8n gives the node), whatever
 * n8n's host or its webhook endpoints are called.
 */
function isThisTriggers(url: string, ownUrl: string): boolean {
	const ownPath = withoutQuery(ownUrl).split('/').slice(-2).join('/');
	return withoutQuery(url).endsWith(`/${ownPath}`);
}

export type Holder = 'nobody' | 'other' | 'self' | 'selfOtherMode';

/**
 * Who has the profile now, for a new registration: nobody, an address that is not this trigger's
 * (another system, another workflow), this trigger's own (a registration whose static data was
 * lost), or this trigger's address in the other mode (its test URL while activating, its
 * production URL while testing).
 */
export function holderOf(profile: Profile, ownUrl: string, earlier: Registration | undefined): Holder {
	const current = profile.callbackUrl;
	if (current === null || current.trim() === '') return 'nobody';
	// What this trigger registered before, even under another address of n8n's (WEBHOOK_URL changed).
	if (earlier?.profileId === profile.uuid && current === earlier.registeredUrl) return 'self';
	if (!isThisTriggers(current, ownUrl)) return 'other';
	return withoutQuery(current) === withoutQuery(ownUrl) ? 'self' : 'selfOtherMode';
}

/** Why a test registration refuses the profile, or undefined when it may take it. */
export function testRefusal(profile: Profile, holder: Holder): string | undefined {
	const named = `Messaging profile "${profile.name ?? profile.uuid}" (${profile.uuid})`;
	const why = 'An Opentact profile has one callback URL, so listening for a test event would take its inbound SMS (opt-outs among them) away from it.';
	if (holder === 'selfOtherMode') {
		return `${named} sends its inbound SMS to this workflow's production URL: the workflow is active. ${why} Test with a profile that has no callback URL, or deactivate the workflow first.`;
	}
	if (holder === 'other') {
		return `${named} already sends its inbound SMS to ${describeUrl(profile.callbackUrl)}. ${why} Test with a profile that has no callback URL, or clear this one's in the Opentact portal (Messaging → Profiles), or activate the workflow, which remembers the URL and restores it when deactivated.`;
	}
	return undefined;
}
