import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ConfirmedBy } from '../../../shared/audit';
import { mapWithConcurrency } from '../../../shared/concurrency';
import { readDryRun } from '../../../shared/dryRun';
import { type ItemError, withDetail } from '../../../shared/itemErrors';
import { readItem, runOperation } from '../../../shared/runOperation';
import {
	ENABLE_SMS_BODY_KEYS,
	SMS_ALREADY_DISABLED,
	SMS_ALREADY_ENABLED,
	checkLease,
	isAnswer,
	isReadBackRefusal,
	leaseSmsState,
} from '../../transport/answers';
import { type FailedAnswer, type OpentactClient, openClient } from '../../transport/client';
import { createLeaseResolver } from '../../transport/leases';
import { profileIdReader } from '../messagingProfile/fields';
import { type LeaseTarget, leaseTargetReader, readRunOptions, uuidFieldReader } from './fields';
import { type Outcome, auditRecord, providerMessage } from './output';

/** The two changes of a number's SMS subscription. */
export type SmsAction = 'disable' | 'enable';

/** How each change is requested, and what its outcomes are called. */
const CHANGES: Record<SmsAction, {
	method: IHttpRequestMethods;
	/** Outcome and SMS state after the change went through. */
	done: { outcome: Outcome; smsEnabled: boolean };
	/** Dry Run's outcome when the lease read shows the change still to be made. */
	would: Outcome;
	/**
	 * The provider's answer meaning "already so" (our ASSUMED vocabulary), reported as
	 * `already.outcome`, or as an error when the option `already.option` is on.
	 */
	already: { answer: { status: number; message: string }; outcome: Outcome; option: string; optionName: string };
}> = {
	disable: {
		method: 'DELETE',
		done: { outcome: 'disabled', smsEnabled: false },
		would: 'wouldDisable',
		already: { answer: SMS_ALREADY_DISABLED, outcome: 'alreadyDisabled', option: 'failIfAlreadyDisabled', optionName: 'Fail If Already Disabled' },
	},
	enable: {
		method: 'POST',
		done: { outcome: 'enabled', smsEnabled: true },
		would: 'wouldEnable',
		already: { answer: SMS_ALREADY_ENABLED, outcome: 'alreadyEnabled', option: 'failIfAlreadyEnabled', optionName: 'Fail If Already Enabled' },
	},
};

/** FACT (Opentact's documentation, Disable SMS on Number): the subscription route, the lease given in the `tn_lease` query parameter. */
const SMS_SUBSCRIPTION_PATH = '/lease/tn/number/subscription/sms';

/** One item's change: the number or lease, and the body Enable SMS sends (profile and campaign). */
interface ChangeInput {
	target: LeaseTarget;
	body?: IDataObject;
}

/**
 * What one lease's change came to; every item naming that lease is answered from it. `smsEnabled`
 * is the lease's SMS state as this run leaves it; `provider` is Opentact's object the outcome rests
 * on (the subscription a change answered, or the lease a Dry Run read).
 */
type ChangeResult =
	| {
			ok: true;
			outcome: Outcome;
			smsEnabled: boolean;
			confirmedBy: ConfirmedBy;
			providerMessage: string | null;
			provider: { key: 'subscription' | 'lease'; value: unknown };
	  }
	| { ok: false; error: (itemIndex: number) => ItemError };

interface LeaseChange {
	/** The item whose request this is, and the body it asked for (items must agree on it). */
	itemIndex: number;
	body: string;
	result: Promise<ChangeResult>;
}

const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** A reader of one item's change: the Phone Number, and for Enable SMS the profile and the campaign. */
function changeReader(ctx: IExecuteFunctions, action: SmsAction): (itemIndex: number) => ChangeInput {
	const readTarget = leaseTargetReader(ctx);
	if (action === 'disable') return (itemIndex) => ({ target: readTarget(itemIndex) });
	const readProfile = profileIdReader(ctx, 'messagingProfileId', 'Messaging Profile ID');
	const readCampaign = uuidFieldReader(ctx, 'smsCampaignId', 'SMS Campaign ID');
	return (itemIndex) => {
		const target = readTarget(itemIndex);
		const messagingProfileId = readProfile(itemIndex);
		const smsCampaignId = readCampaign(itemIndex);
		return {
			target,
			body: { [ENABLE_SMS_BODY_KEYS.messagingProfile]: messagingProfileId, [ENABLE_SMS_BODY_KEYS.smsCampaign]: smsCampaignId },
		};
	};
}

/**
 * Disable or Enable SMS: reads each item, resolves its number to its lease (once per distinct
 * number), then sends the change once per lease: items naming the same lease (a number in two
 * formats, its UUID) share that one request and its result. Items run concurrently up to the
 * run's request limit. Each lease's answer is proven (see `changeLease`) before it is reported.
 * Under Dry Run every lease is read instead (by UUID too) and nothing is sent (see `previewLease`).
 */
