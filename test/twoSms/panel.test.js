'use strict';
// What the 2sms node's panel shows, decided by n8n's own display rules (NodeHelpers.displayParameter).
const { NodeHelpers } = require('n8n-workflow');
const { TwoSms } = require('../../dist/nodes/TwoSms/TwoSms.node');

const { description } = new TwoSms();
const shown = (parameters) =>
	description.properties.filter((property) => NodeHelpers.displayParameter(parameters, property, { typeVersion: 1 }, description));

describe.each(['remove', 'add'])('%s with Send Confirmation', (operation) => {
	const base = { resource: 'stopLog', operation, phoneNumber: '', reason: '', shortCode: '' };

	test('on: a notice under it says a confirmation costs credits and needs the agreement', () => {
		const notices = shown({ ...base, sendConfirmation: true }).filter((property) => property.type === 'notice');
		expect(notices.map((notice) => notice.displayName)).toEqual([
			'Each number will be sent a confirmation SMS: it uses 2sms credits, and 2sms only sends it if your account has signed its separate confirmation agreement',
		]);
	});

	test('off: no notice', () => {
		expect(shown({ ...base, sendConfirmation: false }).filter((property) => property.type === 'notice')).toEqual([]);
	});
});

test('Reason shows an example, not something that looks filled in', () => {
	const reasons = description.properties.filter((property) => property.name === 'reason');
	expect(reasons.length).toBeGreaterThan(0);
	for (const reason of reasons) expect(reason.placeholder).toMatch(/^e\.g\. /);
});
