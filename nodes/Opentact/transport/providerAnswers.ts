import type { IDataObject } from 'n8n-workflow';

import type { HttpFailure } from '../../shared/httpFailure';
import type { ProviderReason } from '../../shared/itemErrors';

/*
 * How this node reads Opentact's answers. Every point the public documents leave open is a
 * named constant here, marked ASSUMED, and the simulator (simulator/assumed.js) makes the same
 * choice; correct both together.
 */

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
 * ASSUMED: from this many distinct numbers in one run, numbers are looked up in the paged lease
 * list rather than one GET each, provided the list is shorter (in pages) than the lookups it
 * replaces. Below it, one lookup per number is cheaper for the usual small account.
 */
export const PAGED_RESOLUTION_MIN_NUMBERS = 100;

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

/** Whether a lease (as GET or search returns it) has SMS on. */
export function leaseSmsEnabled(lease: IDataObject): boolean {
	const { subscriptions } = lease;
	return Array.isArray(subscriptions) && subscriptions.some((entry) => (entry as IDataObject)?.type === SMS_SUBSCRIPTION_TYPE);
}

/** The lease's number as 11 digits, from `tn: {tn: 12017771234, …}` (or a bare number). */
export function leaseNumber(lease: IDataObject): string | undefined {
	const tn = typeof lease.tn === 'object' && lease.tn !== null ? (lease.tn as IDataObject).tn : lease.tn;
	return typeof tn === 'number' || typeof tn === 'string' ? String(tn) : undefined;
}
