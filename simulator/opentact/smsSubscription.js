'use strict';

const { success, failure, invalid } = require('./envelope');
const { presentSubscription } = require('./present');
const { ownLease, UUID_PATTERN } = require('./leases');
const {
	OPENTACT_TN_LEASE_PARAMS,
	OPENTACT_SMS_ALREADY_DISABLED,
	OPENTACT_SMS_ALREADY_ENABLED,
	OPENTACT_ENABLE_SMS_BODY_KEYS,
	OPENTACT_REFUSALS_WITHOUT_LEASE_STATE,
} = require('../assumed');

const TN_LEASE_FIELD = 'query.tn_lease';

/**
 * The refusal texts for "already so". The defaults are the ASSUMED vocabulary the node shares;
 * a test may switch them (sim.state.opentact.setRefusals) to play an Opentact that words the same
 * refusal differently, which the node must settle by reading the lease back.
 */
function defaultRefusals() {
	return {
		smsAlreadyDisabled: { ...OPENTACT_SMS_ALREADY_DISABLED },
		smsAlreadyEnabled: { ...OPENTACT_SMS_ALREADY_ENABLED },
	};
}

/**
 * DELETE and POST /rest/lease/tn/number/subscription/sms?tn_lease=<lease UUID or 11-digit number>.
 * FACT (Opentact's documentation, Disable SMS on Number): the 200 answer is the subscription
 * object; errors use the error envelope.
 */
function createSmsSubscriptionHandlers(state, ids) {
	let refusals = defaultRefusals();

	/** The documentation: tn_lease "contains both tn_lease UUID and phone number"; either is accepted. */
	function tnLeaseOf(ctx) {
		const name = OPENTACT_TN_LEASE_PARAMS.find((candidate) => ctx.query[candidate] !== undefined);
		const value = name === undefined ? '' : String(ctx.query[name]).trim();
		if (value === '') return { refused: invalid(TN_LEASE_FIELD, 'tn_lease is required', null) };
		if (!/^\d{11}$/.test(value) && !UUID_PATTERN.test(value)) {
			return {
				refused: invalid(TN_LEASE_FIELD, 'must be a TN lease UUID or an 11-digit number', value),
			};
		}
		return { value };
	}

	function disable(ctx) {
		const { value, refused } = tnLeaseOf(ctx);
		if (refused) return refused;
		const lease = ownLease(state, ctx.account, value, TN_LEASE_FIELD, value);
		if (lease.refused) return lease.refused;
		const { record } = lease;
		if (!record.sms) {
			const { status, message } = refusals.smsAlreadyDisabled;
			return failure(status, message, { [TN_LEASE_FIELD]: { message, value } });
		}
		const removed = presentSubscription(record, state.catalog);
		record.sms = null;
		record.modified_on = new Date().toISOString();
		return success(removed);
	}

	function enable(ctx) {
		const { value, refused } = tnLeaseOf(ctx);
		if (refused) return refused;
		const choice = subscriptionChoice(ctx.body);
		if (choice.refused) return choice.refused;
		const lease = ownLease(state, ctx.account, value, TN_LEASE_FIELD, value);
		if (lease.refused) return lease.refused;
		const { record } = lease;
		if (record.sms) {
			const { status, message } = refusals.smsAlreadyEnabled;
			return failure(status, message, { [TN_LEASE_FIELD]: { message, value } });
		}
		const now = new Date().toISOString();
		record.sms = {
			uuid: ids.uuid(),
			sms_campaign: choice.campaign.uuid,
			messaging_profile: choice.profile.uuid,
			created_on: now,
			modified_on: now,
		};
		record.messaging_profile = choice.profile.uuid;
		record.modified_on = now;
		return success(presentSubscription(record, state.catalog));
	}

	/** The messaging profile (UUID) and 10DLC campaign (UUID or campaign id) named in the body. */
	function subscriptionChoice(body) {
		const fields =
			body.type === 'json' && body.value && typeof body.value === 'object' ? body.value : {};
		const { messagingProfile, smsCampaign } = OPENTACT_ENABLE_SMS_BODY_KEYS;
		const profileId = fields[messagingProfile];
		const campaignId = fields[smsCampaign];
		if (!profileId)
			return {
				refused: invalid(`body.${messagingProfile}`, `${messagingProfile} is required`, profileId),
			};
		if (!campaignId)
			return { refused: invalid(`body.${smsCampaign}`, `${smsCampaign} is required`, campaignId) };
		const profile = state.findProfile(String(profileId).toLowerCase());
		if (!profile)
			return {
				refused: invalid(`body.${messagingProfile}`, 'messaging profile not found', profileId),
			};
		const campaign = state.findCampaign(String(campaignId));
		if (!campaign)
			return { refused: invalid(`body.${smsCampaign}`, 'SMS campaign not found', campaignId) };
		return { profile, campaign };
	}

	return {
		disable,
		enable,
		/** { smsAlreadyDisabled?: {status, message}, smsAlreadyEnabled?: {status, message} } */
		setRefusals(changes) {
			for (const key of Object.keys(changes)) {
				if (!(key in refusals)) throw new TypeError(`unknown Opentact refusal "${key}"`);
				const { status, message } = changes[key];
				const usable = Number.isInteger(status) && status >= 400 && status <= 499 && !OPENTACT_REFUSALS_WITHOUT_LEASE_STATE.includes(status);
				if (!usable || typeof message !== 'string') {
					throw new TypeError(`refusal ${key} needs a 4xx status other than ${OPENTACT_REFUSALS_WITHOUT_LEASE_STATE.join('/')} and a message`);
				}
				refusals[key] = { status, message };
			}
		},
		resetRefusals() {
			refusals = defaultRefusals();
		},
	};
}

module.exports = { createSmsSubscriptionHandlers };
