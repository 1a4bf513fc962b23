import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { mapWithConcurrency } from '../../../shared/concurrency';
import type { ItemError } from '../../../shared/itemErrors';
import type { ItemOutcome, PreparedItem } from '../../../shared/runOperation';
import { CREDENTIAL_TYPE, type OpentactAnswer, type OpentactClient, openOpentactClient } from '../../transport/client';
import {
	checkLease,
	isAnswer,
	isReadBackRefusal,
	leaseSmsState,
	providerMessageOf,
} from '../../transport/answers';
import { createLeaseResolver } from '../../transport/leases';
import { unusableAnswer, withDetail } from './answerErrors';
import { type ConfirmedBy, type Outcome, auditRecord } from './output';
import type { LeaseTarget } from './leaseTarget';
import type { RunOptions } from './fields';
import { readItem } from './readItem';

/** How one SMS subscription change (disable or enable) is read, requested and reported. */
export interface SmsChange<T extends { target: LeaseTarget }> {
	/** Reads and checks one item's fields; throws its NodeOperationError. */
	read: (itemIndex: number) => T;
	method: IHttpRequestMethods;
	body?: (input: T) => IDataObject;
	/** Outcome and SMS state after the change went through. */
	done: { outcome: Outcome; smsEnabled: boolean };
	/**
	 * The provider's answer meaning "already so" (our ASSUMED vocabulary), reported as
	 * `already.outcome`, or as an error when `strict` (the option named `option`).
	 */
	already: { answer: { status: number; message: string }; outcome: Outcome; strict: boolean; option: string };
}

/** FACT (seed): the subscription route, the lease given in the `tn_lease` query parameter. */
const SMS_SUBSCRIPTION_PATH = '/lease/tn/number/subscription/sms';

type Failed = Extract<OpentactAnswer, { ok: false }>;

/** What one lease's change came to; every item naming that lease is answered from it. */
type ChangeResult =
	| { ok: true; outcome: Outcome; confirmedBy: ConfirmedBy; providerMessage: string | null; subscription: unknown }
	| { ok: false; error: (itemIndex: number) => ItemError };

interface LeaseChange {
	/** The item whose request this is, and the body it asked for (items must agree on it). */
	itemIndex: number;
	body: string;
	result: Promise<ChangeResult>;
}

const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** Credential values an answer could echo back, kept out of `providerMessage`. */
async function runSecrets(ctx: IExecuteFunctions): Promise<string[]> {
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
	return ['apiKey', 'password', 'sessionToken']
		.map((key) => credentials[key])
		.filter((value): value is string => typeof value === 'string' && value !== '');
}

/**
 * Reads each item, resolves its number to its lease (once per distinct number), then sends the
 * change once per lease: items naming the same lease (a number in two formats, its UUID) share
 * that one request and its result. Items run concurrently up to the run's request limit.
 */
export async function performSmsChange<T extends { target: LeaseTarget }>(
	ctx: IExecuteFunctions,
	run: RunOptions,
	change: SmsChange<T>,
	items: Array<PreparedItem<unknown>>,
	report: (itemIndex: number, outcome: ItemOutcome) => void,
	shouldStop: () => boolean,
): Promise<void> {
	if (items.length === 0) return;
	const client = await openOpentactClient(ctx, run.settings);
	const secrets = await runSecrets(ctx);
	const resolver = createLeaseResolver(client, items.length);
	const changes = new Map<string, LeaseChange>();
	const node = ctx.getNode();
	const settle = settler(client, node, change, secrets);

	const changeOne = async ({ itemIndex }: PreparedItem<unknown>) => {
		const input = readItem(ctx, itemIndex, () => change.read(itemIndex), report);
		if (input === undefined) return;
		const { target } = input;
		let tnLeaseId: string;
		if (target.kind === 'uuid') {
			tnLeaseId = target.uuid;
		} else {
			const resolved = await resolver.byNumber(target.tn);
			if (!resolved.ok) {
				const error =
					'answer' in resolved
						? client.itemError(itemIndex, resolved.answer)
						: unusableAnswer(node, itemIndex, resolved.problem, 'Nothing was sent to change this number.');
				return report(itemIndex, error);
			}
			tnLeaseId = resolved.uuid;
		}
		if (shouldStop()) return;
		const body = change.body?.(input);
		const bodyKey = JSON.stringify(body ?? null);
		let leaseChange = changes.get(tnLeaseId);
		if (!leaseChange) {
			leaseChange = { itemIndex, body: bodyKey, result: settle(tnLeaseId, body) };
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
			smsEnabled: change.done.smsEnabled,
			outcome: result.outcome,
			confirmedBy: result.confirmedBy,
			providerMessage: result.providerMessage,
		};
		report(itemIndex, auditRecord(fields, { key: 'subscription', value: result.subscription, simplify: run.simplify }));
	};

	await mapWithConcurrency(items, run.settings.concurrency, changeOne, shouldStop);
}

