import type { IDataObject } from 'n8n-workflow';

import { STOP_LOG_SEARCH_PAGING, detailOf } from './answers';
import type { FailedAnswer, TwoSmsClient } from './client';

/** FACT (docs/api-notes.md, 2sms "Stop log"): the listing Check, Get Many and the trigger read. */
const STOP_LOG_LISTING_PATH = 'api/v2/addressbook/stoplog';
const ENTRIES_PER_PAGE = STOP_LOG_SEARCH_PAGING.maxNoOfRecords;
const FIRST_PAGE = STOP_LOG_SEARCH_PAGING.firstPage;

/**
 * What a read must prove about `TotalRecords`:
 * - `optional` (Check): used when given; without it, pages are read until an empty one.
 * - `steady` (Get Many): as `optional`, and a total given on the first page must be given, the
 *   same, on every page: a total that moves means the list changed while it was read.
 * - `required` (the trigger): every page gives the same total; a list whose length is not told
 *   cannot be proven complete, and a removal is only claimed from a complete one.
 */
export type TotalRule = 'optional' | 'steady' | 'required';

export interface PagingRules {
	/** The most requests one read makes: the server decides no loop's length. */
	maxPages: number;
	total: TotalRule;
	/** Stop once this many entries came (Get Many's Limit); the read is then not complete. */
	limit?: number;
	/** How messages name the read: "the stop-log search", " for 3 numbers", what is then not known, "search". */
	words: { name: string; of: string; unknown: string; noun: string };
}

export type PagesRead =
	| { ok: true; complete: boolean; attempts: number }
	| { ok: false; answer: FailedAnswer }
	/** A 2xx answer we cannot take as part of a complete list, in words for the user. */
	| { ok: false; unreadable: string; attempts: number };

/** Whole non-negative numbers as JSON numbers or digit strings; anything else reads as "not given". */
function readTotal(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
	if (typeof value === 'string' && value.length <= 16 && /^\d+$/.test(value.trim())) return Number(value.trim());
	return undefined;
}

const typeName = (value: unknown) => (value === null ? 'null' : value === undefined ? 'missing' : Array.isArray(value) ? 'a list' : typeof value);

/**
 * Reads `GET api/v2/addressbook/stoplog` with `query` (MobilePhone, filters) page by page and
 * hands each page's records to `take`, in order; tells whether the list was read whole.
 *
 * - With `TotalRecords`, pages are read until that many entries came, whatever size the server's
 *   pages are; without it, until an empty page (a short page may just be the server's page size).
 * - Pages count from 0 (as documented). A server counting from 1 answers page 0 either with an
 *   empty page or with its page 1, which page 1 then repeats: the first is followed by page 1,
 *   the second repeat is skipped, and a refused page 0 is asked again as page 1.
 * - Any other page equal to the one before means the server ignores `Page`: the read fails.
 * - At most `maxPages` requests, and no page may list more entries than asked for.
 */
export async function readStopLogPages(
	client: TwoSmsClient,
	query: IDataObject,
	rules: PagingRules,
	take: (records: unknown[]) => void,
): Promise<PagesRead> {
	const { name, of, unknown, noun } = rules.words;
	let collected = 0;
	let previous: string | undefined;
	let page: number = FIRST_PAGE;
	let attempts = 0;
	// The total of the first page that answered, for `steady` and `required`; null before it.
	let firstTotal: number | undefined | null = null;
	const fail = (unreadable: string): PagesRead => ({ ok: false, unreadable, attempts });

	for (let request = 1; ; request++) {
		if (request > rules.maxPages) {
			return fail(`${name} did not end within ${rules.maxPages} pages; it was stopped there, so ${unknown}`);
		}
		const answer = await client.send({
			method: 'GET',
			path: STOP_LOG_LISTING_PATH,
			qs: { Page: page, NoOfRecords: ENTRIES_PER_PAGE, ...query },
		});
		attempts += answer.attempts;
		if (!answer.ok) {
			const refusedFirstPage = page === FIRST_PAGE && (answer.failure.status === 400 || answer.failure.status === 422);
			if (refusedFirstPage) {
				page = FIRST_PAGE + 1; // a server counting pages from 1
				continue;
			}
			return { ok: false, answer };
		}
		const detail = detailOf(answer.body);
		const records: unknown = detail.Records;
		if (!Array.isArray(records)) {
			return fail(`${name} answered without a list of Records (Records is ${typeName(records)})`);
		}
		if (records.length > ENTRIES_PER_PAGE) {
			return fail(`${name} listed ${records.length} entries on a page of at most ${ENTRIES_PER_PAGE}`);
		}
		const total = readTotal(detail.TotalRecords);
		if (total !== undefined && total > rules.maxPages * ENTRIES_PER_PAGE) {
			return fail(`${name} says it has ${total} entries${of}, more than ${rules.maxPages} pages can hold; it was not read`);
		}
		if (rules.total === 'required' && total === undefined) {
			return fail(`${name} gave no readable TotalRecords on page ${page} (${typeName(detail.TotalRecords)}), so whether it is complete cannot be told`);
		}
		if (rules.total !== 'optional') {
			if (firstTotal === null) firstTotal = total;
			else if (total !== firstTotal) {
				return fail(`${name} changed while it was read: it said ${firstTotal ?? 'no'} TotalRecords at first and ${total ?? 'none'} on page ${page}`);
			}
		}
		const signature = JSON.stringify(records);
		const firstPage = page === FIRST_PAGE;
		if (records.length > 0 && signature === previous) {
			if (page === FIRST_PAGE + 1) {
				// A server counting from 1 read Page=0 as its page 1: this is the same page again.
				page++;
				continue;
			}
			return fail(`2sms answered page ${page} of ${name} with the same entries as page ${page - 1}, so it does not page; the ${noun} was stopped after ${request} requests`);
		}
		previous = signature;
		if (records.length === 0) {
			if (firstPage && (total === undefined || total > 0)) {
				page++; // an empty page 0 may be a server counting pages from 1
				continue;
			}
			if (total !== undefined && collected < total) {
				return fail(`${name} says it has ${total} entries but listed ${collected} before an empty page`);
			}
			return { ok: true, complete: true, attempts };
		}
		take(records);
		collected += records.length;
		if (total !== undefined && collected >= total) {
			if (collected > total) {
				return fail(`${name} says it has ${total} entries but listed ${collected}`);
			}
			return { ok: true, complete: true, attempts };
		}
		if (rules.limit !== undefined && collected >= rules.limit) return { ok: true, complete: false, attempts };
		page++;
	}
}
