'use strict';
// Issue 14: Dry Run on Disable SMS and Enable SMS. Every item is read, normalised and looked up
// as in a real run (lease by number or UUID, checked against what was asked), its SMS state is
// read from the lease, and it says what a real run would do. Nothing that changes state is sent.
const {
	LEASES,
	PROFILE_UUID,
	CAMPAIGN_UUID,
	SMS_ROUTE,
	run,
	jsonOf,
	requestsTo,
	startSimulator,
	startSimulatorWithLeases,
} = require('./helpers');
const { startHostileOpentact, runAgainst, ok, refuse, lease } = require('./hostileOpentact');

let sim;
beforeAll(async () => {
	sim = await startSimulator();
});
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());

const LEASE_SEARCH = '/rest/lease/tn/search';
const CONTINUE = { node: { onError: 'continueRegularOutput' } };
const enableInput = (phone, extra = {}) => ({ phone, profile: PROFILE_UUID, campaign: CAMPAIGN_UUID, ...extra });
const smsStates = (leases) => leases.map((entry) => sim.state.opentact.smsEnabled(entry.tn));

/** Everything the simulator received that is not a read: no change may reach it under Dry Run. */
const changeRequests = () =>
	sim.requests().filter((entry) => entry.method !== 'GET' && !(entry.method === 'POST' && entry.path === LEASE_SEARCH));

