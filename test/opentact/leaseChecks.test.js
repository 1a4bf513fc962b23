'use strict';
// Issue 11, point 7: a lease answered for a lookup is checked against what was asked (its
// number, its UUID and the UUID's shape) before anything is changed with it or reported.
const { startHostileOpentact, runAgainst, ok, lease, subscription, API_KEY } = require('./hostileOpentact');
const { jsonOf } = require('./helpers');

const ASKED = '12017771234';
const ASKED_UUID = 'adf7637d-3363-49d4-8922-112cc34a62bc';
const OTHER = '12017771299';
const OTHER_UUID = '0e0d3bc6-0777-4e08-a2be-c451c9a64b87';

/** A stand-in whose lookup of ASKED answers `payload`, and whose DELETE always succeeds. */
async function lookupAnswering(payload) {
	return await startHostileOpentact((request) => {
		if (request.method === 'GET' && request.path === `/lease/tn/${ASKED}/tn`) return ok(payload);
		if (request.method === 'GET' && request.path === `/lease/tn/${ASKED_UUID}`) return ok(payload);
		if (request.method === 'DELETE') return ok(subscription());
		return undefined;
	});
}

let hostile;
afterEach(async () => await hostile?.close());

describe('Disable SMS sends no change for a lease that is not the one asked for', () => {
	test.each([
		['another number\'s lease', lease(OTHER, OTHER_UUID), `asked for +${ASKED}, it answered the lease of +${OTHER} (${OTHER_UUID})`],
		['a lease without uuid', { ...lease(ASKED, ASKED_UUID), uuid: undefined }, 'the lease answered has no uuid'],
		['a uuid that is not a UUID', { ...lease(ASKED, 'lease-1') }, 'the lease answered has a uuid that is not a UUID'],
		['a list instead of one lease', [lease(ASKED, ASKED_UUID)], 'the answer held a list of 1 where one lease was expected'],
		['nothing', null, 'the answer held nothing where one lease was expected'],
		['a lease without a number', { ...lease(ASKED, ASKED_UUID), tn: { country_code: 1 } }, `asked for +${ASKED}, it answered a lease without a readable number (${ASKED_UUID})`],
	])('%s: no DELETE, the item fails saying what came back', async (_name, payload, problem) => {
		hostile = await lookupAnswering(payload);
		const result = await runAgainst(hostile, 'disable-sms', [{ phone: '+1 201-777-1234' }], { node: { continueOnFail: true } });
		expect(result.status).toBe('success');
		const [item] = jsonOf(result.items('Opentact'));
		expect(item.error).toBe(`Item 0: Opentact's answer could not be used: ${problem}`);
		expect(item.message).toBe('Nothing was sent to change this number.');
		expect(hostile.sent('DELETE')).toHaveLength(0);
	});

	test('a "uuid" that echoes our API key is refused without quoting it', async () => {
		hostile = await lookupAnswering({ ...lease(ASKED, ASKED_UUID), uuid: API_KEY });
		const result = await runAgainst(hostile, 'disable-sms', [{ phone: ASKED }]);
		expect(result.status).toBe('error');
		expect(result.error.message).toBe("Item 0: Opentact's answer could not be used: the lease answered has a uuid that is not a UUID");
		expect(JSON.stringify(result.run.data)).not.toContain(API_KEY);
		expect(hostile.sent('DELETE')).toHaveLength(0);
	});

	test.each([
		['a number', 12017771234],
		['a digit string', '12017771234'],
		['a string with "+"', '+12017771234'],
	])('the lease\'s number given as %s is read and the DELETE names its UUID', async (_name, tn) => {
		hostile = await lookupAnswering({ ...lease(ASKED, ASKED_UUID.toUpperCase()), tn: { tn } });
		const result = await runAgainst(hostile, 'disable-sms', [{ phone: ASKED }]);
		expect(jsonOf(result.items('Opentact'))[0]).toMatchObject({ outcome: 'disabled', tnLeaseId: ASKED_UUID, confirmedBy: 'answer' });
		expect(hostile.sent('DELETE').map((entry) => entry.query)).toEqual([{ tn_lease: ASKED_UUID }]);
	});
});

