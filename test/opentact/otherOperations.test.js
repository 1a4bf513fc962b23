'use strict';
// Enable SMS, Get and Get Many: the rest of the SMS round trip.
const {
	LEASES,
	PROFILE_UUID,
	CAMPAIGN_UUID,
	SMS_ROUTE,
	run,
	jsonOf,
	pairingOf,
	requestsTo,
	startSimulator,
	startSimulatorWithLeases,
} = require('./helpers');

let sim;
beforeAll(async () => {
	sim = await startSimulator();
});
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());

const searches = (target = sim) => requestsTo(target, 'POST', '/rest/lease/tn/search');

describe('Enable SMS', () => {
	test('a number with SMS off is enabled with the messaging profile and campaign in the body', async () => {
		const input = [{ phone: '+1 (201) 555-0101', profile: PROFILE_UUID, campaign: CAMPAIGN_UUID }];
		const result = await run(sim, 'enable-sms', input);
		expect(result.status).toBe('success');
		const [item] = jsonOf(result.items('Opentact'));
		expect(item).toMatchObject({
			phoneNumber: '+12015550101',
			tnLeaseId: LEASES.b0101.uuid,
			smsEnabled: true,
			outcome: 'enabled',
			subscription: { type: 'sms', messaging_profile: { uuid: PROFILE_UUID }, sms_campaign: { campaignId: 'CSIM001' } },
		});
		expect(sim.state.opentact.smsEnabled(LEASES.b0101.tn)).toBe(true);
		const [post] = requestsTo(sim, 'POST', SMS_ROUTE);
		expect(post.query).toEqual({ tn_lease: LEASES.b0101.uuid });
		expect(post.body).toEqual({ messaging_profile: PROFILE_UUID, sms_campaign: CAMPAIGN_UUID });
	});

	test('a number with SMS already on is reported "alreadyEnabled", or an error when asked to be strict', async () => {
		const input = [{ phone: LEASES.a1234.tn, profile: PROFILE_UUID, campaign: CAMPAIGN_UUID }];
		const lenient = await run(sim, 'enable-sms', input);
		expect(jsonOf(lenient.items('Opentact'))[0]).toMatchObject({
			outcome: 'alreadyEnabled',
			smsEnabled: true,
			subscription: null,
			confirmedBy: 'answer',
			providerMessage: 'SMS subscription already exists',
		});
		const strict = await run(sim, 'enable-sms', input, { options: { failIfAlreadyEnabled: true } });
		expect(strict.status).toBe('error');
		expect(strict.error.message).toBe('Item 0: Opentact answered 400: SMS subscription already exists');
	});

	test('disable then enable brings a number back to texting (the SMS round trip)', async () => {
		await run(sim, 'disable-sms', [{ phone: LEASES.c0142.tn }]);
		expect(sim.state.opentact.smsEnabled(LEASES.c0142.tn)).toBe(false);
		const result = await run(sim, 'enable-sms', [{ phone: LEASES.c0142.uuid, profile: PROFILE_UUID, campaign: CAMPAIGN_UUID }]);
		expect(jsonOf(result.items('Opentact'))[0].outcome).toBe('enabled');
		expect(sim.state.opentact.smsEnabled(LEASES.c0142.tn)).toBe(true);
	});

	test('a malformed profile or campaign UUID is an error for that item before anything is sent', async () => {
		const input = [
			{ phone: LEASES.b0101.tn, profile: 'default', campaign: CAMPAIGN_UUID },
			{ phone: LEASES.c0143.tn, profile: PROFILE_UUID, campaign: '' },
		];
		const result = await run(sim, 'enable-sms', input, { node: { continueOnFail: true } });
		expect(jsonOf(result.items('Opentact')).map((item) => item.error)).toEqual([
			'Item 0: Messaging Profile ID "default" is not a valid UUID (expected 8-4-4-4-12 hexadecimal digits)',
			'Item 1: SMS Campaign ID is empty', // a blank value is not quoted (issue 15.2)
		]);
		expect(sim.requests()).toHaveLength(0);
	});

	test("an unknown campaign is refused with Opentact's field error", async () => {
		const input = [{ phone: LEASES.b0101.tn, profile: PROFILE_UUID, campaign: '00000000-0000-4000-8000-000000000000' }];
		const result = await run(sim, 'enable-sms', input, { node: { continueOnFail: true } });
		const [item] = jsonOf(result.items('Opentact'));
		expect(item.error).toBe('Item 0: Opentact answered 400: Validation failed');
		// A refusal in words outside our vocabulary: the lease read back shows why it is no "alreadyEnabled".
		expect(item.message).toBe(
			'HTTP 400; body.sms_campaign: SMS campaign not found (00000000-0000-4000-8000-000000000000); The lease, read back after this refusal, shows SMS still off.',
		);
	});
});

