import type { IDataObject, IExecuteFunctions, IHttpRequestMethods } from 'n8n-workflow';

import { mapWithConcurrency } from '../../../shared/concurrency';
import type { ItemOutcome, PreparedItem } from '../../../shared/runOperation';
import { openOpentactClient } from '../../transport/opentactClient';
import { isAnswer } from '../../transport/providerAnswers';
import { createLeaseResolver } from '../../transport/resolveLease';
import { unusableAnswer } from './answerErrors';
import { auditRecord, type Outcome } from './auditRecord';
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
	/** The provider's answer meaning "already so", reported as `already.outcome` unless `strict`. */
	already: { answer: { status: number; message: string }; outcome: Outcome; strict: boolean };
}

/** FACT (seed): the subscription route, the lease given in the `tn_lease` query parameter. */
const SMS_SUBSCRIPTION_PATH = '/lease/tn/number/subscription/sms';

/**
 * Reads each item, resolves its number to its lease (once per distinct number), then sends the
 * change with the lease UUID, items running concurrently up to the run's request limit.
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
	const resolver = createLeaseResolver(client, items.length);

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
						: unusableAnswer(ctx.getNode(), itemIndex, resolved.problem, 'Nothing was sent to change this number.');
				return report(itemIndex, error);
			}
			tnLeaseId = resolved.uuid;
		}
		if (shouldStop()) return;
		const answer = await client.send({
			method: change.method,
			path: SMS_SUBSCRIPTION_PATH,
			qs: { tn_lease: tnLeaseId },
			body: change.body?.(input),
		});
		const phoneNumber = target.kind === 'number' ? target.e164 : null;
		if (answer.ok) {
			const fields = { phoneNumber, tnLeaseId, ...change.done };
			return report(itemIndex, auditRecord(fields, { key: 'subscription', value: answer.payload, simplify: run.simplify }));
		}
		const { already } = change;
		if (!already.strict && isAnswer(answer.failure, already.answer)) {
			const fields = { phoneNumber, tnLeaseId, smsEnabled: change.done.smsEnabled, outcome: already.outcome };
			return report(itemIndex, auditRecord(fields, { key: 'subscription', value: null, simplify: run.simplify }));
		}
		report(itemIndex, client.itemError(itemIndex, answer));
	};

	await mapWithConcurrency(items, run.settings.concurrency, changeOne, shouldStop);
}
