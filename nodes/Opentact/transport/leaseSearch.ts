import type { IDataObject } from 'n8n-workflow';

import { LEASE_LIST_READS, LEASE_PAGE_SIZE, MAX_LEASE_PAGES, leaseNumber, leaseUuid } from './answers';
import type { FailedAnswer, OpentactClient } from './client';

export interface LeaseSearch {
	/** Digits with `*` wildcards (FACT: the search body's `tn` filter). */
	tn?: string;
	/** Stop after this many leases; undefined = all. */
	limit?: number;
}

export type LeasePages =
	| {
			ok: true;
			leases: IDataObject[];
			/** The `total` the first page gave. */
			total: number;
			/** False when the caller stopped after page one (see `onFirstPage`). */
			complete: boolean;
			/** Set when the list changed while it was paged (leases repeated, short pages, `total` moved). */
			inconsistency?: string;
	  }
	| { ok: false; answer: FailedAnswer }
	/** The answers were not a list we can read (our words; they quote nothing the server sent). */
	| { ok: false; problem: string };

type Page = { ok: true; total: number; data: IDataObject[] } | { ok: false; problem: string };

/** A count as a number or a digit string (ASSUMED: both spellings of a JSON number occur). */
function readCount(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
	if (typeof value === 'string' && /^\d{1,15}$/.test(value.trim())) return Number(value.trim());
	return undefined;
}

/** FACT: a page is `{take, skip, total, data: [lease]}`; any other shape proves no list. */
function readPage(payload: unknown): Page {
	if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
		return { ok: false, problem: 'the lease search answered something other than a page {take, skip, total, data}' };
	}
	const page = payload as IDataObject;
	if (!Array.isArray(page.data)) return { ok: false, problem: 'a page of the lease search had no data list' };
	if (!page.data.every((lease) => typeof lease === 'object' && lease !== null && !Array.isArray(lease))) {
		return { ok: false, problem: 'a page of the lease search held entries that are not leases' };
	}
	const total = readCount(page.total);
	if (total === undefined) {
		const said = page.total === undefined || page.total === null ? 'no total' : 'a total that is not a whole number';
		return { ok: false, problem: `a page of the lease search had ${said}, so the length of the list is unknown` };
	}
	return { ok: true, total, data: page.data as IDataObject[] };
}

async function fetchPage(client: OpentactClient, search: LeaseSearch, skip: number, take: number) {
	const body: IDataObject = { take, skip };
	if (search.tn) body.tn = search.tn;
	return await client.send({ method: 'POST', path: '/lease/tn/search', body });
}

/** A lease's identity for spotting repeats: its UUID, else its number, else none. */
const identity = (lease: unknown): string | undefined => {
	if (typeof lease !== 'object' || lease === null) return undefined;
	const uuid = leaseUuid(lease as IDataObject);
	if (uuid) return uuid;
	const tn = leaseNumber(lease as IDataObject);
	return tn ? `+${tn}` : undefined;
};

/**
 * Reads the lease list page by page. The first page tells `total` (and, when it is shorter than
 * asked, the server's page size); the rest are fetched a few at a time, never more than the
 * client's concurrency ahead, and joined in order. No loop's length is the server's to decide:
 * past MAX_LEASE_PAGES the read stops with a problem instead. `onFirstPage` may stop after page
 * one (the caller found the list longer than it is worth): `complete` is then false.
 */
export async function fetchLeasePages(
	client: OpentactClient,
	search: LeaseSearch,
	onFirstPage: (total: number, firstPage: IDataObject[], pageSize: number) => boolean = () => true,
): Promise<LeasePages> {
	const wanted = search.limit ?? Number.POSITIVE_INFINITY;
	const asked = Math.min(LEASE_PAGE_SIZE, Math.max(1, wanted));
	const first = await fetchPage(client, search, 0, asked);
	if (!first.ok) return { ok: false, answer: first };
	const firstPage = readPage(first.payload);
	if (!firstPage.ok) return firstPage;
	const { total } = firstPage;
	const target = Math.min(wanted, total);
	const notes: string[] = [];
	let data = firstPage.data;
	if (data.length > asked) {
		notes.push(`the first page held ${data.length} leases where ${asked} were asked for`);
		data = data.slice(0, asked);
	}
	if (data.length >= target) return finish(data, total, true, notes);
	if (data.length === 0) {
		notes.push(`the first page was empty although total said ${total}`);
		return finish(data, total, true, notes);
	}
	// ASSUMED (simulator: OPENTACT_SEARCH_FULL_PAGES): a first page shorter than asked, with more to
	// come, shows the server's own page size; later pages must then be that size, one `total`.
	const pageSize = data.length;
	if (!onFirstPage(total, data, pageSize)) return { ok: true, leases: data, total, complete: false };
	const pageCount = Math.ceil(target / pageSize);
	if (pageCount > MAX_LEASE_PAGES) {
		return {
			ok: false,
			problem: `Opentact reports ${total} leases; reading ${target === total ? 'them all' : target} would take ${pageCount} pages, more than the ${MAX_LEASE_PAGES} (${MAX_LEASE_PAGES * pageSize} leases) this node reads in one run`,
		};
	}

	const pages: IDataObject[][] = [data];
	let next = 1;
	let failed: FailedAnswer | undefined;
	let problem: string | undefined;
	const worker = async () => {
		while (failed === undefined && problem === undefined && next < pageCount) {
			const index = next++;
			const skip = index * pageSize;
			const take = Math.min(pageSize, target - skip);
			const answer = await fetchPage(client, search, skip, take);
			if (!answer.ok) {
				failed ??= answer;
				return;
			}
			const page = readPage(answer.payload);
			if (!page.ok) {
				problem ??= page.problem;
				return;
			}
			if (page.total !== total) notes.push(`total went from ${total} to ${page.total}`);
			if (page.data.length !== take) notes.push(`the page at ${skip} held ${page.data.length} leases, not ${take}`);
			pages[index] = page.data.slice(0, take);
		}
	};
	const lookAhead = Math.max(1, Math.min(client.settings.concurrency, pageCount - 1));
	await Promise.all(Array.from({ length: lookAhead }, worker));
	if (failed) return { ok: false, answer: failed };
	if (problem) return { ok: false, problem };
	return finish(pages.flat(), total, true, notes);
}

/**
 * The list Get Many outputs: a list that changed while it was paged is read again
 * (LEASE_LIST_READS in all); the last read is returned, and one still inconsistent carries its
 * `inconsistency` for the caller to refuse.
 */
export async function readLeaseList(client: OpentactClient, search: LeaseSearch): Promise<LeasePages> {
	let pages = await fetchLeasePages(client, search);
	for (let read = 1; read < LEASE_LIST_READS && pages.ok && pages.inconsistency; read++) {
		pages = await fetchLeasePages(client, search);
	}
	return pages;
}

function finish(leases: IDataObject[], total: number, complete: boolean, notes: string[]): LeasePages {
	const seen = new Set<string>();
	let repeated = 0;
	let example: string | undefined;
	for (const lease of leases) {
		const key = identity(lease);
		if (key === undefined) continue;
		if (seen.has(key)) {
			repeated += 1;
			example ??= key;
		}
		seen.add(key);
	}
	if (repeated > 0) notes.push(`${repeated} lease(s) appeared twice (e.g. ${example})`);
	const inconsistency = notes.length ? [...new Set(notes)].slice(0, 3).join('; ') : undefined;
	return { ok: true, leases, total, complete, inconsistency };
}