describe('Get', () => {
	test('a number and a lease UUID each return the lease with its SMS state', async () => {
		const result = await run(sim, 'get', [{ phone: '(201) 555-0101' }, { phone: LEASES.a1234.uuid }]);
		expect(result.status).toBe('success');
		const out = jsonOf(result.items('Opentact'));
		expect(out.map(({ phoneNumber, tnLeaseId, smsEnabled, outcome }) => ({ phoneNumber, tnLeaseId, smsEnabled, outcome }))).toEqual([
			{ phoneNumber: '+12015550101', tnLeaseId: LEASES.b0101.uuid, smsEnabled: false, outcome: 'found' },
			{ phoneNumber: '+12017771234', tnLeaseId: LEASES.a1234.uuid, smsEnabled: true, outcome: 'found' },
		]);
		expect(out[1].lease).toEqual({
			uuid: LEASES.a1234.uuid,
			tn: '12017771234',
			autorenew: true,
			expired_on: '2026-11-04T00:00:00.000Z',
			messaging_profile: { uuid: PROFILE_UUID, name: 'default messaging profile' },
			subscriptions: [{ uuid: 'c5cc6326-0023-43d8-81a5-e7b7e019919d', type: 'sms' }],
		});
		expect(sim.requests().map((entry) => entry.path)).toEqual([
			'/rest/lease/tn/12015550101/tn',
			`/rest/lease/tn/${LEASES.a1234.uuid}`,
		]);
	});

	test('Simplify off returns the lease exactly as Opentact sent it', async () => {
		const result = await run(sim, 'get', [{ phone: LEASES.a1234.tn }], { parameters: { simplify: false } });
		expect(jsonOf(result.items('Opentact'))[0].lease.tn).toMatchObject({ tn: 12017771234, npa: 201, nxx: 777 });
	});
});

describe('Get Many', () => {
	test('Limit returns that many leases from one page', async () => {
		const result = await run(sim, 'get-many', [{ limit: 3 }]);
		const out = jsonOf(result.items('Opentact'));
		expect(out.map((item) => item.phoneNumber)).toEqual(['+12015550100', '+12015550101', '+12017771234']);
		expect(out.map((item) => item.smsEnabled)).toEqual([true, false, true]);
		expect(pairingOf(result.items('Opentact'))).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }]);
		expect(searches().map((entry) => entry.body)).toEqual([{ take: 3, skip: 0 }]);
	});

	test('a number filter with a wildcard is passed to the search', async () => {
		const result = await run(sim, 'get-many', [{ returnAll: true, filter: '1201777*' }]);
		expect(jsonOf(result.items('Opentact')).map((item) => item.phoneNumber)).toEqual(['+12017771234', '+12017771235', '+12017771236']);
		expect(searches()[0].body).toEqual({ take: 100, skip: 0, tn: '1201777*' });
	});

	test('a filter with letters is bad input for its item', async () => {
		const result = await run(sim, 'get-many', [{ filter: '1201abc*' }], { node: { continueOnFail: true } });
		expect(jsonOf(result.items('Opentact'))[0].error).toBe('Item 0: Number Filter "1201abc*" may only hold digits and * wildcards');
	});

	test('Return All pages through every lease, 100 a page, in order', async () => {
		const big = await startSimulatorWithLeases(250);
		try {
			const result = await run(big, 'get-many', [{ returnAll: true }]);
			const numbers = jsonOf(result.items('Opentact')).map((item) => item.phoneNumber);
			expect(numbers).toHaveLength(250);
			expect(numbers[0]).toBe('+13025550000');
			expect(numbers[249]).toBe('+13025550249');
			expect(new Set(numbers).size).toBe(250);
			expect(searches(big).map((entry) => [entry.body.skip, entry.body.take])).toEqual([
				[0, 100],
				[100, 100],
				[200, 50],
			]);
			const limited = await run(big, 'get-many', [{ limit: 120 }]);
			expect(limited.items('Opentact')).toHaveLength(120);
		} finally {
			await big.close();
		}
	});
});
