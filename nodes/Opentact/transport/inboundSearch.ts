import type { IDataObject } from 'n8n-workflow';

import { shapeOf } from './answers';
import type { FailedAnswer, OpentactClient } from './client';

/*
 * The inbound SMS search (docs/api-notes.md, Opentact "Inbound SMS"): `POST /sms/search/inbound`
 * with `take`/`skip` in the query and the filters in the body, answering a page
 * `{take, skip, total, data: [message]}`. The polling trigger reads it.
 */

/** FACT: take is 1..100; the largest page costs the fewest requests. */
export const INBOUND_PAGE_SIZE = 100;

/** The longest text an id or a date is read from; anything longer is not one. */
const MAX_FIELD_LENGTH = 100;

/** An ISO 8601 instant (Opentact's `created_on`), normalised; undefined when it is not one. */
export function readInstant(value: unknown): string | undefined {
	if (typeof value !== 'string' || value.length > MAX_FIELD_LENGTH) return undefined;
	const at = Date.parse(value);
	return Number.isNaN(at) ? undefined : new Date(at).toISOString();
}

/** A message id: non-blank text of reasonable length (Opentact's are UUIDs, but nothing relies on that). */
export const readMessageId = (value: unknown): string | undefined =>
	typeof value === 'string' && value.trim() !== '' && value.length <= MAX_FIELD_LENGTH ? value.trim() : undefined;

/** One message of a page, with what the trigger orders and de-duplicates it by. */
export interface InboundEntry {
	id: string;
	/** `created_on` in milliseconds. */
	at: number;
	message: IDataObject;
}

export type InboundPage = { ok: true; entries: InboundEntry[] } | { ok: false; answer: FailedAnswer } | { ok: false; problem: string };

export interface InboundSearch {
	/** `created_on_from`, inclusive (ASSUMED, simulator OPENTACT_INBOUND_SEARCH). */
	from?: string;
	order: 'ASC' | 'DESC';
	skip: number;
}

/**
 * One page of the search, checked: a page object with a `data` list no longer than asked, each
 * entry an object with an id and a `created_on`. Without those a message cannot be placed
 * against the trigger's watermark nor told apart from one already emitted, so such a page proves
 * nothing and is refused whole (`total` is never read: no loop's length is the server's).
 */
export async function searchInbound(client: OpentactClient, search: InboundSearch): Promise<InboundPage> {
	const body: IDataObject = { order: { created_on: search.order } };
	if (search.from !== undefined) body.created_on_from = search.from;
	const answer = await client.send({
		method: 'POST',
		path: '/sms/search/inbound',
		qs: { take: INBOUND_PAGE_SIZE, skip: search.skip },
		body,
	});
	if (!answer.ok) return { ok: false, answer };
	const { payload } = answer;
	if (typeof payload !== 'object' || payload === null || Array.isArray(payload) || !Array.isArray((payload as IDataObject).data)) {
		return { ok: false, problem: `the inbound search answered ${shapeOf(payload)} where a page {take, skip, total, data} was expected` };
	}
	const data = (payload as IDataObject).data as unknown[];
	if (data.length > INBOUND_PAGE_SIZE) {
		return { ok: false, problem: `a page of the inbound search held ${data.length} messages where at most ${INBOUND_PAGE_SIZE} were asked for` };
	}
	const entries: InboundEntry[] = [];
	for (const [position, entry] of data.entries()) {
		const where = `message ${search.skip + position} of the inbound search`;
		if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return { ok: false, problem: `${where} is ${shapeOf(entry)}, not a message` };
		const message = entry as IDataObject;
		const id = readMessageId(message.uuid);
		const createdOn = readInstant(message.created_on);
		if (id === undefined || createdOn === undefined) {
			const missing = id === undefined ? 'uuid' : 'readable created_on';
			return { ok: false, problem: `${where} has no ${missing}, so it cannot be told apart from messages already emitted` };
		}
		entries.push({ id, at: Date.parse(createdOn), message });
	}
	return { ok: true, entries };
}
