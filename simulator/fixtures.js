'use strict';

const fs = require('node:fs');
const path = require('node:path');

const DEFAULT_FIXTURE_PATH = path.join(__dirname, 'fixtures', 'default.json');

/** A fresh copy of the default fixture, safe to modify. */
function loadDefaultFixture() {
	return loadFixture(DEFAULT_FIXTURE_PATH);
}

/** A fixture given as an object (copied, never modified) or as a path to a JSON file. */
function loadFixture(fixture = DEFAULT_FIXTURE_PATH) {
	const loaded =
		typeof fixture === 'string'
			? JSON.parse(fs.readFileSync(fixture, 'utf8'))
			: structuredClone(fixture);
	for (const section of ['opentact', 'twoSms']) {
		if (!loaded || typeof loaded[section] !== 'object') {
			throw new TypeError(`simulator fixture needs an "${section}" section`);
		}
	}
	return loaded;
}

/**
 * Leases in the fixture's compact form, for benchmarks that need thousands of numbers:
 * consecutive 11-digit numbers from startTn, SMS enabled on the first smsEnabledRatio of them,
 * every one on the default fixture's messaging profile and campaign.
 */
function generateLeases(count, { startTn = 12015550000, smsEnabledRatio = 1 } = {}) {
	const { opentact } = loadDefaultFixture();
	const profile = opentact.messagingProfiles[0].uuid;
	const campaign = opentact.campaigns[0].uuid;
	const enabledCount = Math.round(count * smsEnabledRatio);
	const leases = [];
	for (let index = 0; index < count; index++) {
		const enabled = index < enabledCount;
		leases.push({
			uuid: syntheticUuid(1, index),
			tn: startTn + index,
			autorenew: index % 5 !== 0,
			expired_on: '2026-12-31T00:00:00.000Z',
			messaging_profile: enabled ? profile : null,
			sms: enabled
				? {
						uuid: syntheticUuid(2, index),
						sms_campaign: campaign,
						created_on: '2025-01-01T00:00:00.000Z',
					}
				: null,
		});
	}
	return leases;
}

/** Recognisable, collision-free UUID-shaped ids: the kind in the first group, the index in the last. */
function syntheticUuid(kind, index) {
	const tail = index.toString(16).padStart(12, '0');
	return `5eed000${kind}-0000-4000-8000-${tail}`;
}

module.exports = { loadDefaultFixture, loadFixture, generateLeases, DEFAULT_FIXTURE_PATH };