/**
 * Sends one lease's change and decides what its answer proves. Known words decide at once; a
 * refusal in other words is settled by reading the lease back; anything else fails the items
 * with Opentact's own words.
 */
function settler<T extends { target: LeaseTarget }>(client: OpentactClient, node: INode, change: SmsChange<T>, secrets: string[]) {
	const { done, already } = change;
	const stateWord = done.smsEnabled ? 'on' : 'off';
	const oppositeWord = done.smsEnabled ? 'off' : 'on';
	const doneResult = (confirmedBy: ConfirmedBy, providerMessage: string | null, subscription: unknown = null): ChangeResult => ({
		ok: true,
		outcome: done.outcome,
		confirmedBy,
		providerMessage,
		subscription,
	});
	const failed = (error: (itemIndex: number) => ItemError): ChangeResult => ({ ok: false, error });

	/** "Already so", proven by the answer's words or by the lease read back. */
	const alreadyResult = (confirmedBy: ConfirmedBy, refusal: Failed): ChangeResult => {
		if (already.strict) {
			return failed((itemIndex) => {
				const error = client.itemError(itemIndex, refusal);
				const how = confirmedBy === 'readBack' ? 'the lease read back shows' : 'Opentact says';
				return withDetail(error, `SMS is already ${stateWord}: ${how} so, and ${already.option} is on.`);
			});
		}
		return { ok: true, outcome: already.outcome, confirmedBy, providerMessage: providerMessageOf(refusal.failure, secrets), subscription: null };
	};

	/**
	 * The lease's SMS state after an answer that did not say what happened: true when it is as the
	 * change asks, false when not, or a sentence saying why the read-back proves nothing.
	 */
	const readBack = async (tnLeaseId: string): Promise<boolean | string> => {
		const read = await client.send({ method: 'GET', path: `/lease/tn/${tnLeaseId}` });
		if (!read.ok) {
			return `Reading the lease back failed too (${read.failure.status === undefined ? 'no answer' : `HTTP ${read.failure.status}`}).`;
		}
		const checked = checkLease(read.payload, { uuid: tnLeaseId });
		if (!checked.ok) return `Reading the lease back gave no usable answer: ${checked.problem}.`;
		const state = leaseSmsState(checked.lease);
		if (state === undefined) return 'The lease read back has no subscriptions list, so its SMS state is unknown.';
		return state === done.smsEnabled;
	};

	return async (tnLeaseId: string, body: IDataObject | undefined): Promise<ChangeResult> => {
		const answer = await client.send({ method: change.method, path: SMS_SUBSCRIPTION_PATH, qs: { tn_lease: tnLeaseId }, body });
		if (answer.ok) {
			if (isObject(answer.payload)) return doneResult('answer', null, answer.payload);
			// A success without the subscription it should carry: only the lease's state can tell.
			const state = await readBack(tnLeaseId);
			if (state === true) return doneResult('readBack', null);
			const why = typeof state === 'string' ? state : `The lease, read back after this answer, shows SMS still ${oppositeWord}.`;
			return failed((itemIndex) =>
				unusableAnswer(node, itemIndex, 'it answered success without the subscription the change returns', why),
			);
		}
		const lostBefore = answer.earlierAttemptMayHaveApplied;
		const providerMessage = providerMessageOf(answer.failure, secrets);
		if (isAnswer(answer.failure, already.answer)) {
			// Already so, and an earlier attempt of this very request may have done it: this run did.
			return lostBefore ? doneResult('retryAfterLostAnswer', providerMessage) : alreadyResult('answer', answer);
		}
		if (!isReadBackRefusal(answer.failure)) return failed((itemIndex) => client.itemError(itemIndex, answer));
		const state = await readBack(tnLeaseId);
		if (state === true) return lostBefore ? doneResult('retryAfterLostAnswer', providerMessage) : alreadyResult('readBack', answer);
		const why = typeof state === 'string' ? state : `The lease, read back after this refusal, shows SMS still ${oppositeWord}.`;
		return failed((itemIndex) => withDetail(client.itemError(itemIndex, answer), why));
	};
}
