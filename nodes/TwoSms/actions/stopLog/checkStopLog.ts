import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { chunk } from '../../../shared/batching';
import { mapWithConcurrency } from '../../../shared/concurrency';
import { runOperation } from '../../../shared/runOperation';
import { type TwoSmsAnswer, type TwoSmsClient, callTwoSms, twoSmsClient, twoSmsItemError } from '../../transport/callTwoSms';
import { detailOf } from '../../transport/envelope';
import { echoedDigits, echoedShortCode } from './groupByNumber';
import { checkEntryReader } from './readStopLogEntry';
import { readStopLogOptions } from './stopLogOptions';

const STOP_LOG_SEARCH_PATH = 'api/v2/addressbook/stoplog';

/**
 * ASSUMED: ASP.NET's default query-string limit is 2,048 characters, so one search names at most
 * 100 numbers (15 digits and a comma each); its answer is paged 100 entries at a time
 * (simulator/assumed.js TWO_SMS_V2_PAGING), pages counted from 1, with `TotalRecords` when given
 * saving the request for an empty last page.
 */
const MAX_NUMBERS_PER_SEARCH = 100;
const ENTRIES_PER_PAGE = 100;
const FIRST_PAGE = 1;

/** Short codes on the stop log per number; null stands for an entry without a short code. */
type StopLogEntries = Map<string, Array<string | null>>;

/** Fetches every stop-log entry of `numbers`, page by page, or the failed answer. */
async function searchStopLog(client: TwoSmsClient, numbers: string[]): Promise<StopLogEntries | Extract<TwoSmsAnswer, { ok: false }>> {
	const found: StopLogEntries = new Map(numbers.map((digits) => [digits, []]));
	for (let page = FIRST_PAGE; ; page++) {
		const answer = await callTwoSms(client, {
			method: 'GET',
			path: STOP_LOG_SEARCH_PATH,
			qs: { Page: page, NoOfRecords: ENTRIES_PER_PAGE, MobilePhone: numbers.join(',') },
		});
		if (!answer.ok) return answer;
		const detail = detailOf(answer.body);
		const records = detail.Records;
		const list = Array.isArray(records) ? (records as Array<Record<string, unknown>>) : [];
		for (const record of list) {
			const digits = echoedDigits(record?.MobilePhone ?? record?.Destination);
			found.get(digits)?.push(echoedShortCode(record?.ShortCode));
		}
		const total = detail.TotalRecords;
		if (list.length < ENTRIES_PER_PAGE || (typeof total === 'number' && page * ENTRIES_PER_PAGE >= total)) return found;
	}
}

/**
 * ASSUMED: an entry without a short code blocks the number on every short code; with a short
 * code asked for, an entry for that short code or a general entry counts.
 */
function isOnStopLog(shortCodes: Array<string | null> | undefined, shortCode: string | null): boolean {
	if (!shortCodes || shortCodes.length === 0) return false;
	if (shortCode === null) return true;
	return shortCodes.some((code) => code === null || code === shortCode);
}

/** Check: one search per 100 distinct numbers, each item told `onStopLog: true/false`. */
export async function checkStopLog(ctx: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const options = readStopLogOptions(ctx);
	const client = await twoSmsClient(ctx, options.settings);
	const node = ctx.getNode(); // a deep copy per call: taken once, not per item
	return await runOperation(ctx, {
		prepare: checkEntryReader(ctx, options.defaultCountry),
		async perform(items, report, shouldStop) {
			const numbers = [...new Set(items.map(({ input }) => input.digits))];
			const batchSize = Math.min(options.batchSize, MAX_NUMBERS_PER_SEARCH);
			const results = new Map<string, StopLogEntries | Extract<TwoSmsAnswer, { ok: false }>>();
			await mapWithConcurrency(
				chunk(numbers, batchSize),
				options.settings.concurrency,
				async (batch) => {
					const result = await searchStopLog(client, batch);
					for (const digits of batch) results.set(digits, result);
				},
				shouldStop,
			);
			const at = new Date().toISOString();
			for (const { itemIndex, input } of items) {
				const result = results.get(input.digits);
				if (result === undefined) continue; // never searched: the run stopped after a failure
				if (!(result instanceof Map)) {
					report(itemIndex, twoSmsItemError(node, itemIndex, result));
					continue;
				}
				report(itemIndex, {
					phoneNumber: `+${input.digits}`,
					shortCode: input.shortCode,
					onStopLog: isOnStopLog(result.get(input.digits), input.shortCode),
					at,
				});
			}
		},
	});
}
