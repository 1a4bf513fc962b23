import type { IDataObject } from 'n8n-workflow';

import { providerWords } from '../../shared/audit';
import { redactProviderJson } from '../../shared/redact';
import { UNREADABLE_SHORT_CODE, echoedShortCode, listedNumber, numberOfListedRecord } from './answers';
import type { TwoSmsClient } from './client';
import { type PagesRead, type TotalRule, readStopLogPages } from './stopLogPages';

/*
 * The whole stop-log listing (`GET api/v2/addressbook/stoplog` without a list of numbers), for Get
 * Many and the trigger. FACT (docs/api-notes.md, 2sms "Stop log"): it lists the logged-in user's
 * address-book contacts that have a stop-log request against them or are invalid numbers, and
 * takes the filters below. A number on the stop log that is no contact of this user is not in it.
 */

/** The listing's documented filters, as sent (each optional). */
export interface ListingFilters {
	MobilePhone?: string;
	AddressBookGroupID?: string;
	EmailAddress?: string;
	FirstName?: string;
	LastName?: string;
	PersonNumbers?: string;
}

/**
 * ASSUMED: no account's listing needs more than 2,000 pages (200,000 entries at 100 a page). Past
 * it, a read fails instead of going on, which also bounds what the trigger remembers.
 */
export const MAX_PAGES_PER_LISTING = 2000;

/** One record of the listing, read. */
export interface ListedEntry {
	/** Bare international digits; null when 2sms wrote something that is not exactly one number. */
	digits: string | null;
	/** The number as 2sms wrote it. */
	written: unknown;
	/** Digits, null when the record names none, or UNREADABLE_SHORT_CODE. */
	shortCode: string | null;
	record: Record<string, unknown>;
}

export function readListedEntry(record: unknown, defaultCountry: string): ListedEntry {
	const fields = typeof record === 'object' && record !== null && !Array.isArray(record) ? (record as Record<string, unknown>) : {};
	const written = numberOfListedRecord(fields);
	const number = listedNumber(written, defaultCountry);
	return { digits: number.ok ? number.digits : null, written, shortCode: echoedShortCode(fields.ShortCode), record: fields };
}

/** The longest text of 2sms's an output field keeps where a number or short code could not be read. */
const MAX_WRITTEN_LENGTH = 40;

/**
 * What one listed record says, for an output item: the number in E.164 (null when it could not be
 * read, then `listedAs` keeps what 2sms wrote), the short code (null: the record names none), and
 * the whole record (redacted, bounded) as `raw`: the contact's other fields are 2sms's, not ours.
 */
export function listedEntryJson(entry: ListedEntry): IDataObject {
	const json: IDataObject = {
		phoneNumber: entry.digits === null ? null : `+${entry.digits}`,
		shortCode: entry.shortCode === UNREADABLE_SHORT_CODE ? providerWords(entry.record.ShortCode, MAX_WRITTEN_LENGTH) : entry.shortCode,
	};
	if (entry.digits === null) json.listedAs = providerWords(entry.written ?? null, MAX_WRITTEN_LENGTH);
	json.raw = redactProviderJson(undefined, entry.record) as IDataObject;
	return json;
}

export interface ListingRead {
	/** See PagingRules.total: Get Many reads `steady`, the trigger `required`. */
	total: TotalRule;
	/** Stop after this many entries (Get Many's Limit). */
	limit?: number;
	defaultCountry: string;
}

/** Reads the listing page by page, handing each page's entries to `take` in order. */
export async function readStopLogListing(
	client: TwoSmsClient,
	filters: ListingFilters,
	read: ListingRead,
	take: (entries: ListedEntry[]) => void,
): Promise<PagesRead> {
	const query: IDataObject = {};
	for (const [name, value] of Object.entries(filters)) if (value !== undefined && value !== '') query[name] = value;
	const rules = {
		maxPages: MAX_PAGES_PER_LISTING,
		total: read.total,
		limit: read.limit,
		words: { name: 'the stop-log listing', of: '', unknown: 'whether the list is complete is not known', noun: 'listing' },
	};
	return await readStopLogPages(client, query, rules, (records) => take(records.map((record) => readListedEntry(record, read.defaultCountry))));
}
