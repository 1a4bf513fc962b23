'use strict';

const {
	call,
	opentact,
	opentactLogin,
	twoSms,
	twoSmsToken,
	startSimulator,
	DISABLE_SMS,
} = require('./helpers');

const DISABLE_ROUTE = 'DELETE /rest/lease/tn/number/subscription/sms';
const LEASE_ROUTE = 'GET /rest/lease/tn/:tn/tn';
const disable = (sim, tn = 12017771234) => opentact(sim).delete(`${DISABLE_SMS}?tn_lease=${tn}`);

describe('injected faults', () => {
	let sim;
	beforeAll(async () => {
		sim = await startSimulator();
	});
	afterAll(() => sim.close());
	beforeEach(() => sim.reset());

	test("status answers in each API's own error envelope and changes nothing", async () => {
		sim.addFault({ route: DISABLE_ROUTE, kind: 'status', status: 503, retryAfterSeconds: 2 });
		const answer = await disable(sim);
		expect(answer.status).toBe(503);
		expect(answer.headers['retry-after']).toBe('2');
		expect(answer.body).toMatchObject({ success: false, status: 503 });
		expect(sim.state.opentact.smsEnabled(12017771234)).toBe(true);

		sim.addFault({ route: 'GET /api/v1/sms/templates', kind: 'status', status: 500 });
		const twoSmsAnswer = await twoSms(sim, await twoSmsToken(sim)).get('/api/v1/sms/templates');
		expect(twoSmsAnswer.status).toBe(500);
		expect(twoSmsAnswer.body.Error.ErrorCode).toBe('InternalError');
	});

	test('rateLimit answers 429 with Retry-After', async () => {
		sim.addFault({ route: LEASE_ROUTE, kind: 'rateLimit', retryAfterSeconds: 3 });
		const answer = await opentact(sim).get('/lease/tn/12017771234/tn');
		expect(answer.status).toBe(429);
		expect(answer.headers['retry-after']).toBe('3');
		expect(answer.body.status).toBe(429);
	});

	test('reset drops the connection and the lease keeps its SMS', async () => {
		sim.addFault({ route: DISABLE_ROUTE, kind: 'reset' });
		await expect(disable(sim)).rejects.toThrow();
		expect(sim.state.opentact.smsEnabled(12017771234)).toBe(true);
		expect(sim.requests().at(-1)).toMatchObject({ status: null, fault: 'reset' });
	});

	test('hang never answers; the client gives up and the log says so', async () => {
		sim.addFault({ route: '*', kind: 'hang', times: 1 });
		const giveUp = AbortSignal.timeout(150);
		await expect(opentact(sim).get('/lease/tn/12017771234/tn', { signal: giveUp })).rejects.toThrow(
			/abort|timeout/i,
		);
		expect((await opentact(sim).get('/lease/tn/12017771234/tn')).status).toBe(200);
		expect(sim.requests().map((entry) => [entry.status, entry.fault])).toEqual([
			[null, 'hang'],
			[200, null],
		]);
	});

	test('truncated sends half of the real body with 200, and rolls the change back', async () => {
		sim.addFault({ route: DISABLE_ROUTE, kind: 'truncated', times: 1 });
		const cut = await disable(sim);
		expect(cut.status).toBe(200);
		expect(cut.body).toBeUndefined();
		expect(sim.state.opentact.smsEnabled(12017771234)).toBe(true);
		const whole = await disable(sim);
		expect(whole.text.startsWith(cut.text)).toBe(true);
		expect(whole.text.length).toBeGreaterThan(cut.text.length);
	});

	test("html answers a proxy's error page", async () => {
		sim.addFault({ route: '*', kind: 'html', status: 503 });
		const answer = await disable(sim);
		expect(answer.status).toBe(503);
		expect(answer.headers['content-type']).toBe('text/html');
		expect(answer.text).toContain('<h1>503 Service Unavailable</h1>');
	});

	test('latency delays the answer, and combines with other faults', async () => {
		sim.addFault({ route: LEASE_ROUTE, kind: 'latency', latencyMs: 120 });
		const started = Date.now();
		expect((await opentact(sim).get('/lease/tn/12017771234/tn')).status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(110);
		expect(sim.requests().at(-1).fault).toBe('latency');
	});

	test('expireToken turns the presented JWT or bearer token into an expired one for good', async () => {
		const jwt = await opentactLogin(sim);
		sim.addFault({ route: LEASE_ROUTE, kind: 'expireToken', times: 1 });
		const first = await opentact(sim, jwt).get('/lease/tn/12017771234/tn');
		expect(first.status).toBe(401);
		expect(first.body.message).toBe('jwt expired');
		expect((await opentact(sim, jwt).get('/lease/tn/12017771234/tn')).status).toBe(401);
		expect(
			(await opentact(sim, await opentactLogin(sim)).get('/lease/tn/12017771234/tn')).status,
		).toBe(200);

		const bearer = await twoSmsToken(sim);
		sim.addFault({ route: 'GET /api/v1/sms/templates', kind: 'expireToken', times: 1 });
		expect((await twoSms(sim, bearer).get('/api/v1/sms/templates')).status).toBe(401);
		expect((await twoSms(sim, bearer).get('/api/v1/sms/templates')).status).toBe(401);
	});

	test('expireToken does not apply to a login, which presents no token to expire', async () => {
		sim.addFault({ route: '*', kind: 'expireToken' });
		expect(await opentactLogin(sim)).toMatch(/^eyJ/);
		expect(await twoSmsToken(sim)).toEqual(expect.any(String));
		expect(sim.requests().map((entry) => [entry.status, entry.fault])).toEqual([
			[200, null],
			[200, null],
		]);
	});

	test('errorCode200 answers 200 with an ErrorCode and no records, and changes nothing', async () => {
		sim.addFault({
			route: 'DELETE /api/v1/addressbook/stoplog',
			kind: 'errorCode200',
			errorCode: 'ServiceBusy',
		});
		const answer = await twoSms(sim, await twoSmsToken(sim)).delete('/api/v1/addressbook/stoplog', [
			{ Destination: '447700900101', Reason: 'x' },
		]);
		expect(answer.status).toBe(200);
		expect(answer.body.Error.ErrorCode).toBe('ServiceBusy');
		expect(answer.body.ResponseData.Detail).toBeNull();
		expect(sim.state.twoSms.isOnStopLog('447700900101')).toBe(true);
		expect(() => sim.addFault({ route: DISABLE_ROUTE, kind: 'errorCode200' })).toThrow(/2sms/);
	});

	test('resetAfterCommit changes state and then drops the connection; the retry finds it done', async () => {
		sim.addFault({ route: DISABLE_ROUTE, kind: 'resetAfterCommit', times: 1 });
		await expect(disable(sim)).rejects.toThrow();
		expect(sim.state.opentact.smsEnabled(12017771234)).toBe(false);
		const retry = await disable(sim);
		expect(retry.status).toBe(404);
		expect(retry.body.message).toBe('SMS subscription not found');
	});

	test('after and times pick which matching requests fail', async () => {
		sim.addFault({ route: LEASE_ROUTE, kind: 'status', status: 500, after: 1, times: 2 });
		const statuses = [];
		for (let index = 0; index < 5; index++)
			statuses.push((await opentact(sim).get('/lease/tn/12017771234/tn')).status);
		expect(statuses).toEqual([200, 500, 500, 200, 200]);
	});

	test('a fractional rate fails the same requests on every run with the same seed', async () => {
		const run = async () => {
			sim.reset();
			sim.addFault({ route: '*', kind: 'status', status: 502, rate: 0.5 });
			const statuses = [];
			for (let index = 0; index < 16; index++)
				statuses.push((await opentact(sim).get('/lease/tn/12017771234/tn')).status);
			return statuses;
		};
		const first = await run();
		expect(first).toContain(502);
		expect(first).toContain(200);
		expect(await run()).toEqual(first);
	});

	test('a malformed fault spec is refused with a reason', () => {
		expect(() => sim.addFault({ kind: 'explode' })).toThrow(/kind/);
		expect(() => sim.addFault({ kind: 'status', route: 'lease please' })).toThrow(/route/);
		expect(() => sim.addFault({ kind: 'status', rate: 2 })).toThrow(/rate/);
		expect(sim.faults()).toEqual([]);
	});

	test('clearFaults restores normal service', async () => {
		sim.addFault({ kind: 'status', status: 500 });
		sim.clearFaults();
		expect(
			(
				await call(`${sim.opentactBaseUrl}/lease/tn/12017771234/tn`, {
					headers: { 'x-auth-token': sim.credentials.opentact.apiKey },
				})
			).status,
		).toBe(200);
	});
});