describe('Get reports only the lease asked for', () => {
	test('a lookup by number that answers another number fails instead of reporting it "found"', async () => {
		hostile = await lookupAnswering(lease(OTHER, OTHER_UUID));
		const result = await runAgainst(hostile, 'get', [{ phone: ASKED }], { node: { continueOnFail: true } });
		const [item] = jsonOf(result.items('Opentact'));
		expect(item.outcome).toBeUndefined();
		expect(item.error).toBe(`Item 0: Opentact's answer could not be used: asked for +${ASKED}, it answered the lease of +${OTHER} (${OTHER_UUID})`);
	});

	test('a lookup by UUID that answers another lease fails', async () => {
		hostile = await lookupAnswering(lease(OTHER, OTHER_UUID));
		const result = await runAgainst(hostile, 'get', [{ phone: ASKED_UUID }], { node: { continueOnFail: true } });
		expect(jsonOf(result.items('Opentact'))[0].error).toBe(
			`Item 0: Opentact's answer could not be used: asked for lease ${ASKED_UUID}, it answered lease ${OTHER_UUID}`,
		);
	});

	test('a lease without a subscriptions list is found with its SMS state unknown (null), not "off"', async () => {
		hostile = await lookupAnswering({ ...lease(ASKED, ASKED_UUID), subscriptions: undefined });
		const result = await runAgainst(hostile, 'get', [{ phone: ASKED }]);
		expect(jsonOf(result.items('Opentact'))[0]).toMatchObject({ outcome: 'found', phoneNumber: `+${ASKED}`, smsEnabled: null });
	});
});

describe('Disable SMS with many numbers trusts the lease list only where it is unambiguous', () => {
	const tnAt = (index) => String(13025550000 + index);
	const uuidAt = (index) => `4c1e0000-0000-4000-8000-${String(index).padStart(12, '0')}`;
	// 150 leases, as another Opentact might write them: numbers as text with "+", some UUIDs in
	// capitals, and lease 120 claiming lease 5's number under its own UUID (the list changed while
	// it was read).
	const listed = Array.from({ length: 150 }, (_, index) => {
		const whole = lease(tnAt(index), uuidAt(index));
		if (index % 3 === 0) whole.tn = { tn: `+${tnAt(index)}`, country_code: 1 };
		if (index % 4 === 0) whole.uuid = uuidAt(index).toUpperCase();
		return whole;
	});
	listed[120] = lease(tnAt(5), uuidAt(120));

	test('each DELETE names the listed lease; a number two leases claim is looked up and changed on the lease the lookup answers', async () => {
		hostile = await startHostileOpentact((request) => {
			if (request.method === 'POST' && request.path === '/lease/tn/search') {
				const { take, skip } = request.body;
				return ok({ take, skip, total: listed.length, data: listed.slice(skip, skip + take) });
			}
			if (request.method === 'GET' && request.path === `/lease/tn/${tnAt(5)}/tn`) return ok(listed[120]);
			if (request.method === 'DELETE') return ok(subscription());
			return undefined;
		});
		const input = Array.from({ length: 120 }, (_, index) => ({ phone: `+${tnAt(index)}` }));
		const result = await runAgainst(hostile, 'disable-sms', input);
		expect(result.status).toBe('success');
		const out = jsonOf(result.items('Opentact'));
		expect(out.map((item) => item.outcome)).toEqual(Array(120).fill('disabled'));
		expect(out.map((item) => item.tnLeaseId)).toEqual(input.map((_, index) => uuidAt(index === 5 ? 120 : index)));
		expect(hostile.sent('POST').map((entry) => entry.body.skip)).toEqual([0, 100]);
		expect(hostile.sent('GET').map((entry) => entry.path)).toEqual([`/lease/tn/${tnAt(5)}/tn`]);
		expect(hostile.sent('DELETE').map((entry) => entry.query.tn_lease).sort()).toEqual(out.map((item) => item.tnLeaseId).sort());
	});
});
