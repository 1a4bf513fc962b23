'use strict';
// What the benchmark and the soak ask for, and the simulator accounts that make every one of
// those numbers exist: N leased Opentact numbers (generateLeases, SMS on) and N 2sms contacts on
// the stop log. Items are written the way a CRM holds numbers, not in E.164.
const { loadDefaultFixture, generateLeases } = require('../../simulator');

const OPENTACT_START_TN = 12015550000; // generateLeases' default: 1 201 555 0000 upwards
const TWO_SMS_START = 447500000000; // +44 7500 000000 upwards (a UK mobile range)
const REASON = 'Opted back in via the CRM preference centre';

const opentactTn = (index) => OPENTACT_START_TN + index;
/** "+1 201-555-0001": what a CRM export looks like. */
function opentactPhone(index) {
	const digits = String(opentactTn(index)).slice(1);
	return `+1 ${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`;
}

const twoSmsDestination = (index) => String(TWO_SMS_START + index);
/** "+44 7500 000001" */
function twoSmsPhone(index) {
	const digits = twoSmsDestination(index);
	return `+44 ${digits.slice(2, 6)} ${digits.slice(6)}`;
}

/** A simulator fixture with `leases` generated leases and `stopLog` contacts on the stop log. */
function buildFixture({ leases = 0, stopLog = 0 } = {}) {
	const fixture = loadDefaultFixture();
	if (leases > 0) fixture.opentact.leases = generateLeases(leases, { startTn: OPENTACT_START_TN });
	if (stopLog > 0) {
		const shortCode = fixture.twoSms.defaultShortCode;
		fixture.twoSms.stopLog = Array.from({ length: stopLog }, (_, index) => ({
			Destination: twoSmsDestination(index),
			ShortCode: shortCode,
			Reason: 'STOP received',
			DateAdded: '2025-03-02T10:15:00.000Z',
		}));
	}
	return fixture;
}

const opentactItems = (count, offset = 0) =>
	Array.from({ length: count }, (_, index) => ({ json: { phone: opentactPhone(offset + index) } }));
const twoSmsItems = (count, offset = 0) =>
	Array.from({ length: count }, (_, index) => ({
		json: { phone: twoSmsPhone(offset + index), reason: REASON },
	}));

module.exports = {
	buildFixture,
	opentactTn,
	opentactPhone,
	twoSmsDestination,
	twoSmsPhone,
	opentactItems,
	twoSmsItems,
	REASON,
};
