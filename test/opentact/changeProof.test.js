'use strict';
// Issue 11, points 9 and 10: what proves a Disable/Enable outcome (`confirmedBy`). One request
// per lease per run, however many items name it; a change this run made is never reported as
// "already" done; a refusal in words we do not know is settled by reading the lease back.
const { LEASES, PROFILE_UUID, CAMPAIGN_UUID, FAST_RETRIES, SMS_ROUTE, run, jsonOf, requestsTo, startSimulator } = require('./helpers');
const { startHostileOpentact, runAgainst, ok, refuse, lease, API_KEY } = require('./hostileOpentact');

let sim;
beforeAll(async () => {
	sim = await startSimulator();
});
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());

const deletes = () => requestsTo(sim, 'DELETE', SMS_ROUTE);
const posts = () => requestsTo(sim, 'POST', SMS_ROUTE);
const readBacks = () => requestsTo(sim, 'GET', /^\/rest\/lease\/tn\/[0-9a-f-]{36}$/);
const proof = (item) => [item.outcome, item.confirmedBy, item.providerMessage];
const enableInput = (phone, extra = {}) => ({ phone, profile: PROFILE_UUID, campaign: CAMPAIGN_UUID, ...extra });

describe('one request per lease per run (point 9)', () => {
	test.each([[false], [true]])(
		'a number in two formats plus its lease UUID sends one DELETE and all three items say disabled (Fail If Already Disabled: %s)',
		async (strict) => {
			const input = [{ phone: '+1 201-777-1234' }, { phone: '(201) 777 1234' }, { phone: LEASES.a1234.uuid }];
			const result = await run(sim, 'disable-sms', input, { options: { failIfAlreadyDisabled: strict } });
			expect(result.status).toBe('success');
			const out = jsonOf(result.items('Opentact'));
			expect(out.map(proof)).toEqual(input.map(() => ['disabled', 'answer', null]));
			expect(out.map((item) => [item.phoneNumber, item.tnLeaseId])).toEqual([
				['+12017771234', LEASES.a1234.uuid],
				['+12017771234', LEASES.a1234.uuid],
				[null, LEASES.a1234.uuid],
			]);
			expect(deletes()).toHaveLength(1);
		},
	);

	test('Enable: a number and its UUID send one POST; an item asking the same lease for another campaign is not sent', async () => {
		const otherCampaign = '00000000-0000-4000-8000-000000000001';
		const input = [enableInput(LEASES.b0101.tn), enableInput(LEASES.b0101.uuid), enableInput('+1 201 555 0101', { campaign: otherCampaign })];
		const result = await run(sim, 'enable-sms', input, { node: { continueOnFail: true } });
		const out = jsonOf(result.items('Opentact'));
		expect(out.slice(0, 2).map(proof)).toEqual([
			['enabled', 'answer', null],
			['enabled', 'answer', null],
		]);
		// Item 1 (a UUID, no lookup needed) reached the request first; item 0 shares it.
		expect(out[2].error).toBe(
			`Item 2: item 1 of this run already asks for lease ${LEASES.b0101.uuid} with other settings; one lease gets one request per run, so this item was not sent`,
		);
		expect(posts()).toHaveLength(1);
	});
});

