import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';

import { providerError } from '../../../shared/itemErrors';
import { type ItemOutcome, runOperation } from '../../../shared/runOperation';
import { twoSmsClient, twoSmsItemError } from '../../transport/callTwoSms';
import { echoedShortCode } from './numberKeys';
import { type StopLogEntry, stopLogEntryReader } from './readStopLogEntry';
import { type GroupResult, sendStopLogBatch } from './sendStopLogBatch';
import { type StopLogAction, stopLogOutcome } from './stopLogOutcome';
import { readStopLogOptions } from './stopLogOptions';
import { streamNumberBatches } from './streamNumberBatches';

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
		// The short code 2sms applied (its default when none was given), for the audit trail.
		shortCode: echoedShortCode(record.ShortCode) ?? entry.shortCode,
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
 * Remove from / Add to Stop Log: distinct numbers go out in batches (`batchSize` records a
 * request, a few requests at once) as soon as each batch is read, each item answered from its record.
 */
export async function changeStopLog(ctx: IExecuteFunctions, action: StopLogAction): Promise<INodeExecutionData[][]> {
	const node = ctx.getNode(); // a deep copy per call: taken once, not per item
	return await runOperation<number>(ctx, {
		prepare: (itemIndex) => itemIndex, // fields are read as each batch is formed, see streamNumberBatches
		async perform(items, report, shouldStop) {
			// Inside the work: a refused credential or option is then every item's error (runOperation).
			const options = readStopLogOptions(ctx);
			const client = await twoSmsClient(ctx, options.settings);
			await streamNumberBatches<StopLogEntry, GroupResult>({
				ctx,
				itemIndexes: items.map(({ itemIndex }) => itemIndex),
				read: stopLogEntryReader(ctx, options.defaultCountry),
				batchSize: options.batchSize,
				concurrency: options.settings.concurrency,
				send: async (batch, settle) => await sendStopLogBatch(client, action, batch, settle, shouldStop),
				outcome: (itemIndex, entry, result) => itemOutcome(node, action, entry, itemIndex, result),
				report,
				shouldStop,
			});
		},
	});
}
