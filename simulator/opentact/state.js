'use strict';

/**
 * Opentact's leased numbers. A lease is kept in the fixture's compact form
 * ({uuid, tn, autorenew, expired_on, messaging_profile: uuid|null, sms: {...}|null, account});
 * present.js turns it into the API's shape. SMS is enabled exactly when `sms` is set.
 */
function createOpentactState() {
	let catalog = null;
	let byUuid = new Map();
	let byTn = new Map();
	let inTnOrder = [];

	function load(fixture) {
		catalog = {
			user: fixture.user,
			account: fixture.account,
			accounts: new Map(
				[fixture.account, ...(fixture.otherAccounts ?? [])].map((a) => [a.uuid, a]),
			),
			profiles: new Map(fixture.messagingProfiles.map((profile) => [profile.uuid, profile])),
			campaigns: fixture.campaigns,
		};
		index(fixture.leases.map((lease) => toRecord(lease, fixture.account.uuid)));
	}

	function index(records) {
		byUuid = new Map(records.map((record) => [record.uuid, record]));
		byTn = new Map(records.map((record) => [record.tn, record]));
		inTnOrder = [...records].sort((a, b) => a.tn - b.tn);
	}

	/** By UUID, by 11-digit number (number or string), or undefined. */
	function find(tnOrUuid) {
		if (typeof tnOrUuid === 'number') return byTn.get(tnOrUuid);
		const text = String(tnOrUuid ?? '');
		return /^\d+$/.test(text) ? byTn.get(Number(text)) : byUuid.get(text.toLowerCase());
	}

	function findCampaign(uuidOrCampaignId) {
		return catalog.campaigns.find(
			(campaign) => campaign.uuid === uuidOrCampaignId || campaign.campaignId === uuidOrCampaignId,
		);
	}

	return {
		load,
		find,
		findCampaign,
		findProfile: (uuid) => catalog.profiles.get(uuid),
		get catalog() {
			return catalog;
		},
		/** Every lease in a stable order (by number), as search pages through them. */
		leasesInTnOrder: () => inTnOrder,
		/** For rolling back a request whose answer a fault throws away (see control/faults.js). */
		save: () => structuredClone(inTnOrder),
		restore: (saved) => index(saved),
	};
}

function toRecord(lease, ownAccountUuid) {
	if (!/^\d{11}$/.test(String(lease.tn)))
		throw new TypeError(`lease ${lease.uuid}: tn must be 11 digits`);
	const created = lease.created_on ?? '2024-11-04T07:52:58.191Z';
	return {
		uuid: String(lease.uuid).toLowerCase(),
		tn: Number(lease.tn),
		autorenew: lease.autorenew ?? true,
		expired_on: lease.expired_on ?? null,
		created_on: created,
		modified_on: lease.modified_on ?? created,
		messaging_profile: lease.messaging_profile ?? null,
		account: lease.account ?? ownAccountUuid,
		sms: lease.sms
			? {
					uuid: lease.sms.uuid,
					sms_campaign: lease.sms.sms_campaign,
					messaging_profile: lease.sms.messaging_profile ?? lease.messaging_profile,
					created_on: lease.sms.created_on ?? created,
					modified_on: lease.sms.modified_on ?? lease.sms.created_on ?? created,
				}
			: null,
	};
}

module.exports = { createOpentactState };