describe('a change whose answer was lost is this run\'s change (point 9)', () => {
	test.each([[false], [true]])(
		'DELETE applied, answer lost, retry answered "already": disabled by this run (Fail If Already Disabled: %s)',
		async (strict) => {
			sim.addFault({ route: `DELETE ${SMS_ROUTE}`, kind: 'resetAfterCommit', times: 1 });
			const result = await run(sim, 'disable-sms', [{ phone: LEASES.a1234.tn }], { options: { ...FAST_RETRIES, failIfAlreadyDisabled: strict } });
			expect(result.status).toBe('success');
			const [item] = jsonOf(result.items('Opentact'));
			expect(proof(item)).toEqual(['disabled', 'retryAfterLostAnswer', 'SMS subscription not found']);
			expect(item).toMatchObject({ smsEnabled: false });
			expect(item).not.toHaveProperty('subscription');
			expect(deletes().map((entry) => entry.status)).toEqual([null, 404]);
		},
	);

	test('Enable: POST applied, answer lost, retry answered "already exists": enabled by this run', async () => {
		sim.addFault({ route: `POST ${SMS_ROUTE}`, kind: 'resetAfterCommit', times: 1 });
		const result = await run(sim, 'enable-sms', [enableInput(LEASES.c0143.tn)], { options: { ...FAST_RETRIES, failIfAlreadyEnabled: true } });
		expect(proof(jsonOf(result.items('Opentact'))[0])).toEqual(['enabled', 'retryAfterLostAnswer', 'SMS subscription already exists']);
	});

	test('answer lost, then a refusal in other words: the lease read back shows SMS off, so this run disabled it', async () => {
		sim.state.opentact.setRefusals({ smsAlreadyDisabled: { status: 404, message: 'Subscription not found' } });
		sim.addFault({ route: `DELETE ${SMS_ROUTE}`, kind: 'resetAfterCommit', times: 1 });
		const result = await run(sim, 'disable-sms', [{ phone: LEASES.a1234.tn }], { options: FAST_RETRIES });
		expect(proof(jsonOf(result.items('Opentact'))[0])).toEqual(['disabled', 'retryAfterLostAnswer', 'Subscription not found']);
		expect(readBacks()).toHaveLength(1);
	});

	test('a 503 before the "already" answer is no proof the number was on: still reported as this run\'s change', async () => {
		sim.addFault({ route: `DELETE ${SMS_ROUTE}`, kind: 'status', status: 503, times: 1 });
		const result = await run(sim, 'disable-sms', [{ phone: LEASES.b0101.tn }], { options: FAST_RETRIES });
		// A 5xx may have been applied by the server before it failed: the retry's "already" cannot
		// tell who changed it, and the vocabulary says an earlier attempt of ours may have.
		expect(proof(jsonOf(result.items('Opentact'))[0])).toEqual(['disabled', 'retryAfterLostAnswer', 'SMS subscription not found']);
	});
});

describe('wording is not proof: a refusal in other words is settled by the lease\'s state (point 10)', () => {
	test.each([
		[404, 'Subscription not found'],
		[400, 'SMS is not enabled on this number'],
		[409, 'Nothing to remove'],
	])('Disable answered %i "%s" on a number whose SMS is off: alreadyDisabled, proven by reading the lease back', async (status, message) => {
		sim.state.opentact.setRefusals({ smsAlreadyDisabled: { status, message } });
		const result = await run(sim, 'disable-sms', [{ phone: LEASES.b0101.tn }]);
		expect(result.status).toBe('success');
		expect(proof(jsonOf(result.items('Opentact'))[0])).toEqual(['alreadyDisabled', 'readBack', message]);
		expect(readBacks().map((entry) => entry.path)).toEqual([`/rest/lease/tn/${LEASES.b0101.uuid}`]);
	});

	test('the known wording needs no read-back', async () => {
		const result = await run(sim, 'disable-sms', [{ phone: LEASES.b0101.tn }]);
		expect(proof(jsonOf(result.items('Opentact'))[0])).toEqual(['alreadyDisabled', 'answer', 'SMS subscription not found']);
		expect(readBacks()).toHaveLength(0);
	});

	test('Enable answered 409 "Number already subscribed" on a number whose SMS is on: alreadyEnabled by read-back', async () => {
		sim.state.opentact.setRefusals({ smsAlreadyEnabled: { status: 409, message: 'Number already subscribed' } });
		const result = await run(sim, 'enable-sms', [enableInput(LEASES.a1234.tn)]);
		expect(proof(jsonOf(result.items('Opentact'))[0])).toEqual(['alreadyEnabled', 'readBack', 'Number already subscribed']);
	});

	test('with Fail If Already Disabled, a state proven by read-back is an error in Opentact\'s words, saying what was read', async () => {
		sim.state.opentact.setRefusals({ smsAlreadyDisabled: { status: 404, message: 'Subscription not found' } });
		const result = await run(sim, 'disable-sms', [{ phone: LEASES.b0101.tn }], { options: { failIfAlreadyDisabled: true }, node: { continueOnFail: true } });
		expect(jsonOf(result.items('Opentact'))[0]).toEqual({
			error: 'Item 0: Opentact answered 404: Subscription not found',
			message: 'HTTP 404; query.tn_lease: Subscription not found (6101ea41-ae5c-4213-b54b-3dd6b7d0fd10); SMS is already off: the lease read back shows so, and Fail If Already Disabled is on.',
		});
	});
});

