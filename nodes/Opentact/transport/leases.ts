import type { IDataObject } from 'n8n-workflow';

import { PAGED_RESOLUTION_MIN_NUMBERS, checkLease, leaseNumber, leaseUuid } from './answers';
import type { FailedAnswer, OpentactClient } from './client';
import { fetchLeasePages } from './leaseSearch';

export type LeaseResolution =
	| { ok: true; lease: IDataObject; uuid: string; tn: string | undefined }
	/** Opentact refused or could not be reached: its own answer. */
	| { ok: false; answer: FailedAnswer }
	/** Opentact answered, but not with the lease asked for (our words; see checkLease). */
	| { ok: false; problem: string };

export interface LeaseResolver {
	/** The lease of an 11-digit number. */
	byNumber(tn: string): Promise<LeaseResolution>;
	/** The lease with this UUID. */
	byUuid(uuid: string): Promise<LeaseResolution>;
}

const numberKey = (tn: string) => `tn:${tn}`;
const uuidKey = (uuid: string) => `uuid:${uuid.toLowerCase()}`;

/**
 * Leases from the paged list, by number and by UUID. Only leases with a well-formed UUID and
 * number are kept, and a key two different leases claim (a list that changed while it was read)
 * is dropped, so whatever the index answers is one lease, consistently.
 */
function indexOf(leases: IDataObject[]): Map<string, IDataObject> {
	const byKey = new Map<string, IDataObject>();
	const contested = new Set<string>();
	const add = (key: string, lease: IDataObject, uuid: string) => {
		const known = byKey.get(key);
		if (known && leaseUuid(known) !== uuid) contested.add(key);
		byKey.set(key, lease);
	};
	for (const lease of leases) {
		if (typeof lease !== 'object' || lease === null) continue;
		const uuid = leaseUuid(lease);
		const tn = leaseNumber(lease);
		if (!uuid || !tn) continue;
		add(numberKey(tn), lease, uuid);
		add(uuidKey(uuid), lease, uuid);
	}
	for (const key of contested) byKey.delete(key);
	return byKey;
}

/**
 * Number/UUID → lease, once per run for each distinct value. With few items, one GET each. With
 * many (see PAGED_RESOLUTION_MIN_NUMBERS), the account's lease list is read in pages first, when
 * that takes fewer requests: the first page's `total` decides. The list is a shortcut only: a
 * number or UUID it does not show is looked up directly, so every "not found" is Opentact's own
 * answer. Every lease, from either source, is checked against what was asked (checkLease) before
 * anything relies on it. `expectedLookups` is the item count; items are read as they are
 * processed, so repeats are not known up front.
 */
export function createLeaseResolver(client: OpentactClient, expectedLookups: number): LeaseResolver {
	const cache = new Map<string, Promise<LeaseResolution>>();
	const usePagedList = expectedLookups >= PAGED_RESOLUTION_MIN_NUMBERS;
	let listed: Promise<Map<string, IDataObject>> | undefined;

	const loadIndex = async (): Promise<Map<string, IDataObject>> => {
		let firstPage: IDataObject[] = [];
		const pages = await fetchLeasePages(client, {}, (total, page, pageSize) => {
			firstPage = page;
			return Math.ceil((total - page.length) / pageSize) < expectedLookups;
		});
		// A list that cannot be read is no reason to fail an item: the lookups still can be made.
		return indexOf(pages.ok ? pages.leases : firstPage);
	};

	const lookUp = async (key: string, path: string, asked: { tn?: string; uuid?: string }): Promise<LeaseResolution> => {
		if (usePagedList) {
			listed ??= loadIndex();
			const listedLease = (await listed).get(key);
			if (listedLease) {
				const checked = checkLease(listedLease, asked);
				if (checked.ok) return checked;
			}
		}
		const answer = await client.send({ method: 'GET', path });
		if (!answer.ok) return { ok: false, answer };
		return checkLease(answer.payload, asked);
	};

	const cached = (key: string, run: () => Promise<LeaseResolution>) => {
		let pending = cache.get(key);
		if (!pending) {
			pending = run();
			cache.set(key, pending);
		}
		return pending;
	};

	return {
		byNumber: async (tn) => await cached(numberKey(tn), async () => await lookUp(numberKey(tn), `/lease/tn/${tn}/tn`, { tn })),
		byUuid: async (uuid) =>
			await cached(uuidKey(uuid), async () => await lookUp(uuidKey(uuid), `/lease/tn/${uuid.toLowerCase()}`, { uuid })),
	};
}
