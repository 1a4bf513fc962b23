import type { IDataObject } from 'n8n-workflow';

import { mapWithConcurrency } from '../../shared/concurrency';
import type { OpentactAnswer, OpentactClient } from './opentactClient';
import { LEASE_PAGE_SIZE } from './providerAnswers';

export interface LeaseSearch {
	/** Digits with `*` wildcards (FACT: the search body's `tn` filter). */
	tn?: string;
	/** Stop after this many leases; undefined = all. */
	limit?: number;
}

export type LeasePages =
	| { ok: true; leases: IDataObject[]; total: number; complete: boolean }
	| { ok: false; answer: Extract<OpentactAnswer, { ok: false }> };

interface Page {
	take: number;
	skip: number;
	total: number;
	data: IDataObject[];
}

const readPage = (payload: unknown): Page => {
	const page = (payload ?? {}) as Partial<Page>;
	return {
		take: Number(page.take ?? 0),
		skip: Number(page.skip ?? 0),
		total: Number(page.total ?? 0),
		data: Array.isArray(page.data) ? page.data : [],
	};
};

async function fetchPage(client: OpentactClient, search: LeaseSearch, skip: number, take: number) {
	const body: IDataObject = { take, skip };
	if (search.tn) body.tn = search.tn;
	return await client.send({ method: 'POST', path: '/lease/tn/search', body });
}

/**
 * The first page tells `total`; the remaining pages are then fetched concurrently (the client
 * caps requests in flight) and joined in order. `onFirstPage` may stop after page one by
 * returning false (the caller found the list longer than it is worth): `complete` is then false.
 */
export async function fetchLeasePages(
	client: OpentactClient,
	search: LeaseSearch,
	onFirstPage: (total: number, firstPage: IDataObject[]) => boolean = () => true,
): Promise<LeasePages> {
	const wanted = search.limit ?? Number.POSITIVE_INFINITY;
	const first = await fetchPage(client, search, 0, Math.min(LEASE_PAGE_SIZE, Math.max(1, wanted)));
	if (!first.ok) return { ok: false, answer: first };
	const firstPage = readPage(first.payload);
	const target = Math.min(wanted, firstPage.total);
	if (firstPage.data.length >= target) {
		return { ok: true, leases: firstPage.data.slice(0, target), total: firstPage.total, complete: true };
	}
	if (!onFirstPage(firstPage.total, firstPage.data)) {
		return { ok: true, leases: firstPage.data, total: firstPage.total, complete: false };
	}

	const skips: number[] = [];
	for (let skip = firstPage.data.length; skip < target; skip += LEASE_PAGE_SIZE) skips.push(skip);
	let failed: Extract<OpentactAnswer, { ok: false }> | undefined;
	const pages = await mapWithConcurrency(
		skips,
		client.settings.concurrency,
		async (skip) => {
			const answer = await fetchPage(client, search, skip, Math.min(LEASE_PAGE_SIZE, target - skip));
			if (!answer.ok) failed ??= answer;
			return answer.ok ? readPage(answer.payload).data : [];
		},
		() => failed !== undefined,
	);
	if (failed) return { ok: false, answer: failed };
	const leases = firstPage.data.concat(...pages.map((page) => page ?? []));
	return { ok: true, leases: leases.slice(0, target), total: firstPage.total, complete: true };
}
