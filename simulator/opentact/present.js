'use strict';

const SEED_SUBSCRIPTION = require('./seed-subscription.json');

/**
 * A lease as the API shows it (FACT: {uuid, tn:{tn,…}, autorenew, expired_on, messaging_profile,
 * subscriptions:[…]}). The `tn` details beyond `tn` itself are plausible, not documented.
 */
function presentLease(record, catalog) {
	const profile = record.messaging_profile ? catalog.profiles.get(record.messaging_profile) : null;
	const digits = String(record.tn);
	return {
		uuid: record.uuid,
		tn: {
			tn: record.tn,
			country_code: 1,
			npa: Number(digits.slice(1, 4)),
			nxx: Number(digits.slice(4, 7)),
			created_on: record.created_on,
		},
		autorenew: record.autorenew,
		expired_on: record.expired_on,
		created_on: record.created_on,
		modified_on: record.modified_on,
		messaging_profile: profile ? { uuid: profile.uuid, name: profile.name } : null,
		subscriptions: record.sms
			? [
					{
						uuid: record.sms.uuid,
						type: 'sms',
						created_on: record.sms.created_on,
						modified_on: record.sms.modified_on,
					},
				]
			: [],
	};
}

/**
 * The SMS subscription exactly in the shape of Opentact's documentation (Disable SMS on Number;
 * disable and enable both answer it): the documented object (seed-subscription.json) is the
 * template, and this lease's own ids, profile, campaign and user fill it in.
 */
function presentSubscription(record, catalog) {
	const { sms } = record;
	const subscription = structuredClone(SEED_SUBSCRIPTION);
	Object.assign(subscription, {
		uuid: sms.uuid,
		created_on: sms.created_on,
		modified_on: sms.modified_on,
	});

	const profile = catalog.profiles.get(sms.messaging_profile);
	if (profile) {
		Object.assign(subscription.messaging_profile, {
			uuid: profile.uuid,
			name: profile.name,
			created_on: profile.created_on,
			modified_on: profile.modified_on ?? profile.created_on,
		});
	}

	const campaign = catalog.campaigns.find((candidate) => candidate.uuid === sms.sms_campaign);
	if (campaign) {
		for (const key of [
			'campaignId',
			'description',
			'usecase',
			'vertical',
			'is_active',
			'created_on',
		]) {
			if (campaign[key] !== undefined) subscription.sms_campaign[key] = campaign[key];
		}
		subscription.sms_campaign.modified_on = campaign.modified_on ?? campaign.created_on;
	}

	const user = presentUser(catalog.user);
	subscription.created_by = user;
	subscription.sms_campaign.created_by = user;
	subscription.sms_campaign.modified_by = user;
	return subscription;
}

/** The documented user object with the fixture user's identity. */
function presentUser(user) {
	return {
		...SEED_SUBSCRIPTION.created_by,
		uuid: user.uuid,
		email: user.email,
		role: user.role ?? SEED_SUBSCRIPTION.created_by.role,
		first_name: user.first_name ?? SEED_SUBSCRIPTION.created_by.first_name,
		last_name: user.last_name ?? SEED_SUBSCRIPTION.created_by.last_name,
	};
}

module.exports = { presentLease, presentSubscription };
