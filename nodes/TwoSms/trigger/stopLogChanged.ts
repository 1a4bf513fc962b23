import type { IDataObject, INodeExecutionData, INodeProperties, IPollFunctions } from 'n8n-workflow';

import { UNREADABLE_SHORT_CODE } from '../transport/answers';
import { type TwoSmsClient, openClient } from '../transport/client';
import { type ListedEntry, type ListingFilters, listedEntryJson, readStopLogListing } from '../transport/stopLogListing';
import { searchStopLogs } from '../transport/stopLogSearch';
import { type ReadFailure, pollFailure } from './failure';
import { readTextOption, readTriggerOptions, triggerOptionsField } from './fields';
import { type EntryKey, decodeMemory, encodeMemory, entryKey, splitEntryKey, unreadableEntryKey } from './stopLogMemory';

const show = { show: { event: ['stopLogChanged'] } };

export const description: INodeProperties[] = [
	{
		displayName: 'Include Removals',
		name: 'includeRemovals',
		type: 'boolean',
		default: false,
		displayOptions: show,
		description:
			'Whether to also emit numbers that left the listing (taken off the stop log, or their contact left the address book). A removal is emitted only after a search for the number confirms it is no longer listed.',
	},
	{
		displayName:
			"Emits the numbers that appeared on 2sms's stop-log listing since the last poll. 2sms lists the address-book contacts of this user that have a stop-log request, and contacts whose number is invalid: a STOP from a number that is no contact is not seen. The first poll only remembers the listing.",
		name: 'stopLogNotice',
		type: 'notice',
		default: '',
		displayOptions: show,
	},
	triggerOptionsField('stopLogChanged', [
		{
			displayName: 'Address Book Group ID',
			name: 'addressBookGroupId',
			type: 'string',
			default: '',
			description: 'Only contacts of this address-book group. Changing it starts over: the next poll only remembers the new listing.',
		},
	]),
];

/**
 * ASSUMED: a poll confirms at most 1,000 missing entries by searching for them (10 searches of 100
 * numbers); the others stay remembered, unreported, and are confirmed by the next polls.
 */
export const MAX_REMOVALS_CHECKED_PER_POLL = 1000;

/** Short codes in keys: digits, '' for none, '?' and 2sms's text for one that cannot be read. */
function shortCodeKey(entry: ListedEntry): string {
	if (entry.shortCode === null) return '';
	if (entry.shortCode !== UNREADABLE_SHORT_CODE) return entry.shortCode;
	const written = typeof entry.record.ShortCode === 'string' ? entry.record.ShortCode : (JSON.stringify(entry.record.ShortCode) ?? '');
	// Kept short and without the key's separators, for the removal's output only.
	return `?${[...written.slice(0, 20)].map((char) => (char === '|' || char === ',' ? '_' : char)).join('')}`;
}

const keyOf = (entry: ListedEntry): EntryKey =>
	entry.digits === null ? unreadableEntryKey(entry.written, shortCodeKey(entry)) : entryKey(entry.digits, shortCodeKey(entry));

/**
 * Stop Log Changed: reads the whole listing, proven complete (every page gives the same
 * TotalRecords, no page repeats, at most 2,000 pages), and compares it with the set remembered:
 * entries not remembered are `added`; remembered entries no longer listed are searched for by
 * number (as Check does) and only those the search also misses are `removed`. The first poll, and
 * the first after the filters changed, only remember. A poll that cannot prove its listing
 * complete, or cannot search, fails, emits nothing and leaves the memory as it was.
 */
