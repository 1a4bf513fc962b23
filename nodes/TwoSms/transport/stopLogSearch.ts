import { chunk } from '../../shared/batching';
import { quoteValue } from '../../shared/itemErrors';
import { STOP_LOG_SEARCH_PAGING, UNREADABLE_SHORT_CODE, detailOf, echoedNumberReader, echoedShortCode } from './answers';
import type { FailedAnswer, TwoSmsClient } from './client';

const STOP_LOG_SEARCH_PATH = 'api/v2/addressbook/stoplog';

/**
 * ASSUMED: ASP.NET's default query-string limit is 2,048 characters, so one search names at most
 * 100 numbers (15 digits and a comma each).
 */
export const MAX_NUMBERS_PER_SEARCH = 100;
const ENTRIES_PER_PAGE = STOP_LOG_SEARCH_PAGING.maxNoOfRecords;
/**
 * ASSUMED: no search of 100 numbers needs more than 50 pages (5,000 entries at 100 a page, or 500
 * at 10 a page). The server decides neither how long a search runs nor how much it holds: past
 * this, the search fails with an error rather than going on.
 */
export const MAX_PAGES_PER_SEARCH = 50;

/** Short codes listed per asked number: digits, null for an entry without one, or UNREADABLE_SHORT_CODE. */
export type ListedShortCodes = Map<string, Array<string | null>>;

export interface StopLogSnapshot {
	listed: ListedShortCodes;
	/**
	 * Set when the answer listed an entry we could not attribute to exactly one asked number (a
	 * number we cannot read, or not asked): that entry may be any number's, so the absence of an
	 * entry proves nothing for any number of this search.
	 */
	unattributed?: string;
	at: string;
}

export type SearchResult =
	| { ok: true; snapshot: StopLogSnapshot }
	| { ok: false; answer: FailedAnswer }
	/** A 2xx answer we cannot take as a complete list, in words for the user. */
	| { ok: false; unreadable: string; attempts: number };

/** Whole non-negative numbers as JSON numbers or digit strings; anything else reads as "not given". */
function readTotal(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
	if (typeof value === 'string' && value.length <= 16 && /^\d+$/.test(value.trim())) return Number(value.trim());
	return undefined;
}

const typeName = (value: unknown) => (value === null ? 'null' : value === undefined ? 'missing' : Array.isArray(value) ? 'a list' : typeof value);

/**
 * Fetches every stop-log entry of `numbers` (bare digits, at most MAX_NUMBERS_PER_SEARCH),
 * page by page, and proves the list complete before it is used to say a number is *not* there:
 *
 * - With `TotalRecords`, pages are read until that many entries came, whatever size the server's
 *   pages are; without it, until an empty page (a short page may just be the server's page size).
 * - Pages count from 0 (as documented). A server counting from 1 answers page 0 either with an
 *   empty page or with its page 1, which page 1 then repeats: the first is followed by page 1,
 *   the second repeat is skipped, and a refused page 0 is asked again as page 1.
 * - Any other page equal to the one before means the server ignores `Page`: the search fails.
 * - At most MAX_PAGES_PER_SEARCH pages, and no page may list more entries than asked for.
 */
