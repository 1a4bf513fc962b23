import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runOperation } from '../../../shared/runOperation';
import { type TwoSmsAnswer, type TwoSmsClient, callTwoSms, twoSmsClient, twoSmsItemError } from '../../transport/callTwoSms';
import { detailOf } from '../../transport/envelope';
import { echoedDigits, echoedShortCode } from './numberKeys';
import { checkEntryReader } from './readStopLogEntry';
import { readStopLogOptions } from './stopLogOptions';
import { streamNumberBatches } from './streamNumberBatches';

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
type SearchResult = { ok: true; entries: StopLogEntries; at: string } | Extract<TwoSmsAnswer, { ok: false }>;

/** Fetches every stop-log entry of `numbers`, page by page. */
async function searchStopLog(client: TwoSmsClient, numbers: string[]): Promise<SearchResult> {
	const entries: StopLogEntries = new Map(numbers.map((digits) => [digits, []]));
	for (let page = FIRST_PAGE; ; page++) {
		const answer = await callTwoSms(client, {
			method: 'GET',
			path: STOP_LOG_SEARCH_PATH,
			qs: { Page: page, NoOfRecords: ENTRIES_PER_PAGE, MobilePhone: numbers.join(',') },
		});
		if (!answer.ok) return answer;
		const detail = detailOf(answer.body);
		const list = Array.isArray(detail.Records) ? (detail.Records as Array<Record<string, unknown> | null>) : [];
		for (const record of list) {
			const digits = echoedDigits(record?.MobilePhone ?? record?.Destination);
			entries.get(digits)?.push(echoedShortCode(record?.ShortCode));
		}
		const total = detail.TotalRecords;
		if (list.length < ENTRIES_PER_PAGE || (typeof total === 'number' && page * ENTRIES_PER_PAGE >= total)) {
			return { ok: true, entries, at: new Date().toISOString() };
		}
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
	const node = ctx.getNode(); // a deep copy per call: taken once, not per item
	return await runOperation<number>(ctx, {
		prepare: (itemIndex) => itemIndex, // fields are read as each batch is formed
		async perform(items, report, shouldStop) {
			// Inside the work: a refused credential or option is then every item's error (runOperation).
			const options = readStopLogOptions(ctx);
			const client = await twoSmsClient(ctx, options.settings);
			await streamNumberBatches<{ digits: string; shortCode: string | null }, SearchResult>({
				ctx,
				itemIndexes: items.map(({ itemIndex }) => itemIndex),
				read: checkEntryReader(ctx, options.defaultCountry),
				batchSize: Math.min(options.batchSize, MAX_NUMBERS_PER_SEARCH),
				concurrency: options.settings.concurrency,
				async send(batch, settle) {
					const result = await searchStopLog(client, [...new Set(batch.map((group) => group.entry.digits))]);
					for (const group of batch) settle(group, result);
				},
				outcome: (itemIndex, entry, result) =>
					result.ok
						? {
								phoneNumber: `+${entry.digits}`,
								shortCode: entry.shortCode,
								onStopLog: isOnStopLog(result.entries.get(entry.digits), entry.shortCode),
								at: result.at,
							}
						: twoSmsItemError(node, itemIndex, result),
				report,
				shouldStop,
			});
		},
	});
}
