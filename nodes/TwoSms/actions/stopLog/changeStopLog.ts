import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';

import { chunk } from '../../../shared/batching';
import { mapWithConcurrency } from '../../../shared/concurrency';
import { providerError } from '../../../shared/itemErrors';
import { type ItemOutcome, runOperation } from '../../../shared/runOperation';
import { twoSmsClient, twoSmsItemError } from '../../transport/callTwoSms';
import { groupByNumber } from './groupByNumber';
import { type StopLogEntry, stopLogEntryReader } from './readStopLogEntry';
import { type GroupResult, sendStopLogBatch } from './sendStopLogBatch';
import { type StopLogAction, stopLogOutcome } from './stopLogOutcome';
import { readStopLogOptions } from './stopLogOptions';

/** Turns what 2sms said about one number into the item's audit record (or its error). */
function itemOutcome(
	node: INode,
	action: StopLogAction,
	entry: StopLogEntry,
	itemIndex: number,
	result: GroupResult,
): ItemOutcome {
	if (!result.ok) {
		if ('answer' in result) return twoSmsItemError(node, itemIndex, result.answer);
		return providerError(node, itemIndex, '2sms', { status: 200, summary: 'HTTP 200' }, {
			message: `2sms accepted the batch but said nothing about +${entry.digits}`,
		}, 1);
	}
	const { record } = result;
	const status = typeof record.Status === 'string' ? record.Status : null;
	const outcome = stopLogOutcome(action, status);
	if (outcome === 'failed') {
		return providerError(node, itemIndex, '2sms', { status: 200, summary: 'HTTP 200' }, {
			message: `2sms reported the status "${status}" for +${entry.digits}`,
		}, 1);
	}
	const json: IDataObject = {
		phoneNumber: `+${entry.digits}`,
		shortCode: entry.shortCode,
		outcome,
		status,
		messageId: typeof record.MessageID === 'string' && record.MessageID !== '' ? record.MessageID : null,
		creditsUsed: result.creditsUsed,
		creditsRemaining: result.creditsRemaining,
		at: result.at,
	};
	return json;
}

/**
 * Remove from / Add to Stop Log: every item checked first, distinct numbers sent in batches
 * (`batchSize` records a request, a few requests at once), each item answered from its record.
 */
export async function changeStopLog(ctx: IExecuteFunctions, action: StopLogAction): Promise<INodeExecutionData[][]> {
	const options = readStopLogOptions(ctx);
	const client = await twoSmsClient(ctx, options.settings);
	const node = ctx.getNode(); // a deep copy per call: taken once, not per item
	return await runOperation<StopLogEntry>(ctx, {
		prepare: stopLogEntryReader(ctx, options.defaultCountry),
		async perform(items, report, shouldStop) {
			const batches = chunk(groupByNumber(items), options.batchSize);
			await mapWithConcurrency(
				batches,
				options.settings.concurrency,
				async (batch) =>
					await sendStopLogBatch(client, action, batch, (group, result) => {
						for (const itemIndex of group.itemIndexes) {
							report(itemIndex, itemOutcome(node, action, group.entry, itemIndex, result));
						}
					}, shouldStop),
				shouldStop,
			);
		},
	});
}
