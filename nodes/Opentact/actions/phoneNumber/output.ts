import type { IDataObject } from 'n8n-workflow';

import { type ConfirmedBy, providerWords } from '../../../shared/audit';
import type { HttpFailure } from '../../../shared/httpFailure';
import { leaseNumber, leaseSmsState, leaseUuid, providerReason } from '../../transport/answers';

/**
 * What happened to one number: the audit trail compliance staff keep. Under Dry Run, what would
 * happen: `wouldDisable` / `wouldEnable`, or `alreadyDisabled` / `alreadyEnabled` as read.
 */
export type Outcome = 'disabled' | 'alreadyDisabled' | 'enabled' | 'alreadyEnabled' | 'wouldDisable' | 'wouldEnable' | 'found';

/** The longest provider message kept in an output item (`providerMessage`). */
const PROVIDER_MESSAGE_MAX = 300;

/** Opentact's own words for a refusal, as an output item may keep them (see providerWords). */
export const providerMessage = (failure: HttpFailure): string => providerWords(providerReason(failure).message, PROVIDER_MESSAGE_MAX);

export interface AuditFields {
	/** E.164, or null when only a lease UUID was given and no lookup was needed. */
	phoneNumber: string | null;
	tnLeaseId: string | null;
	/**
	 * As the run leaves it (a Dry Run: as read). Null when the lease shows no `subscriptions` list:
	 * its SMS state is not known.
	 */
	smsEnabled: boolean | null;
	outcome: Outcome;
	/** Changes only: true when Dry Run was on and nothing was sent. */
	dryRun?: boolean;
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

/** The SMS subscription (the large object Opentact's documentation shows for Disable SMS on Number) cut down to what identifies it. */
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

const DISABLE_OUTCOMES = new Set<string>(['disabled', 'alreadyDisabled']);

/** One output item: the audit fields, then the provider's object (trimmed unless Simplify is off). */
export function auditRecord(
	fields: AuditFields,
	provider: { key: 'subscription' | 'lease'; value: unknown; simplify: boolean },
): IDataObject {
	// The subscription a Disable removed is history, and it is null on a re-run (nothing was
	// removed): simplified, the output keeps the same columns either way by leaving it out.
	if (provider.simplify && provider.key === 'subscription' && DISABLE_OUTCOMES.has(fields.outcome)) {
		return { ...fields, at: new Date().toISOString() };
	}
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
