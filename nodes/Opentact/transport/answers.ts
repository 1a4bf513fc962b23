import type { IDataObject } from 'n8n-workflow';

import type { HttpFailure } from '../../shared/httpFailure';
import type { ProviderReason } from '../../shared/itemErrors';

/*
 * How this node reads Opentact's answers. Every point the public documents leave open is a
 * named constant here, marked ASSUMED, and the simulator (simulator/assumed.js) makes the same
 * choice; correct both together.
 */

/** FACT: every Opentact answer is the `{success, payload | message}` envelope. */
export const isEnvelope = (body: unknown) => typeof body === 'object' && body !== null && 'success' in body;

/** FACT: the documented 404 message for a number or UUID that is not one of the account's leases. */
export const LEASE_NOT_FOUND_MESSAGE = 'TNLease not found';

/** ASSUMED: disabling SMS that is already off answers 404 with this message (not "TNLease not found"). */
export const SMS_ALREADY_DISABLED = { status: 404, message: 'SMS subscription not found' } as const;

/** ASSUMED: enabling SMS that is already on answers 400 with this message. */
export const SMS_ALREADY_ENABLED = { status: 400, message: 'SMS subscription already exists' } as const;

/** ASSUMED: documented as `Messaging_profile` / `SMS_campaign`; the API's usual snake_case keys are used. */
export const ENABLE_SMS_BODY_KEYS = { messagingProfile: 'messaging_profile', smsCampaign: 'sms_campaign' } as const;

/** ASSUMED: a lease's SMS is on when its `subscriptions` list holds an entry of type "sms". */
export const SMS_SUBSCRIPTION_TYPE = 'sms';

/** FACT: lease search pages with take 1..100; the largest page costs the fewest requests. */
export const LEASE_PAGE_SIZE = 100;

/**
 * ASSUMED: the most lease pages one list read may take (100,000 leases at 100 a page). The
 * length of a read is never decided by the server: a `total` beyond this fails Get Many with
 * words saying so, and the lease resolver looks numbers up one by one instead.
 */
export const MAX_LEASE_PAGES = 1000;

/**
 * ASSUMED: how often Get Many reads a lease list that changed while it was paged through (a
 * lease appeared twice, a page came back short, `total` moved). A list still inconsistent on the
 * last read fails the item rather than output a list that may miss leases.
 */
export const LEASE_LIST_READS = 2;

/**
 * ASSUMED: from this many distinct numbers in one run, numbers are looked up in the paged lease
 * list rather than one GET each, provided the list is shorter (in pages) than the lookups it
 * replaces. Below it, one lookup per number is cheaper for the usual small account. The list is
 * only a shortcut: a number it does not show is still looked up directly.
 */
export const PAGED_RESOLUTION_MIN_NUMBERS = 100;

/**
 * ASSUMED: which refusals of an SMS change are settled by reading the lease back (its
 * `subscriptions`): a 4xx other than these. 401 (credential), 403 (another account's lease, which
 * cannot be read either) and 429 (rate limit, waited out) say nothing about the lease's SMS state;
 * the documented 404 "TNLease not found" says the lease is not there to read.
 */
const REFUSALS_NOT_READ_BACK = new Set([401, 403, 407, 429]); // simulator: OPENTACT_REFUSALS_WITHOUT_LEASE_STATE

/** A failed exchange that was a refusal about the lease, so reading the lease back can settle it. */
export function isReadBackRefusal(failure: HttpFailure): boolean {
	const { status } = failure;
	if (status === undefined || status < 400 || status >= 500 || REFUSALS_NOT_READ_BACK.has(status)) return false;
	return !isAnswer(failure, { status: 404, message: LEASE_NOT_FOUND_MESSAGE });
}

const sameMessage = (a: unknown, b: string) =>
	typeof a === 'string' && a.trim().toLowerCase() === b.toLowerCase();

function envelope(failure: HttpFailure): IDataObject | undefined {
	const { body } = failure;
	return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as IDataObject) : undefined;
}

export function isAnswer(failure: HttpFailure, expected: { status: number; message: string }): boolean {
	return failure.status === expected.status && sameMessage(envelope(failure)?.message, expected.message);
}

