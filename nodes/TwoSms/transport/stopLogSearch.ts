import { chunk } from '../../shared/batching';
import { quoteValue } from '../../shared/itemErrors';
import { UNREADABLE_SHORT_CODE, echoedNumberReader, echoedShortCode, numberOfListedRecord } from './answers';
import type { FailedAnswer, TwoSmsClient } from './client';
import { readStopLogPages } from './stopLogPages';

/**
 * ASSUMED: ASP.NET's default query-string limit is 2,048 characters, so one search names at most
 * 100 numbers (15 digits and a comma each).
 */
export const MAX_NUMBERS_PER_SEARCH = 100;
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

/**
 * Fetches every stop-log entry of `numbers` (bare digits, at most MAX_NUMBERS_PER_SEARCH),
 * `GET api/v2/addressbook/stoplog?MobilePhone=a,b`, page by page (see readStopLogPages for how
 * the list is proven complete) before it is used to say a number is *not* there.
 */
export async function searchStopLog(client: TwoSmsClient, numbers: string[], defaultCountry: string): Promise<SearchResult> {
	const readNumber = echoedNumberReader(defaultCountry, new Set(numbers));
	const listed: ListedShortCodes = new Map(numbers.map((digits) => [digits, []]));
	let unattributed: string | undefined;
	const rules = {
		maxPages: MAX_PAGES_PER_SEARCH,
		total: 'optional' as const,
		words: {
			name: 'the stop-log search',
			of: ` for ${numbers.length} numbers`,
			unknown: 'which numbers are not on the stop log is not known',
			noun: 'search',
		},
	};
	const read = await readStopLogPages(client, { MobilePhone: numbers.join(',') }, rules, (records) => {
		for (const record of records) {
			const entry = typeof record === 'object' && record !== null ? (record as Record<string, unknown>) : {};
			const number = readNumber(numberOfListedRecord(entry));
			if (!number.ok) {
				unattributed ??= `2sms listed a stop-log entry for ${number.problem}`;
				continue;
			}
			listed.get(number.digits)?.push(echoedShortCode(entry.ShortCode));
		}
	});
	if (!read.ok) return read;
	return { ok: true, snapshot: { listed, unattributed, at: new Date().toISOString() } };
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

/**
 * What a read stop log proves about one number, or why it proves nothing. `listed` is what 2sms
 * lists, not the stop log itself: the listing covers the user's address-book contacts only, so a
 * listed entry proves "on the stop log" and no listed entry proves nothing about a number that is
 * no contact (a STOP from a stranger is on the stop log, unlisted). Callers claim accordingly.
 */
export type StopLogState = { known: true; listed: boolean } | { known: false; why: string };

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
	if (codes.some(counts)) return { known: true, listed: true };
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
	return { known: true, listed: false };
}
