import type { IDataObject } from 'n8n-workflow';

import { leaseNumber, leaseSmsState, leaseUuid } from '../../transport/answers';

/** What happened to one number: the audit trail compliance staff keep. */
export type Outcome = 'disabled' | 'alreadyDisabled' | 'enabled' | 'alreadyEnabled' | 'found';

/**
 * What proves a change's outcome (the vocabulary both nodes share):
 * - `answer`: Opentact's answer to this run's request says so, in words we know (documented, or
 *   the one ASSUMED vocabulary in transport/answers.ts that the simulator shares);
 * - `readBack`: the answer was a refusal in words we do not know, and the lease read back (its
 *   `subscriptions`) shows the state the outcome claims;
 * - `retryAfterLostAnswer`: an earlier attempt of this run's request got no answer (or a 5xx, or
 *   an unreadable one) and the retry found the change made: this run made it.
 */
export type ConfirmedBy = 'answer' | 'readBack' | 'retryAfterLostAnswer';

export interface AuditFields {
	/** E.164, or null when only a lease UUID was given and no lookup was needed. */
	phoneNumber: string | null;
	tnLeaseId: string | null;
	/** Null when the lease shows no `subscriptions` list: its SMS state is not known. */
	smsEnabled: boolean | null;
	outcome: Outcome;
	/** Changes only: what proves `outcome`. */
	confirmedBy?: ConfirmedBy;
	/** Changes only: Opentact's own words when its answer was a refusal, else null. */
	providerMessage?: string | null;
}

const pick = (source: unknown, keys: string[]): IDataObject | null => {
	if (typeof source !== 'object' || source === null) return null;
	const object = source as IDataObject;
	const picked: IDataObject = {};
	for (const key of keys) if (object[key] !== undefined) picked[key] = object[key];
	return picked;
};

/** The SMS subscription (the seed's large object) cut down to what identifies it. */
export function simplifySubscription(subscription: unknown): IDataObject | null {
	const simple = pick(subscription, ['uuid', 'type', 'created_on', 'modified_on']);
	if (!simple) return null;
	const { messaging_profile: profile, sms_campaign: campaign } = subscription as IDataObject;
	simple.messaging_profile = pick(profile, ['uuid', 'name']);
	simple.sms_campaign = pick(campaign, ['campaignId', 'description', 'usecase', 'is_active']);
	return simple;
}

/** A lease cut down to its number, renewal, profile and subscriptions. */
export function simplifyLease(lease: IDataObject): IDataObject {
	const simple = pick(lease, ['uuid', 'autorenew', 'expired_on']) ?? {};
	simple.tn = leaseNumber(lease) ?? null;
	simple.messaging_profile = pick(lease.messaging_profile, ['uuid', 'name']);
	simple.subscriptions = Array.isArray(lease.subscriptions)
		? lease.subscriptions.map((entry) => pick(entry, ['uuid', 'type']))
		: [];
	return simple;
}

/** One output item: the audit fields, then the provider's object (trimmed unless Simplify is off). */
export function auditRecord(
	fields: AuditFields,
	provider: { key: 'subscription' | 'lease'; value: unknown; simplify: boolean },
): IDataObject {
	let shown: unknown = provider.value ?? null;
	if (provider.simplify && shown !== null) {
		shown = provider.key === 'lease' ? simplifyLease(shown as IDataObject) : simplifySubscription(shown);
	}
	return { ...fields, at: new Date().toISOString(), [provider.key]: shown as IDataObject };
}

/** The audit record of a lease as GET or search returns it. */
export function leaseRecord(lease: IDataObject, simplify: boolean): IDataObject {
	const tn = leaseNumber(lease);
	return auditRecord(
		{
			phoneNumber: tn ? `+${tn}` : null,
			tnLeaseId: leaseUuid(lease) ?? null,
			smsEnabled: leaseSmsState(lease) ?? null,
			outcome: 'found',
		},
		{ key: 'lease', value: lease, simplify },
	);
}
