'use strict';
// Many numbers in one run: leases are read from the paged lease list (100 a page) instead of one
// lookup per number, when that takes fewer requests. Few numbers keep one lookup each.
const { SMS_ROUTE, LOOKUP_ROUTE, run, jsonOf, requestsTo, startSimulatorWithLeases } = require('./helpers');

const tnAt = (index) => String(13025550000 + index);
const searches = (sim) => requestsTo(sim, 'POST', '/rest/lease/tn/search');
const lookups = (sim) => requestsTo(sim, 'GET', LOOKUP_ROUTE);

describe('an account with 250 leases', () => {
	let sim;
	beforeAll(async () => {
		sim = await startSimulatorWithLeases(250);
	});
	afterAll(async () => await sim.close());
	beforeEach(() => sim.reset());

	test('150 numbers are resolved from 3 list pages, not 150 lookups', async () => {
		const input = Array.from({ length: 150 }, (_, index) => ({ phone: `+1 ${tnAt(index * 1 + 50).slice(1)}` }));
		const result = await run(sim, 'disable-sms', input);
		expect(result.status).toBe('success');
		const out = jsonOf(result.items('Opentact'));
		expect(out.every((item) => item.outcome === 'disabled')).toBe(true);
		expect(out[0]).toMatchObject({ phoneNumber: `+${tnAt(50)}`, tnLeaseId: '5eed0001-0000-4000-8000-000000000032' });
		expect(lookups(sim)).toHaveLength(0);
		expect(searches(sim).map((entry) => entry.body.skip)).toEqual([0, 100, 200]);
		expect(requestsTo(sim, 'DELETE', SMS_ROUTE)).toHaveLength(150);
		expect(sim.requests()).toHaveLength(153);
		expect(sim.state.opentact.smsEnabled(tnAt(199))).toBe(false);
		expect(sim.state.opentact.smsEnabled(tnAt(200))).toBe(true);
	});

	test('a number missing from the list is looked up, and fails with the 404 Opentact answered', async () => {
		const input = Array.from({ length: 120 }, (_, index) => ({ phone: tnAt(index) }));
		input[7] = { phone: '12019990007' };
		const result = await run(sim, 'disable-sms', input, { node: { continueOnFail: true } });
		const out = jsonOf(result.items('Opentact'));
		expect(out[7].error).toBe('Item 7: +1 201 999 0007 is not a number leased by this Opentact account (Opentact answered 404: TNLease not found)');
		expect(out[7].message).toBe('HTTP 404; params.tn: Not found (12019990007)');
		expect(out.filter((item) => item.outcome === 'disabled')).toHaveLength(119);
		expect(lookups(sim).map((entry) => [entry.path, entry.status])).toEqual([['/rest/lease/tn/12019990007/tn', 404]]);
	});

	test('Get with many numbers and UUIDs reads the list too', async () => {
		const input = Array.from({ length: 100 }, (_, index) => ({ phone: tnAt(index * 2) }));
		input[1] = { phone: '5eed0001-0000-4000-8000-0000000000f9' }; // lease 249
		const result = await run(sim, 'get', input);
		const out = jsonOf(result.items('Opentact'));
		expect(out[1]).toMatchObject({ phoneNumber: `+${tnAt(249)}`, outcome: 'found', smsEnabled: true });
		expect(out[99].phoneNumber).toBe(`+${tnAt(198)}`);
		expect(sim.requests().map((entry) => entry.method)).toEqual(['POST', 'POST', 'POST']);
	});

	test('fewer numbers than the threshold are looked up one by one', async () => {
		const input = Array.from({ length: 20 }, (_, index) => ({ phone: tnAt(index) }));
		await run(sim, 'disable-sms', input);
		expect(searches(sim)).toHaveLength(0);
		expect(lookups(sim)).toHaveLength(20);
	});
});

test('when the lease list is longer than the lookups it would replace, numbers are looked up instead', async () => {
	const sim = await startSimulatorWithLeases(20_000);
	try {
		const input = Array.from({ length: 100 }, (_, index) => ({ phone: tnAt(19_000 + index) }));
		const result = await run(sim, 'disable-sms', input);
		expect(jsonOf(result.items('Opentact')).every((item) => item.outcome === 'disabled')).toBe(true);
		// Page one (total 20,000 = 200 pages) shows the list costs more than 100 lookups.
		expect(searches(sim)).toHaveLength(1);
		expect(lookups(sim)).toHaveLength(100);
	} finally {
		await sim.close();
	}
});