export async function changeSms(ctx: IExecuteFunctions, action: SmsAction): Promise<INodeExecutionData[][]> {
	return await runOperation(ctx, async (itemIndexes, report, shouldStop) => {
		const node = ctx.getNode();
		// Inside the work, so that an option the node refuses (see readDryRun) is every item's error.
		const run = readRunOptions(ctx);
		const dryRun = readDryRun(node, run.options);
		const read = changeReader(ctx, action);
		const strict = run.options[CHANGES[action].already.option] === true;
		if (itemIndexes.length === 0) return;
		const client = await openClient(ctx, run.settings);
		const resolver = createLeaseResolver(client, itemIndexes.length);
		const changes = new Map<string, LeaseChange>();

		const changeOne = async (itemIndex: number) => {
			// Fields are read per item as its work starts (see readItem), not in a pass up front.
			const input = readItem(ctx, itemIndex, () => read(itemIndex), report);
			if (input === undefined) return;
			const { target } = input;
			let tnLeaseId: string;
			// The lease as read: a Dry Run reads it even when the item names its UUID, since its
			// SMS state is what decides what would change.
			let lease: IDataObject | undefined;
			if (target.kind === 'uuid' && !dryRun) {
				tnLeaseId = target.uuid;
			} else {
				const resolved = target.kind === 'uuid' ? await resolver.byUuid(target.uuid) : await resolver.byNumber(target.tn);
				if (!resolved.ok) {
					const error =
						'answer' in resolved
							? client.lookupError(itemIndex, resolved.answer, target)
							: client.unusableAnswer(itemIndex, resolved.problem, 'Nothing was sent to change this number.');
					return report(itemIndex, error);
				}
				tnLeaseId = resolved.uuid;
				lease = resolved.lease;
			}
			if (shouldStop()) return;
			const bodyKey = JSON.stringify(input.body ?? null);
			let leaseChange = changes.get(tnLeaseId);
			if (!leaseChange) {
				const result = dryRun
					? Promise.resolve(previewLease(client, node, action, strict, tnLeaseId, lease))
					: changeLease(client, action, strict, tnLeaseId, input.body);
				leaseChange = { itemIndex, body: bodyKey, result };
				changes.set(tnLeaseId, leaseChange);
			} else if (leaseChange.body !== bodyKey) {
				const message = `Item ${itemIndex}: item ${leaseChange.itemIndex} of this run already asks for lease ${tnLeaseId} with other settings; one lease gets one request per run, so this item was not sent`;
				return report(itemIndex, new NodeOperationError(node, message, { itemIndex }));
			}
			const result = await leaseChange.result;
			if (!result.ok) return report(itemIndex, result.error(itemIndex));
			const fields = {
				phoneNumber: target.kind === 'number' ? target.e164 : null,
				tnLeaseId,
				smsEnabled: result.smsEnabled,
				outcome: result.outcome,
				dryRun,
				confirmedBy: result.confirmedBy,
				providerMessage: result.providerMessage,
			};
			report(itemIndex, auditRecord(fields, { ...result.provider, simplify: run.simplify }));
		};

		await mapWithConcurrency(itemIndexes, run.settings.concurrency, changeOne, shouldStop);
	});
}

/**
 * The lease's SMS state after an answer that did not say what happened: true when it is as the
 * change asks, false when not, or a sentence saying why the read-back proves nothing.
 */
async function readBack(client: OpentactClient, tnLeaseId: string, smsEnabled: boolean): Promise<boolean | string> {
	const read = await client.send({ method: 'GET', path: `/lease/tn/${tnLeaseId}` });
	if (!read.ok) {
		return `Reading the lease back failed too (${read.failure.status === undefined ? 'no answer' : `HTTP ${read.failure.status}`}).`;
	}
	const checked = checkLease(read.payload, { uuid: tnLeaseId });
	if (!checked.ok) return `Reading the lease back gave no usable answer: ${checked.problem}.`;
	const state = leaseSmsState(checked.lease);
	if (state === undefined) return 'The lease read back has no subscriptions list, so its SMS state is unknown.';
	return state === smsEnabled;
}

/**
 * Sends one lease's change and decides what its answer proves. Known words decide at once; a
 * refusal in other words is settled by reading the lease back; anything else fails the items
 * with Opentact's own words.
 */