export async function searchStopLog(client: TwoSmsClient, numbers: string[], defaultCountry: string): Promise<SearchResult> {
	const asked = new Set(numbers);
	const readNumber = echoedNumberReader(defaultCountry, asked);
	const listed: ListedShortCodes = new Map(numbers.map((digits) => [digits, []]));
	let unattributed: string | undefined;
	let collected = 0;
	let previous: string | undefined;
	let page: number = STOP_LOG_SEARCH_PAGING.firstPage;
	let attempts = 0;
	const fail = (unreadable: string): SearchResult => ({ ok: false, unreadable, attempts });

	for (let request = 1; ; request++) {
		if (request > MAX_PAGES_PER_SEARCH) {
			return fail(`the stop-log search did not end within ${MAX_PAGES_PER_SEARCH} pages; it was stopped there, so which numbers are not on the stop log is not known`);
		}
		const answer = await client.send({
			method: 'GET',
			path: STOP_LOG_SEARCH_PATH,
			qs: { Page: page, NoOfRecords: ENTRIES_PER_PAGE, MobilePhone: numbers.join(',') },
		});
		attempts += answer.attempts;
		if (!answer.ok) {
			const refusedFirstPage = page === STOP_LOG_SEARCH_PAGING.firstPage && (answer.failure.status === 400 || answer.failure.status === 422);
			if (refusedFirstPage) {
				page = STOP_LOG_SEARCH_PAGING.firstPage + 1; // a server counting pages from 1
				continue;
			}
			return { ok: false, answer };
		}
		const detail = detailOf(answer.body);
		const records: unknown = detail.Records;
		if (!Array.isArray(records)) {
			return fail(`the stop-log search answered without a list of Records (Records is ${typeName(records)})`);
		}
		if (records.length > ENTRIES_PER_PAGE) {
			return fail(`the stop-log search listed ${records.length} entries on a page of at most ${ENTRIES_PER_PAGE}`);
		}
		const total = readTotal(detail.TotalRecords);
		if (total !== undefined && total > MAX_PAGES_PER_SEARCH * ENTRIES_PER_PAGE) {
			return fail(`the stop-log search says it has ${total} entries for ${numbers.length} numbers, more than ${MAX_PAGES_PER_SEARCH} pages can hold; it was not read`);
		}
		const signature = JSON.stringify(records);
		const firstPage = page === STOP_LOG_SEARCH_PAGING.firstPage;
		if (records.length > 0 && signature === previous) {
			if (page === STOP_LOG_SEARCH_PAGING.firstPage + 1) {
				// A server counting from 1 read Page=0 as its page 1: this is the same page again.
				page++;
				continue;
			}
			return fail(`2sms answered page ${page} of the stop-log search with the same entries as page ${page - 1}, so it does not page; the search was stopped after ${request} requests`);
		}
		previous = signature;
		if (records.length === 0) {
			if (firstPage && (total === undefined || total > 0)) {
				page++; // an empty page 0 may be a server counting pages from 1
				continue;
			}
			if (total !== undefined && collected < total) {
				return fail(`the stop-log search says it has ${total} entries but listed ${collected} before an empty page`);
			}
			return { ok: true, snapshot: { listed, unattributed, at: new Date().toISOString() } };
		}
		for (const record of records) {
			const entry = typeof record === 'object' && record !== null ? (record as Record<string, unknown>) : {};
			const number = readNumber(entry.MobilePhone ?? entry.Destination);
			if (!number.ok) {
				unattributed ??= `2sms listed a stop-log entry for ${number.problem}`;
				continue;
			}
			listed.get(number.digits)?.push(echoedShortCode(entry.ShortCode));
		}
		collected += records.length;
		if (total !== undefined && collected >= total) {
			if (collected > total) {
				return fail(`the stop-log search says it has ${total} entries but listed ${collected}`);
			}
			return { ok: true, snapshot: { listed, unattributed, at: new Date().toISOString() } };
		}
		page++;
	}
}

/**
 * The stop log of any number of `numbers`, one search per MAX_NUMBERS_PER_SEARCH numbers, one
 * after the other: each number's search result.
 */
export async function searchStopLogs(client: TwoSmsClient, numbers: string[], defaultCountry: string): Promise<Map<string, SearchResult>> {
	const results = new Map<string, SearchResult>();
	for (const part of chunk(numbers, MAX_NUMBERS_PER_SEARCH)) {
		const result = await searchStopLog(client, part, defaultCountry);
		for (const digits of part) results.set(digits, result);
	}
	return results;
}

/** What a read stop log proves about one number, or why it proves nothing. */
export type StopLogState = { known: true; onStopLog: boolean } | { known: false; why: string };

/**
 * Whether `digits` is on the stop log for `shortCode`.
 *
 * ASSUMED: an entry without a short code blocks the number on every short code. With a short code
 * asked for, an entry for that short code or a general entry counts; with none, `anyEntryCounts`
 * decides whether an entry for any short code counts (Check: "any entry") or only a general one
 * (a change made on the account's default short code, which we do not know).
 */
export function stopLogState(
	snapshot: StopLogSnapshot,
	digits: string,
	shortCode: string | null,
	anyEntryCounts: boolean,
): StopLogState {
	const codes = snapshot.listed.get(digits) ?? [];
	const counts = (code: string | null) =>
		code === null || (shortCode === null ? anyEntryCounts : code === shortCode);
	if (codes.some(counts)) return { known: true, onStopLog: true };
	if (codes.includes(UNREADABLE_SHORT_CODE)) {
		return { known: false, why: `2sms listed an entry for +${digits} on a short code that cannot be read` };
	}
	if (shortCode === null && !anyEntryCounts && codes.length > 0) {
		return {
			known: false,
			why: `2sms listed +${digits} on short code ${quoteValue(codes.join(', '))} only, and which short code is the account's default is not known`,
		};
	}
	if (snapshot.unattributed) return { known: false, why: snapshot.unattributed };
	return { known: true, onStopLog: false };
}