export async function poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const options = readTriggerOptions(this);
	const group = readTextOption(this, options.given, 'addressBookGroupId', 'Address Book Group ID', 100);
	const filters: ListingFilters = group === undefined ? {} : { AddressBookGroupID: group };
	const client = await openClient(this, options.settings);
	if (this.getMode() === 'manual') return await sample(client, filters, options.defaultCountry);

	const staticData = this.getWorkflowStaticData('node');
	const query = JSON.stringify({ filters, defaultCountry: options.defaultCountry });
	const remembered = decodeMemory(staticData.stopLog);
	const previous = remembered?.query === query ? remembered : undefined;

	// Every listed entry by key; null for one remembered, and on a baseline poll (only an
	// addition's record is needed: 100,000 records are not kept to emit nothing).
	const listed = new Map<EntryKey, ListedEntry | null>();
	const read = await readStopLogListing(client, filters, { total: 'required', defaultCountry: options.defaultCountry }, (entries) => {
		for (const entry of entries) {
			const key = keyOf(entry);
			if (!listed.has(key)) listed.set(key, previous === undefined || previous.keys.has(key) ? null : entry);
		}
	});
	if (!read.ok) throw pollFailure(client, read, 'the stop-log listing');
	const at = new Date().toISOString();
	if (previous === undefined) {
		staticData.stopLog = encodeMemory({ query, at, keys: new Set(listed.keys()) });
		return null;
	}

	const missing = [...previous.keys].filter((key) => !listed.has(key)).sort();
	const checked = await checkMissing(client, missing, options.defaultCountry);
	if (!checked.ok) throw pollFailure(client, checked.failure, 'the stop-log listing');
	// Written only now that the poll has succeeded: n8n keeps static data in memory between polls,
	// so a write before a failure would stick, and the next poll would miss what this one could not read.
	staticData.stopLog = encodeMemory({ query, at, keys: new Set([...listed.keys(), ...checked.stillThere]) });

	const items: INodeExecutionData[] = [];
	for (const entry of listed.values()) {
		if (entry) items.push({ json: { event: 'added', ...changeJson(listedEntryJson(entry), previous.at, at) } });
	}
	if (this.getNodeParameter('includeRemovals', false) === true) {
		for (const key of checked.gone) items.push({ json: { event: 'removed', ...changeJson(removedEntryJson(key), previous.at, at) } });
	}
	return items.length > 0 ? [items] : null;
}

/** An event's fields in the order a reader wants them: the number first, 2sms's record last. */
function changeJson(entry: IDataObject, since: string | null, detectedAt: string): IDataObject {
	const { raw, ...number } = entry;
	return { ...number, since, detectedAt, raw };
}

/** A removed entry, from what was remembered of it: the number and short code; no record is left. */
function removedEntryJson(key: EntryKey): IDataObject {
	const { digits, written, shortCode } = splitEntryKey(key);
	const json: IDataObject = {
		phoneNumber: digits === null ? null : `+${digits}`,
		shortCode: shortCode === '' ? null : shortCode.startsWith('?') ? shortCode.slice(1) : shortCode,
	};
	if (digits === null) json.listedAs = written;
	json.raw = null;
	return json;
}

type Checked = { ok: true; gone: EntryKey[]; stillThere: EntryKey[] } | { ok: false; failure: ReadFailure };

/**
 * Which remembered entries missing from the listing are really gone. The listing pages by offset:
 * an entry removed from an earlier page while later pages are read moves one entry back onto a
 * page already read, and with an entry added at the end the total does not move. So a number is
 * only called removed when a search for it (the listing with MobilePhone, as Check reads it)
 * does not find that entry either; one found, or not told apart, stays remembered. An entry whose
 * number could not be read cannot be searched for; a complete listing without it is the proof.
 */
async function checkMissing(client: TwoSmsClient, missing: EntryKey[], defaultCountry: string): Promise<Checked> {
	const gone: EntryKey[] = [];
	const stillThere: EntryKey[] = [];
	const searchable = missing.filter((key) => splitEntryKey(key).digits !== null);
	gone.push(...missing.filter((key) => splitEntryKey(key).digits === null));
	const now = searchable.slice(0, MAX_REMOVALS_CHECKED_PER_POLL);
	stillThere.push(...searchable.slice(MAX_REMOVALS_CHECKED_PER_POLL));
	const numbers = [...new Set(now.map((key) => splitEntryKey(key).digits as string))];
	const results = await searchStopLogs(client, numbers, defaultCountry);
	for (const key of now) {
		const { digits, shortCode } = splitEntryKey(key);
		const result = results.get(digits as string);
		if (!result) continue;
		if (!result.ok) return { ok: false, failure: result };
		const codes = result.snapshot.listed.get(digits as string) ?? [];
		const code = shortCode === '' ? null : shortCode.startsWith('?') ? UNREADABLE_SHORT_CODE : shortCode;
		const found = codes.includes(code) || codes.includes(UNREADABLE_SHORT_CODE) || result.snapshot.unattributed !== undefined;
		(found ? stillThere : gone).push(key);
	}
	return { ok: true, gone, stillThere };
}

/**
 * The editor's "Fetch Test Event": one entry now on the listing, as `listed`. Without a remembered
 * listing nothing can be said to have changed, so no sample claims `added`.
 */
async function sample(client: TwoSmsClient, filters: ListingFilters, defaultCountry: string): Promise<INodeExecutionData[][] | null> {
	let first: ListedEntry | undefined;
	const read = await readStopLogListing(client, filters, { total: 'optional', limit: 1, defaultCountry }, (entries) => {
		first ??= entries[0];
	});
	if (!read.ok) throw pollFailure(client, read, 'the stop-log listing');
	if (first === undefined) return null;
	return [[{ json: { event: 'listed', ...changeJson(listedEntryJson(first), null, new Date().toISOString()) } }]];
}
