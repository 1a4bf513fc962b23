import type { IDataObject } from 'n8n-workflow';

import { tag } from './tag';

/*
 * What Stop Log Changed remembers between polls: the set of entries of the last listing it read
 * whole, and no more. 2sms's listing has no dates, so a change is found by comparing sets, and a
 * removal can only be reported with its number if the number is remembered; a set of hashes would
 * be no smaller (a phone number is at most 15 digits, 50 bits), so numbers are kept, compactly:
 *
 * - An entry is its number (bare international digits) and its short code ('' for none, '?' for
 *   one that could not be read). Entries are grouped by short code; in a group the numbers are
 *   sorted and each written as its distance from the one before, in base 36, comma-separated.
 *   100,000 UK mobiles spread over the 07 range take about 4 characters each (see the README).
 * - An entry whose number 2sms wrote as something that is not a number is kept by what it wrote
 *   (bounded: long text by a tag of it), in `others`.
 */

/** The key of one entry in the set: `digits|code`, or `?written|code` when the number could not be read. */
export type EntryKey = string;

export const entryKey = (digits: string, shortCode: string): EntryKey => `${digits}|${shortCode}`;

/** Written text kept as it is up to this length; longer text is kept as its tag. */
const MAX_KEPT_TEXT = 40;

export function unreadableEntryKey(written: unknown, shortCode: string): EntryKey {
	const text = typeof written === 'string' ? written : (JSON.stringify(written) ?? 'undefined');
	return `?${text.length <= MAX_KEPT_TEXT ? text : `#${tag(text.slice(0, 10_000))}`}|${shortCode}`;
}

/** What a key stands for: digits (null for an unreadable number, then `written`), and the short code. */
export function splitEntryKey(key: EntryKey): { digits: string | null; written: string | null; shortCode: string } {
	const bar = key.lastIndexOf('|');
	const head = key.slice(0, bar);
	const shortCode = key.slice(bar + 1);
	return head.startsWith('?') ? { digits: null, written: head.slice(1), shortCode } : { digits: head, written: null, shortCode };
}

export interface ListingMemory {
	/** Which listing the set is of (filters, Default Country): another listing starts a new baseline. */
	query: string;
	/** When the set was read (the end of the poll that read it). */
	at: string;
	keys: Set<EntryKey>;
}

const VERSION = 1;

/** The form kept in the node's static data (plain JSON: n8n saves it with the workflow). */
export function encodeMemory(memory: ListingMemory): IDataObject {
	const groups = new Map<string, number[]>();
	const others: string[] = [];
	for (const key of memory.keys) {
		const { digits, shortCode } = splitEntryKey(key);
		if (digits === null) {
			others.push(key);
			continue;
		}
		if (!groups.has(shortCode)) groups.set(shortCode, []);
		groups.get(shortCode)?.push(Number(digits));
	}
	const numbers: IDataObject = {};
	for (const [shortCode, list] of groups) {
		list.sort((a, b) => a - b);
		let before = 0;
		numbers[shortCode] = list
			.map((number) => {
				const step = number - before;
				before = number;
				return step.toString(36);
			})
			.join(',');
	}
	return { v: VERSION, query: memory.query, at: memory.at, count: memory.keys.size, numbers, others: others.sort() };
}

/** E.164 numbers have at most 15 digits: below 10^15, exact as JavaScript numbers. */
const MAX_NUMBER = 1e15;

/**
 * The set back from static data, or undefined when there is none or it is not one this version
 * wrote (then the poll starts a new baseline: reading it any other way could invent a change).
 */
export function decodeMemory(stored: unknown): ListingMemory | undefined {
	if (typeof stored !== 'object' || stored === null) return undefined;
	const { v, query, at, count, numbers, others } = stored as IDataObject;
	if (v !== VERSION || typeof query !== 'string' || typeof at !== 'string' || typeof numbers !== 'object' || numbers === null || !Array.isArray(others)) return undefined;
	const keys = new Set<EntryKey>();
	for (const [shortCode, text] of Object.entries(numbers as IDataObject)) {
		if (typeof text !== 'string') return undefined;
		let number = 0;
		for (const step of text === '' ? [] : text.split(',')) {
			number += parseInt(step, 36);
			if (!Number.isSafeInteger(number) || number <= 0 || number >= MAX_NUMBER) return undefined;
			keys.add(entryKey(String(number), shortCode));
		}
	}
	for (const key of others) {
		if (typeof key !== 'string' || !key.startsWith('?')) return undefined;
		keys.add(key);
	}
	return keys.size === count ? { query, at, keys } : undefined;
}
