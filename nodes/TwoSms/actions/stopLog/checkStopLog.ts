import type { IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';

import { providerError } from '../../../shared/itemErrors';
import { type ItemOutcome, runOperation } from '../../../shared/runOperation';
import { twoSmsClient, twoSmsItemError } from '../../transport/client';
import { checkEntryReader } from './readStopLogEntry';
import { MAX_NUMBERS_PER_SEARCH, type SearchResult, searchStopLog, stopLogState } from '../../transport/stopLogSearch';
import { readStopLogOptions } from './stopLogOptions';
import { streamNumberBatches } from './batches';

type CheckEntry = { digits: string; shortCode: string | null };

/** A search that failed, or whose answer cannot say what it claims, as one item's error. */
export function searchItemError(node: INode, itemIndex: number, result: Exclude<SearchResult, { ok: true }>, prefix = '') {
	if ('answer' in result) return twoSmsItemError(node, itemIndex, result.answer);
	return providerError(node, itemIndex, '2sms', { status: 200, summary: 'HTTP 200' }, { message: `${prefix}${result.unreadable}` }, result.attempts);
}

/** `onStopLog` only when the answer proves it; otherwise the item fails saying why. */
function checkOutcome(node: INode, itemIndex: number, entry: CheckEntry, result: SearchResult): ItemOutcome {
	if (!result.ok) return searchItemError(node, itemIndex, result);
	const state = stopLogState(result.snapshot, entry.digits, entry.shortCode, true);
	if (!state.known) {
		return providerError(node, itemIndex, '2sms', { status: 200, summary: 'HTTP 200' }, {
			message: `whether +${entry.digits} is on the stop log cannot be told: ${state.why}`,
		}, 1);
	}
	return {
		phoneNumber: `+${entry.digits}`,
		shortCode: entry.shortCode,
		onStopLog: state.onStopLog,
		at: result.snapshot.at,
	};
}

/** Check: one search per 100 distinct numbers, each item told `onStopLog: true/false`. */
export async function checkStopLog(ctx: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const node = ctx.getNode(); // a deep copy per call: taken once, not per item
	return await runOperation(ctx, async (itemIndexes, report, shouldStop) => {
			// Fields are read as each batch is formed (see batches.ts).
			// Inside the work, so that a configuration the node refuses becomes every item's error.
			const options = readStopLogOptions(ctx);
			const client = await twoSmsClient(ctx, options.settings);
			await streamNumberBatches<CheckEntry, SearchResult>({
				ctx,
				itemIndexes,
				read: checkEntryReader(ctx, options.defaultCountry),
				batchSize: Math.min(options.batchSize, MAX_NUMBERS_PER_SEARCH),
				concurrency: options.settings.concurrency,
				async send(batch, settle) {
					const numbers = [...new Set(batch.map((group) => group.entry.digits))];
					const result = await searchStopLog(client, numbers, options.defaultCountry);
					for (const group of batch) settle(group, result);
				},
				outcome: (itemIndex, entry, result) => checkOutcome(node, itemIndex, entry, result),
				report,
				shouldStop,
			});
	});
}