describe('a refusal the lease\'s state does not explain fails the item in Opentact\'s words (point 10)', () => {
	const ASKED_UUID = 'adf7637d-3363-49d4-8922-112cc34a62bc';
	let hostile;
	afterEach(async () => await hostile?.close());

	/** A stand-in whose DELETE answers `refusal` and whose lease read-back answers `readBack`. */
	async function refusing(refusal, readBack) {
		hostile = await startHostileOpentact((request) => {
			if (request.method === 'DELETE') return refusal;
			if (request.method === 'GET' && request.path === `/lease/tn/${ASKED_UUID}`) return readBack;
			return undefined;
		});
	}
	const disableByUuid = async () =>
		await runAgainst(hostile, 'disable-sms', [{ phone: ASKED_UUID }], { options: { maxRetries: 0 }, node: { continueOnFail: true } });

	test.each([
		['SMS still on', ok(lease('12017771234', ASKED_UUID, { sms: true })), 'The lease, read back after this refusal, shows SMS still on.'],
		['no subscriptions list', ok({ ...lease('12017771234', ASKED_UUID), subscriptions: null }), 'The lease read back has no subscriptions list, so its SMS state is unknown.'],
		['another lease', ok(lease('12017771299', '0e0d3bc6-0777-4e08-a2be-c451c9a64b87', { sms: false })), `Reading the lease back gave no usable answer: asked for lease ${ASKED_UUID}, it answered lease 0e0d3bc6-0777-4e08-a2be-c451c9a64b87.`],
		['a failed read', refuse(500, 'boom'), 'Reading the lease back failed too (HTTP 500).'],
	])('a 400 "Number is porting" with the read-back showing %s: item error with Opentact\'s words', async (_name, readBack, detail) => {
		await refusing(refuse(400, 'Number is porting'), readBack);
		const [item] = jsonOf((await disableByUuid()).items('Opentact'));
		expect(item.error).toBe('Item 0: Opentact answered 400: Number is porting');
		expect(item.message).toBe(`HTTP 400; Number is porting; ${detail}`);
	});

	test('without Continue On Fail such an item fails the run', async () => {
		await refusing(refuse(404, 'Subscription not found'), ok(lease('12017771234', ASKED_UUID, { sms: true })));
		const result = await runAgainst(hostile, 'disable-sms', [{ phone: ASKED_UUID }]);
		expect(result.status).toBe('error');
		expect(result.error.message).toBe('Item 0: Opentact answered 404: Subscription not found');
	});

	test('a 200 success without the subscription is settled by the lease: disabled, by read-back', async () => {
		await refusing(ok(null), ok(lease('12017771234', ASKED_UUID, { sms: false })));
		const [item] = jsonOf((await disableByUuid()).items('Opentact'));
		expect(proof(item)).toEqual(['disabled', 'readBack', null]);
	});

	test('a 200 success without the subscription, on a lease still texting, proves nothing', async () => {
		await refusing(ok([]), ok(lease('12017771234', ASKED_UUID, { sms: true })));
		const [item] = jsonOf((await disableByUuid()).items('Opentact'));
		expect(item.error).toBe("Item 0: Opentact's answer could not be used: it answered success without the subscription the change returns");
		expect(item.message).toBe('The lease, read back after this answer, shows SMS still on.');
	});

	test('a refusal that echoes our API key keeps Opentact\'s words in providerMessage, without the key', async () => {
		await refusing(refuse(404, `no SMS for token ${API_KEY}`), ok(lease('12017771234', ASKED_UUID, { sms: false })));
		const [item] = jsonOf((await disableByUuid()).items('Opentact'));
		expect(proof(item)).toEqual(['alreadyDisabled', 'readBack', 'no SMS for token [redacted]']);
	});

	test('the documented "TNLease not found" is not read back: the lease is not there', async () => {
		await refusing(refuse(404, 'TNLease not found'), ok(lease('12017771234', ASKED_UUID, { sms: false })));
		const [item] = jsonOf((await disableByUuid()).items('Opentact'));
		expect(item.error).toBe('Item 0: adf7637d-3363-49d4-8922-112cc34a62bc is not a lease of this Opentact account (Opentact answered 404: TNLease not found)');
		expect(hostile.requests.map((entry) => entry.method)).toEqual(['DELETE']);
	});
});