/** "params.tn: Not found (12015550199)" lines from the error envelope's `fields`. */
function fieldErrors(fields: unknown): string[] {
	if (typeof fields !== 'object' || fields === null) return [];
	return Object.entries(fields as IDataObject).map(([field, detail]) => {
		const { message, value } = (detail ?? {}) as IDataObject;
		const shown = value === undefined || value === null ? '' : ` (${typeof value === 'string' ? value : JSON.stringify(value)})`;
		return `${field}: ${typeof message === 'string' ? message : 'invalid'}${shown}`;
	});
}

/** Opentact's own words for a failure: the envelope's `message` and `fields`, or what we saw instead. */
export function providerReason(failure: HttpFailure): ProviderReason {
	const body = envelope(failure);
	if (body && typeof body.message === 'string' && body.message !== '') {
		return { message: body.message, fieldErrors: fieldErrors(body.fields) };
	}
	return { message: typeof failure.body === 'string' ? 'the answer was not Opentact JSON' : failure.summary };
}

/**
 * Whether a lease (as GET or search returns it) has SMS on: true or false when its
 * `subscriptions` list says so, undefined when the lease carries no such list (nothing proven).
 */
export function leaseSmsState(lease: IDataObject): boolean | undefined {
	const { subscriptions } = lease;
	if (!Array.isArray(subscriptions)) return undefined;
	return subscriptions.some((entry) => {
		const type = (entry as IDataObject | null)?.type;
		return typeof type === 'string' && type.toLowerCase() === SMS_SUBSCRIPTION_TYPE;
	});
}

/**
 * The lease's number as 11 digits, from `tn: {tn: 12017771234, …}` or a bare `tn`, as a number or
 * a string (ASSUMED: a leading "+" may come with it). Anything else is no number: undefined.
 */
export function leaseNumber(lease: IDataObject): string | undefined {
	const tn = typeof lease.tn === 'object' && lease.tn !== null ? (lease.tn as IDataObject).tn : lease.tn;
	const text = typeof tn === 'number' && Number.isSafeInteger(tn) ? String(tn) : typeof tn === 'string' ? tn.trim().replace(/^\+/, '') : '';
	return /^\d{11}$/.test(text) ? text : undefined;
}

const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A UUID as Opentact writes lease, profile and campaign ids: 8-4-4-4-12 hexadecimal digits. */
export const isUuid = (text: string): boolean => text.length === 36 && UUID_SHAPE.test(text);

/** A lease's UUID, lower-cased, when it has the 8-4-4-4-12 shape; undefined otherwise. */
export function leaseUuid(lease: IDataObject): string | undefined {
	const { uuid } = lease;
	return typeof uuid === 'string' && isUuid(uuid) ? uuid.toLowerCase() : undefined;
}

export type CheckedLease =
	| { ok: true; lease: IDataObject; uuid: string; tn: string | undefined }
	| { ok: false; problem: string };

/** What a payload is, in words that quote none of it (it may echo anything, secrets included). */
export function shapeOf(value: unknown): string {
	if (value === null || value === undefined) return 'nothing';
	if (Array.isArray(value)) return `a list of ${value.length}`;
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * A lease answered for a lookup, checked against what was asked before anything relies on it:
 * an object, a UUID-shaped `uuid` (the one asked, for a lookup by UUID) and, for a lookup by
 * number, that number. Problems quote only values that passed a shape check.
 */
export function checkLease(payload: unknown, asked: { tn?: string; uuid?: string }): CheckedLease {
	if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
		return { ok: false, problem: `the answer held ${shapeOf(payload)} where one lease was expected` };
	}
	const lease = payload as IDataObject;
	const uuid = leaseUuid(lease);
	if (uuid === undefined) {
		const what = lease.uuid === undefined || lease.uuid === null ? 'no uuid' : 'a uuid that is not a UUID';
		return { ok: false, problem: `the lease answered has ${what}` };
	}
	const tn = leaseNumber(lease);
	if (asked.uuid !== undefined && uuid !== asked.uuid.toLowerCase()) {
		return { ok: false, problem: `asked for lease ${asked.uuid.toLowerCase()}, it answered lease ${uuid}` };
	}
	if (asked.tn !== undefined && tn !== asked.tn) {
		const answered = tn === undefined ? 'a lease without a readable number' : `the lease of +${tn}`;
		return { ok: false, problem: `asked for +${asked.tn}, it answered ${answered} (${uuid})` };
	}
	return { ok: true, lease, uuid, tn };
}
