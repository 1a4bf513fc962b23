import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsField } from '../../../shared/options';
import { type ItemOutcome, runOperation } from '../../../shared/runOperation';
import { type TwoSmsClient, openClient } from '../../transport/client';
import { MAX_NUMBERS_PER_SEARCH, type SearchResult, searchStopLog, stopLogState } from '../../transport/stopLogSearch';
import { answerGroup, sendInBatches } from './batches';
import { type CheckEntry, checkEntryReader, phoneNumberField, readRunOptions, runOptionFields, shortCodeField } from './fields';
import { checkRecord } from './output';

const properties: INodeProperties[] = [
	phoneNumberField('The number to look up on the 2sms stop log'),
	shortCodeField('Only count a stop-log entry for this short code (or one without a short code). Leave empty to count any entry.'),
	optionsField(runOptionFields),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['stopLog'], operation: ['check'] } },
	properties,
);

/**
 * `onStopLog: true` when 2sms lists an entry that counts; when it lists none, `onStopLog: null` and
 * `listed: false` (2sms lists address-book contacts only, so silence proves nothing about a number
 * that is no contact); an answer that cannot tell fails the item saying why.
 */
function checkOutcome(client: TwoSmsClient, itemIndex: number, entry: CheckEntry, result: SearchResult): ItemOutcome {
	if (!result.ok) {
		return 'answer' in result ? client.itemError(itemIndex, result.answer) : client.unusableAnswer(itemIndex, result.unreadable, result.attempts);
	}
	const state = stopLogState(result.snapshot, entry.digits, entry.shortCode, true);
	if (!state.known) return client.unusableAnswer(itemIndex, `whether +${entry.digits} is on the stop log cannot be told: ${state.why}`, 1);
	return checkRecord(entry, state.listed, result.snapshot.at);
}

/**
 * Check: `GET api/v2/addressbook/stoplog?MobilePhone=…`, one search per 100 distinct numbers
 * (each batch), each item told `onStopLog: true` or, when not listed, `onStopLog: null, listed: false`.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runOperation(this, async (itemIndexes, report, shouldStop) => {
		// Inside the work, so that a configuration the node refuses becomes every item's error.
		const run = readRunOptions(this);
		const client = await openClient(this, run.settings);
		await sendInBatches(
			{
				ctx: this,
				itemIndexes,
				read: checkEntryReader(this, run.defaultCountry),
				batchSize: Math.min(run.batchSize, MAX_NUMBERS_PER_SEARCH),
				concurrency: run.settings.concurrency,
				report,
				shouldStop,
			},
			async (batch) => {
				const numbers = [...new Set(batch.map((group) => group.entry.digits))];
				const result = await searchStopLog(client, numbers, run.defaultCountry);
				for (const group of batch) answerGroup(group, (itemIndex) => checkOutcome(client, itemIndex, group.entry, result), report);
			},
		);
	});
}