async function changeLease(
	client: OpentactClient,
	action: SmsAction,
	strict: boolean,
	tnLeaseId: string,
	body: IDataObject | undefined,
): Promise<ChangeResult> {
	const { method, done, already } = CHANGES[action];
	const stateWord = done.smsEnabled ? 'on' : 'off';
	const oppositeWord = done.smsEnabled ? 'off' : 'on';
	const doneResult = (confirmedBy: ConfirmedBy, providerWords: string | null, subscription: unknown = null): ChangeResult => ({
		ok: true,
		outcome: done.outcome,
		smsEnabled: done.smsEnabled,
		confirmedBy,
		providerMessage: providerWords,
		provider: { key: 'subscription', value: subscription },
	});
	const failed = (error: (itemIndex: number) => ItemError): ChangeResult => ({ ok: false, error });

	/** "Already so", proven by the answer's words or by the lease read back. */
	const alreadyResult = (confirmedBy: ConfirmedBy, refusal: FailedAnswer): ChangeResult => {
		if (strict) {
			return failed((itemIndex) => {
				const error = client.itemError(itemIndex, refusal);
				const how = confirmedBy === 'readBack' ? 'the lease read back shows' : 'Opentact says';
				return withDetail(error, `SMS is already ${stateWord}: ${how} so, and ${already.optionName} is on.`);
			});
		}
		return {
			ok: true,
			outcome: already.outcome,
			smsEnabled: done.smsEnabled,
			confirmedBy,
			providerMessage: providerMessage(refusal.failure),
			provider: { key: 'subscription', value: null },
		};
	};

	const answer = await client.send({ method, path: SMS_SUBSCRIPTION_PATH, qs: { tn_lease: tnLeaseId }, body });
	if (answer.ok) {
		if (isObject(answer.payload)) return doneResult('answer', null, answer.payload);
		// A success without the subscription it should carry: only the lease's state can tell.
		const state = await readBack(client, tnLeaseId, done.smsEnabled);
		if (state === true) return doneResult('readBack', null);
		const why = typeof state === 'string' ? state : `The lease, read back after this answer, shows SMS still ${oppositeWord}.`;
		return failed((itemIndex) => client.unusableAnswer(itemIndex, 'it answered success without the subscription the change returns', why));
	}
	const lostBefore = answer.earlierAttemptMayHaveApplied;
	const refusalWords = providerMessage(answer.failure);
	if (isAnswer(answer.failure, already.answer)) {
		// Already so, and an earlier attempt of this very request may have done it: this run did.
		return lostBefore ? doneResult('retryAfterLostAnswer', refusalWords) : alreadyResult('answer', answer);
	}
	if (!isReadBackRefusal(answer.failure)) return failed((itemIndex) => client.lookupError(itemIndex, answer, { kind: 'uuid', uuid: tnLeaseId }));
	const state = await readBack(client, tnLeaseId, done.smsEnabled);
	if (state === true) return lostBefore ? doneResult('retryAfterLostAnswer', refusalWords) : alreadyResult('readBack', answer);
	const why = typeof state === 'string' ? state : `The lease, read back after this refusal, shows SMS still ${oppositeWord}.`;
	return failed((itemIndex) => withDetail(client.itemError(itemIndex, answer), why));
}

/**
 * Dry Run: what the change would come to, decided from the lease as read (found by number or
 * UUID and checked as the change's own lookup is), with nothing sent. The lease's `subscriptions`
 * must say whether SMS is on; without them nothing is claimed and the item fails. An "already so"
 * lease fails the item, as the real run would, when Fail If Already … is on.
 */
function previewLease(
	client: OpentactClient,
	node: INode,
	action: SmsAction,
	strict: boolean,
	tnLeaseId: string,
	lease: IDataObject | undefined,
): ChangeResult {
	const { done, already, would } = CHANGES[action];
	const smsEnabled = lease === undefined ? undefined : leaseSmsState(lease);
	if (smsEnabled === undefined) {
		return {
			ok: false,
			error: (itemIndex) =>
				client.unusableAnswer(
					itemIndex,
					`the lease ${tnLeaseId} has no subscriptions list, so whether its SMS is on is not known`,
					'Dry Run: nothing was sent, and what a real run would change is not known.',
				),
		};
	}
	const alreadySo = smsEnabled === done.smsEnabled;
	if (alreadySo && strict) {
		const stateWord = done.smsEnabled ? 'on' : 'off';
		return {
			ok: false,
			error: (itemIndex) =>
				new NodeOperationError(
					node,
					`Item ${itemIndex}: SMS is already ${stateWord} on lease ${tnLeaseId} and ${already.optionName} is on, so a real run would fail this item`,
					{ itemIndex, description: `Dry Run: nothing was sent. The lease read shows SMS already ${stateWord}.` },
				),
		};
	}
	return {
		ok: true,
		outcome: alreadySo ? already.outcome : would,
		smsEnabled,
		confirmedBy: 'readBack',
		providerMessage: null,
		provider: { key: 'lease', value: lease },
	};
}
