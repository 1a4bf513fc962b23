'use strict';

const {
	call,
	basicAuth,
	opentact,
	opentactLogin,
	twoSms,
	twoSmsToken,
	startSimulator,
	DISABLE_SMS,
} = require('./helpers');

describe('request log, reset and admin routes', () => {
	let sim;
	let lines;
	beforeAll(async () => {
		lines = [];
		sim = await startSimulator({ log: (line) => lines.push(line) });
	});
	afterAll(() => sim.close());
	beforeEach(() => sim.reset());

	test('every API request is recorded with what was sent and what was answered', async () => {
		await opentact(sim).delete(`${DISABLE_SMS}?tn_lease=12017771234`);
		const [entry] = sim.requests();
		expect(entry).toMatchObject({
			seq: 1,
			api: 'opentact',
			method: 'DELETE',
			path: '/rest/lease/tn/number/subscription/sms',
			query: { tn_lease: '12017771234' },
			body: null,
			status: 200,
			fault: null,
		});
		expect(new Date(entry.at).toISOString()).toBe(entry.at);
		expect(entry.durationMs).toEqual(expect.any(Number));
		expect(entry.headers['x-auth-token']).toBe('[redacted]');
		expect(sim.requestsText()).toContain('#1 ');
		expect(lines.at(-1)).toContain('DELETE /rest/lease/tn/number/subscription/sms -> 200');
	});

	test('no secret of the fixture, and no token, reaches the log', async () => {
		const { opentact: ot, twoSms: ts } = sim.credentials;
		const jwt = await opentactLogin(sim);
		await opentact(sim, jwt).get('/lease/tn/12017771234/tn');
		await opentact(sim).get(`/lease/tn/12017771234/tn?api_key=${ot.apiKey}`);
		await call(`${sim.opentactBaseUrl}/auth`, {
			headers: { authorization: basicAuth(ot.email, 'wrong-password') },
		});
		await opentact(sim).post('/lease/tn/search', { note: `password is ${ot.password}` });
		await call(`${sim.twoSmsBaseUrl}/Token`, {
			method: 'POST',
			headers: { authorization: basicAuth(ts.clientId, ts.clientSecret) },
			form: { grant_type: 'client_credentials' },
		});
		const bearer = await twoSmsToken(sim);
		await twoSms(sim, bearer).get('/api/v1/sms/templates', { headers: { cookie: 'session=abc' } });

		const json = JSON.stringify(sim.requests());
		const text = sim.requestsText();
		for (const secret of [ot.apiKey, ot.password, ts.clientSecret, jwt, bearer, 'session=abc']) {
			expect(json).not.toContain(secret);
			expect(text).not.toContain(secret);
		}
		const headers = sim
			.requests()
			.map((entry) => entry.headers.authorization)
			.filter(Boolean);
		expect(headers).toEqual(expect.arrayContaining(['Basic [redacted]', 'Bearer [redacted]']));
		expect(sim.requests().find((entry) => entry.path === '/Token').body).toEqual({
			grant_type: 'client_credentials',
		});
		expect(sim.requests().filter((entry) => entry.path === '/Token')[1].body.client_secret).toBe(
			'[redacted]',
		);
	});

	test('clearRequests empties the log', async () => {
		await opentact(sim).get('/lease/tn/12017771234/tn');
		sim.clearRequests();
		expect(sim.requests()).toEqual([]);
	});

	test("reset restores the fixture's state", async () => {
		const before = sim.state.snapshot();
		await opentact(sim).delete(`${DISABLE_SMS}?tn_lease=12017771234`);
		await twoSms(sim, await twoSmsToken(sim)).delete('/api/v1/addressbook/stoplog', [
			{ Destination: '447700900101', Reason: 'x', SendConfirmation: true },
		]);
		expect(sim.state.twoSms.credits()).toBe(99);
		sim.reset();
		expect(sim.state.snapshot()).toEqual(before);
		expect(sim.state.opentact.smsEnabled(12017771234)).toBe(true);
		expect(sim.state.twoSms.stopLog()).toHaveLength(6);
	});

	test('the admin routes drive the same controls over HTTP and are not recorded', async () => {
		const admin = (method, path, json) => call(`${sim.url}/__sim/${path}`, { method, json });

		const added = await admin('POST', 'faults', [
			{ route: 'GET /rest/lease/tn/:tn/tn', kind: 'status', status: 500, times: 1 },
		]);
		expect(added.status).toBe(201);
		expect((await opentact(sim).get('/lease/tn/12017771234/tn')).status).toBe(500);
		expect((await admin('POST', 'faults', { kind: 'nonsense' })).status).toBe(400);

		const requests = await admin('GET', 'requests');
		expect(requests.body).toHaveLength(1);
		expect((await admin('GET', 'requests.txt')).text).toContain('-> 500');
		expect((await admin('DELETE', 'requests')).status).toBe(204);
		expect(sim.requests()).toEqual([]);

		expect((await admin('POST', 'limits', { latencyMs: 5, maxConcurrent: null })).body).toEqual({
			latencyMs: 5,
			maxConcurrent: null,
			ratePerSecond: null,
		});
		const jwt = await opentactLogin(sim);
		expect((await admin('POST', 'expire-tokens')).status).toBe(204);
		expect((await opentact(sim, jwt).get('/lease/tn/12017771234/tn')).status).toBe(401);

		await opentact(sim).delete(`${DISABLE_SMS}?tn_lease=12017771234`);
		const state = await admin('GET', 'state');
		expect(state.body.opentact.leases.find((lease) => lease.tn === 12017771234).sms).toBeNull();
		expect((await admin('POST', 'reset')).status).toBe(200);
		expect(sim.state.opentact.smsEnabled(12017771234)).toBe(true);
		expect((await admin('DELETE', 'faults')).status).toBe(204);
		expect((await admin('GET', 'nowhere')).status).toBe(404);
		expect(sim.requests()).toEqual([]);
	});
});
