import type { IDataObject } from 'n8n-workflow';

import { fetchLeasePages } from './leasePages';
import type { OpentactAnswer, OpentactClient } from './opentactClient';
import {
	LEASE_NOT_FOUND_MESSAGE,
	LEASE_PAGE_SIZE,
	PAGED_RESOLUTION_MIN_NUMBERS,
	leaseNumber,
} from './providerAnswers';

type Failed = Extract<OpentactAnswer, { ok: false }>;

export type LeaseResolution = { ok: true; lease: IDataObject; uuid: string } | { ok: false; answer: Failed };

export interface LeaseResolver {
	/** The lease of an 11-digit number. */
	byNumber(tn: string): Promise<LeaseResolution>;
	/** The lease with this UUID. */
	byUuid(uuid: string): Promise<LeaseResolution>;
}

interface LeaseIndex {
	byKey: Map<string, IDataObject>;
	/** True when the index holds every lease of the account, so a miss means "not leased". */
	complete: boolean;
}

const numberKey = (tn: string) => `tn:${tn}`;
const uuidKey = (uuid: string) => `uuid:${uuid.toLowerCase()}`;

/** What a lookup of a number or UUID the account does not lease answers (FACT: 404 "TNLease not found"). */
function notLeased(field: string, value: string): Failed {
	const body = {
		success: false,
		status: 404,
		message: LEASE_NOT_FOUND_MESSAGE,
		fields: { [field]: { message: 'Not found among the leases of this account', value } },
	};
	return { ok: false, failure: { status: 404, body, summary: 'HTTP 404' }, attempts: 1 };
}

function toResolution(answer: OpentactAnswer): LeaseResolution {
	if (!answer.ok) return { ok: false, answer };
	const lease = (answer.payload ?? {}) as IDataObject;
	return { ok: true, lease, uuid: String(lease.uuid ?? '') };
}

/**
 * Number/UUID → lease, once per run for each distinct value. With few items, one GET each. With
 * many (see PAGED_RESOLUTION_MIN_NUMBERS), the account's lease list is read in pages of 100
 * instead, when that takes fewer requests: the first page's `total` decides. `expectedLookups`
 * is the item count; items are read as they are processed, so repeats are not known up front.
 */
export function createLeaseResolver(client: OpentactClient, expectedLookups: number): LeaseResolver {
	const cache = new Map<string, Promise<LeaseResolution>>();
	const usePagedList = expectedLookups >= PAGED_RESOLUTION_MIN_NUMBERS;
	let listed: Promise<LeaseIndex | Failed> | undefined;

	const loadIndex = async (): Promise<LeaseIndex | Failed> => {
		const byKey = new Map<string, IDataObject>();
		const add = (leases: IDataObject[]) => {
			for (const lease of leases) {
				const tn = leaseNumber(lease);
				if (tn) byKey.set(numberKey(tn), lease);
				if (typeof lease.uuid === 'string') byKey.set(uuidKey(lease.uuid), lease);
			}
		};
		const pages = await fetchLeasePages(client, {}, (total, firstPage) => {
			add(firstPage);
			return Math.ceil((total - firstPage.length) / LEASE_PAGE_SIZE) < expectedLookups;
		});
		if (!pages.ok) return pages.answer;
		add(pages.leases);
		return { byKey, complete: pages.complete };
	};

	const lookUp = async (key: string, path: string, field: string, value: string): Promise<LeaseResolution> => {
		if (usePagedList) {
			listed ??= loadIndex();
			const index = await listed;
			if ('ok' in index) return { ok: false, answer: index };
			const lease = index.byKey.get(key);
			if (lease) return { ok: true, lease, uuid: String(lease.uuid ?? '') };
			if (index.complete) return { ok: false, answer: notLeased(field, value) };
		}
		return toResolution(await client.send({ method: 'GET', path }));
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
		byNumber: async (tn) =>
			await cached(numberKey(tn), async () => await lookUp(numberKey(tn), `/lease/tn/${tn}/tn`, 'params.tn', tn)),
		byUuid: async (uuid) =>
			await cached(uuidKey(uuid), async () =>
				await lookUp(uuidKey(uuid), `/lease/tn/${uuid.toLowerCase()}`, 'params.uuid', uuid),
			),
	};
}