describe('Disable SMS with Dry Run', () => {
	test('each item says whether its SMS would be disabled or is already off, no change reaches Opentact, and a real run then does what it said', async () => {
		const input = [
			{ phone: '+1 201-777-1234' },
			{ phone: LEASES.b0101.tn },
			{ phone: LEASES.d0170.uuid.toUpperCase() },
			{ phone: '(201) 777 1234' },
		];
		const leases = [LEASES.a1234, LEASES.b0101, LEASES.d0170];
		const before = smsStates(leases);
		expect(before).toEqual([true, false, true]);

		const dry = await run(sim, 'disable-sms', input, { options: { dryRun: true } });
		expect(dry.status).toBe('success');
		const out = jsonOf(dry.items('Opentact'));
		expect(out.map(({ phoneNumber, tnLeaseId, smsEnabled, outcome, dryRun, confirmedBy, providerMessage }) => ({
			phoneNumber, tnLeaseId, smsEnabled, outcome, dryRun, confirmedBy, providerMessage,
		}))).toEqual([
			{ phoneNumber: '+12017771234', tnLeaseId: LEASES.a1234.uuid, smsEnabled: true, outcome: 'wouldDisable', dryRun: true, confirmedBy: 'readBack', providerMessage: null },
			{ phoneNumber: '+12015550101', tnLeaseId: LEASES.b0101.uuid, smsEnabled: false, outcome: 'alreadyDisabled', dryRun: true, confirmedBy: 'readBack', providerMessage: null },
			{ phoneNumber: null, tnLeaseId: LEASES.d0170.uuid, smsEnabled: true, outcome: 'wouldDisable', dryRun: true, confirmedBy: 'readBack', providerMessage: null },
			{ phoneNumber: '+12017771234', tnLeaseId: LEASES.a1234.uuid, smsEnabled: true, outcome: 'wouldDisable', dryRun: true, confirmedBy: 'readBack', providerMessage: null },
		]);
		// The lease read is the evidence, trimmed like Get's; no subscription was answered.
		expect(out[0].lease).toMatchObject({ uuid: LEASES.a1234.uuid, tn: LEASES.a1234.tn, subscriptions: [{ type: 'sms' }] });
		expect(out[1].lease.subscriptions).toEqual([]);
		expect(out[0].subscription).toBeUndefined();
		expect(out[0].at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

		// Read only: two numbers looked up, the UUID read by UUID, nothing else; state untouched.
		expect(changeRequests()).toEqual([]);
		expect(requestsTo(sim, 'GET', /^\/rest\/lease\/tn\/\d+\/tn$/)).toHaveLength(2);
		expect(requestsTo(sim, 'GET', `/rest/lease/tn/${LEASES.d0170.uuid}`)).toHaveLength(1);
		expect(smsStates(leases)).toEqual(before);

		const real = await run(sim, 'disable-sms', input);
		expect(jsonOf(real.items('Opentact')).map((item) => [item.outcome, item.dryRun])).toEqual([
			['disabled', false],
			['alreadyDisabled', false],
			['disabled', false],
			['disabled', false],
		]);
		expect(smsStates(leases)).toEqual([false, false, false]);
	});

	test('a number Opentact does not lease, or a lease UUID it does not know, fails the item with Opentact\'s words, as in a real run', async () => {
		const input = [{ phone: '+1 201 555 0199' }, { phone: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee' }, { phone: LEASES.a1234.tn }];
		const dry = await run(sim, 'disable-sms', input, { options: { dryRun: true }, ...CONTINUE });
		const out = jsonOf(dry.items('Opentact'));
		expect(out[0]).toEqual({ error: 'Item 0: +1 201 555 0199 is not a number leased by this Opentact account (Opentact answered 404: TNLease not found)', message: expect.stringMatching(/^HTTP 404/) });
		expect(out[1]).toEqual({ error: 'Item 1: aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee is not a lease of this Opentact account (Opentact answered 404: TNLease not found)', message: expect.stringMatching(/^HTTP 404/) });
		expect(out[2]).toMatchObject({ outcome: 'wouldDisable', dryRun: true });
		expect(changeRequests()).toEqual([]);

		// The real run learns the same from its DELETE (the field Opentact names differs: the lookup's or the change's).
		const real = await run(sim, 'disable-sms', input, CONTINUE);
		expect(jsonOf(real.items('Opentact')).slice(0, 2).map((item) => item.error)).toEqual(out.slice(0, 2).map((item) => item.error));
	});

	test('bad input fails its item with the same error as a real run, before any request for it', async () => {
		const input = [{ phone: '201-777-12' }, { phone: '' }, { phone: 'adf7637d-3363-49d4-8922' }, { phone: LEASES.a1235.tn }];
		const dry = await run(sim, 'disable-sms', input, { options: { dryRun: true }, ...CONTINUE });
		const dryOut = jsonOf(dry.items('Opentact'));
		expect(dryOut[3]).toMatchObject({ outcome: 'wouldDisable', dryRun: true });
		expect(sim.requests().map((entry) => entry.path)).toEqual([`/rest/lease/tn/${LEASES.a1235.tn}/tn`]);

		sim.reset();
		const real = await run(sim, 'disable-sms', input, CONTINUE);
		const realOut = jsonOf(real.items('Opentact'));
		expect(dryOut.slice(0, 3)).toEqual(realOut.slice(0, 3));
		expect(dryOut[0].error).toMatch(/^Item 0: Phone Number "201-777-12" has 8 digits/);
		expect(dryOut[1].error).toBe('Item 1: Phone Number is empty');
		expect(dryOut[2].error).toMatch(/^Item 2: Phone Number .* is not a valid lease UUID/);
	});

	test('with Fail If Already Disabled, an already-off number fails as a real run would fail it, and nothing is sent', async () => {
		const input = [{ phone: LEASES.b0101.tn }, { phone: LEASES.a1234.tn }];
		const dry = await run(sim, 'disable-sms', input, { options: { dryRun: true, failIfAlreadyDisabled: true }, ...CONTINUE });
		const [already, would] = jsonOf(dry.items('Opentact'));
		expect(already).toEqual({
			error: `Item 0: SMS is already off on lease ${LEASES.b0101.uuid} and Fail If Already Disabled is on, so a real run would fail this item`,
			message: 'Dry Run: nothing was sent. The lease read shows SMS already off.',
		});
		expect(would).toMatchObject({ outcome: 'wouldDisable', dryRun: true, smsEnabled: true });
		expect(changeRequests()).toEqual([]);

		// Without Continue On Fail the node stops, as the real run does, and still sends nothing.
		const stopped = await run(sim, 'disable-sms', input, { options: { dryRun: true, failIfAlreadyDisabled: true } });
		expect(stopped.status).toBe('error');
		expect(stopped.error.message).toBe(already.error);
		expect(changeRequests()).toEqual([]);
		expect(smsStates([LEASES.b0101, LEASES.a1234])).toEqual([false, true]);

		// The real run fails that item too.
		const real = await run(sim, 'disable-sms', input, { options: { failIfAlreadyDisabled: true }, ...CONTINUE });
		expect(jsonOf(real.items('Opentact'))[0].error).toBe('Item 0: Opentact answered 404: SMS subscription not found');
	});

	test('Simplify off shows the lease exactly as Opentact answered it', async () => {
		const dry = await run(sim, 'disable-sms', [{ phone: LEASES.a1234.tn }], { parameters: { simplify: false }, options: { dryRun: true } });
		const [item] = jsonOf(dry.items('Opentact'));
		expect(item.lease.tn).toMatchObject({ tn: Number(LEASES.a1234.tn), country_code: 1 });
		expect(item.lease.created_on).toEqual(expect.any(String)); // a field Simplify drops
	});

	test('150 numbers, looked up through the paged lease list, all say wouldDisable and no change is sent', async () => {
		const many = await startSimulatorWithLeases(150);
		try {
			const input = Array.from({ length: 150 }, (_, index) => ({ phone: String(13025550000 + index) }));
			const dry = await run(many, 'disable-sms', input, { options: { dryRun: true } });
			expect(dry.status).toBe('success');
			const out = jsonOf(dry.items('Opentact'));
			expect(new Set(out.map((item) => `${item.outcome}|${item.dryRun}|${item.smsEnabled}`))).toEqual(new Set(['wouldDisable|true|true']));
			const methods = new Set(many.requests().map((entry) => `${entry.method} ${entry.path.replace(/\d+/g, 'N')}`));
			expect([...methods].sort()).toEqual(['POST /rest/lease/tn/search']);
			expect(many.state.opentact.smsEnabled('13025550149')).toBe(true);
		} finally {
			await many.close();
		}
	});

	test('a Dry Run given by an expression that is neither true nor false stops before any request', async () => {
		const dry = await run(sim, 'disable-sms', [{ phone: LEASES.a1234.tn }, { phone: LEASES.a1235.tn }], {
			options: { dryRun: '={{ "yes" }}' },
			...CONTINUE,
		});
		expect(jsonOf(dry.items('Opentact'))).toEqual([
			{ error: 'Item 0: Dry Run must be true or false', message: expect.stringContaining('Nothing was sent') },
			{ error: 'Item 1: Dry Run must be true or false', message: expect.stringContaining('Nothing was sent') },
		]);
		expect(sim.requests()).toEqual([]);

		const viaText = await run(sim, 'disable-sms', [{ phone: LEASES.a1234.tn }], { options: { dryRun: '={{ "true" }}' } });
		expect(jsonOf(viaText.items('Opentact'))[0]).toMatchObject({ outcome: 'wouldDisable', dryRun: true });
		expect(changeRequests()).toEqual([]);
	});
});

describe('Enable SMS with Dry Run', () => {
	test('each item says whether its SMS would be enabled or is already on, no POST reaches Opentact, and a real run then does what it said', async () => {
		const input = [enableInput(LEASES.b0101.tn), enableInput(LEASES.a1234.tn), enableInput(LEASES.c0143.uuid)];
		const leases = [LEASES.b0101, LEASES.a1234, LEASES.c0143];
		expect(smsStates(leases)).toEqual([false, true, false]);

		const dry = await run(sim, 'enable-sms', input, { options: { dryRun: true } });
		expect(dry.status).toBe('success');
		expect(jsonOf(dry.items('Opentact')).map((item) => [item.phoneNumber, item.tnLeaseId, item.outcome, item.smsEnabled, item.dryRun, item.confirmedBy])).toEqual([
			['+12015550101', LEASES.b0101.uuid, 'wouldEnable', false, true, 'readBack'],
			['+12017771234', LEASES.a1234.uuid, 'alreadyEnabled', true, true, 'readBack'],
			[null, LEASES.c0143.uuid, 'wouldEnable', false, true, 'readBack'],
		]);
		expect(changeRequests()).toEqual([]);
		expect(requestsTo(sim, 'POST', SMS_ROUTE)).toEqual([]);
		expect(smsStates(leases)).toEqual([false, true, false]);

		const real = await run(sim, 'enable-sms', input);
		expect(jsonOf(real.items('Opentact')).map((item) => item.outcome)).toEqual(['enabled', 'alreadyEnabled', 'enabled']);
	});

	test('a bad Messaging Profile ID or SMS Campaign ID fails its item as in a real run; Fail If Already Enabled fails an already-on number', async () => {
		const input = [
			enableInput(LEASES.b0101.tn, { profile: 'not-a-uuid' }),
			enableInput(LEASES.b0101.tn, { campaign: '' }),
			enableInput(LEASES.a1234.tn),
			enableInput(LEASES.c0143.tn),
		];
		const dry = await run(sim, 'enable-sms', input, { options: { dryRun: true, failIfAlreadyEnabled: true }, ...CONTINUE });
		const out = jsonOf(dry.items('Opentact'));
		expect(out[0].error).toBe('Item 0: Messaging Profile ID "not-a-uuid" is not a valid UUID (expected 8-4-4-4-12 hexadecimal digits)');
		expect(out[1].error).toBe('Item 1: SMS Campaign ID is empty');
		expect(out[2].error).toBe(
			`Item 2: SMS is already on on lease ${LEASES.a1234.uuid} and Fail If Already Enabled is on, so a real run would fail this item`,
		);
		expect(out[3]).toMatchObject({ outcome: 'wouldEnable', dryRun: true });
		expect(changeRequests()).toEqual([]);

		sim.reset();
		const real = await run(sim, 'enable-sms', input, { options: { failIfAlreadyEnabled: true }, ...CONTINUE });
		expect(jsonOf(real.items('Opentact')).slice(0, 2)).toEqual(out.slice(0, 2));
	});

	test('an item asking the same lease with another campaign fails as in a real run (one request per lease)', async () => {
		const otherCampaign = '00000000-0000-4000-8000-000000000001';
		const input = [enableInput(LEASES.b0101.tn), enableInput('+1 201 555 0101', { campaign: otherCampaign })];
		const dry = await run(sim, 'enable-sms', input, { options: { dryRun: true }, ...CONTINUE });
		const out = jsonOf(dry.items('Opentact'));
		expect(out[0]).toMatchObject({ outcome: 'wouldEnable', dryRun: true });
		expect(out[1].error).toBe(
			`Item 1: item 0 of this run already asks for lease ${LEASES.b0101.uuid} with other settings; one lease gets one request per run, so this item was not sent`,
		);
		expect(changeRequests()).toEqual([]);
	});
});

describe('answers the simulator would not give', () => {
	const A = { tn: '12017771234', uuid: 'adf7637d-3363-49d4-8922-112cc34a62bc' };
	let hostile;
	afterEach(async () => await hostile?.close());

	test.each([
		['has no subscriptions list', (entry) => { delete entry.subscriptions; }],
		['has subscriptions: null', (entry) => { entry.subscriptions = null; }],
		['has subscriptions as an object', (entry) => { entry.subscriptions = { type: 'sms' }; }],
	])('a lease that %s: SMS state unknown, the item fails instead of saying wouldDisable, and nothing is sent', async (_, spoil) => {
		hostile = await startHostileOpentact((request) => {
			if (request.method !== 'GET') return refuse(500, 'no change should come here');
			const answer = lease(A.tn, A.uuid);
			spoil(answer);
			return ok(answer);
		});
		for (const phone of [A.tn, A.uuid]) {
			const result = await runAgainst(hostile, 'disable-sms', [{ phone }], { options: { dryRun: true }, ...CONTINUE });
			const [item] = jsonOf(result.items('Opentact'));
			expect(item).toEqual({
				error: `Item 0: Opentact's answer could not be used: the lease ${A.uuid} has no subscriptions list, so whether its SMS is on is not known`,
				message: 'Dry Run: nothing was sent, and what a real run would change is not known.',
			});
		}
		expect(hostile.requests.map((entry) => entry.method)).toEqual(['GET', 'GET']);
	});

	test('a lease UUID answered with another lease fails the item; another number\'s lease too', async () => {
		const other = 'bbbbbbbb-3363-49d4-8922-112cc34a62bc';
		hostile = await startHostileOpentact((request) => (request.method === 'GET' ? ok(lease('12017779999', other)) : refuse(500, 'no')));
		const result = await runAgainst(hostile, 'disable-sms', [{ phone: A.uuid }, { phone: A.tn }], { options: { dryRun: true }, ...CONTINUE });
		expect(jsonOf(result.items('Opentact')).map((item) => item.error)).toEqual([
			`Item 0: Opentact's answer could not be used: asked for lease ${A.uuid}, it answered lease ${other}`,
			`Item 1: Opentact's answer could not be used: asked for +${A.tn}, it answered the lease of +12017779999 (${other})`,
		]);
		expect(hostile.requests.every((entry) => entry.method === 'GET')).toBe(true);
	});

	test('a subscription listed in other letter case ("SMS") counts as on, as the real read-back counts it', async () => {
		hostile = await startHostileOpentact((request) => {
			if (request.method !== 'GET') return refuse(500, 'no');
			const answer = lease(A.tn, A.uuid);
			answer.subscriptions = [{ uuid: 'c5cc6326-0023-43d8-81a5-e7b7e019919d', type: 'SMS' }, { type: 'voice' }];
			return ok(answer);
		});
		const result = await runAgainst(hostile, 'disable-sms', [{ phone: A.tn }], { options: { dryRun: true } });
		expect(jsonOf(result.items('Opentact'))[0]).toMatchObject({ outcome: 'wouldDisable', smsEnabled: true, dryRun: true });
		expect(hostile.requests.map((entry) => entry.method)).toEqual(['GET']);
	});
});
