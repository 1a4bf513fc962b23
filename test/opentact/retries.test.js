'use strict';
// Retries inside the node: 429 with Retry-After, 5xx, dropped connections, unreadable bodies and
// hung requests are retried with backoff; other 4xx never are. Retry settings are kept small.
const { LEASES, FAST_RETRIES, SMS_ROUTE, emailCredentials, run, jsonOf, requestsTo, startSimulator, startSimulatorWithLeases } = require('./helpers');

let sim;
beforeAll(async () => {
	sim = await startSimulator();
});
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());

const DELETE_ROUTE = `DELETE ${SMS_ROUTE}`;
const deletes = () => requestsTo(sim, 'DELETE', SMS_ROUTE);
const disableOne = async (options = FAST_RETRIES, node = {}) =>
	await run(sim, 'disable-sms', [{ phone: LEASES.a1234.tn }], { options, node });

test('a 429 with Retry-After is waited out and the item succeeds', async () => {
	sim.addFault({ route: DELETE_ROUTE, kind: 'rateLimit', retryAfterSeconds: 1, times: 1 });
	const result = await disableOne();
	expect(result.status).toBe('success');
	expect(jsonOf(result.items('Opentact'))[0].outcome).toBe('disabled');
	const [limited, served] = deletes();
	expect([limited.status, served.status]).toEqual([429, 200]);
	const waitedMs = Date.parse(served.at) - Date.parse(limited.at);
	expect(waitedMs).toBeGreaterThanOrEqual(1000);
	expect(waitedMs).toBeLessThan(2000);
});

test("three 429s in a row cost three times the server's Retry-After, no idle time on top", async () => {
	sim.addFault({ route: DELETE_ROUTE, kind: 'rateLimit', retryAfterSeconds: 1, times: 3 });
	const result = await disableOne({ ...FAST_RETRIES, maxRetries: 0 });
	expect(jsonOf(result.items('Opentact'))[0].outcome).toBe('disabled');
	const sent = deletes();
	expect(sent.map((entry) => entry.status)).toEqual([429, 429, 429, 200]);
	const waitedMs = Date.parse(sent[3].at) - Date.parse(sent[0].at);
	expect(waitedMs).toBeGreaterThanOrEqual(3000);
	expect(waitedMs).toBeLessThan(3200);
});

test('a 500 is retried, then surfaced with the provider message and how often it was tried', async () => {
	sim.addFault({ route: DELETE_ROUTE, kind: 'status', status: 500 });
	const result = await disableOne({ ...FAST_RETRIES, maxRetries: 2 }, { continueOnFail: true });
	expect(deletes().map((entry) => entry.status)).toEqual([500, 500, 500]);
	const [item] = jsonOf(result.items('Opentact'));
	expect(item.error).toBe('Item 0: Opentact answered 500: Internal Server Error');
	expect(Object.keys(item)).toEqual(['error', 'message']);
	expect(item.message).toBe('HTTP 500; Tried 3 times before giving up.');
	expect(sim.state.opentact.smsEnabled(LEASES.a1234.tn)).toBe(true);
});

test('a 503 once is retried and the item succeeds', async () => {
	sim.addFault({ route: DELETE_ROUTE, kind: 'status', status: 503, times: 1 });
	const result = await disableOne();
	expect(deletes().map((entry) => entry.status)).toEqual([503, 200]);
	expect(jsonOf(result.items('Opentact'))[0].outcome).toBe('disabled');
});

test('a 400 is never retried', async () => {
	sim.addFault({ route: DELETE_ROUTE, kind: 'status', status: 400, times: 1 });
	const result = await disableOne(FAST_RETRIES, { continueOnFail: true });
	expect(deletes()).toHaveLength(1);
	expect(jsonOf(result.items('Opentact'))[0].error).toBe('Item 0: Opentact answered 400: Bad Request');
});

test.each([
	['a dropped connection', 'reset'],
	['JSON cut off mid-body', 'truncated'],
	["a proxy's HTML error page", 'html'],
])('%s is retried and the item succeeds', async (_name, kind) => {
	sim.addFault({ route: DELETE_ROUTE, kind, times: 1 });
	const result = await disableOne();
	expect(result.status).toBe('success');
	expect(jsonOf(result.items('Opentact'))[0]).toMatchObject({ outcome: 'disabled', tnLeaseId: LEASES.a1234.uuid });
	expect(deletes()).toHaveLength(2);
	expect(sim.state.opentact.smsEnabled(LEASES.a1234.tn)).toBe(false);
});

test('a request that hangs is given up after the timeout and retried', async () => {
	sim.addFault({ route: DELETE_ROUTE, kind: 'hang', times: 1 });
	const started = Date.now();
	const result = await disableOne({ maxRetries: 1, timeoutMs: 1000 });
	expect(result.status).toBe('success');
	expect(jsonOf(result.items('Opentact'))[0].outcome).toBe('disabled');
	expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
	expect(deletes()).toHaveLength(2);
});

test.each([
	['hangs', 'hang', 'no answer within the timeout', 'ECONNABORTED'],
	['drops the connection', 'reset', 'the connection was dropped before an answer came', 'ECONNRESET'],
])('a DELETE that always %s fails its item with the item number and plain words', async (_name, kind, words, code) => {
	sim.addFault({ route: DELETE_ROUTE, kind });
	const result = await disableOne({ maxRetries: 1, timeoutMs: 500 }, { continueOnFail: true });
	expect(deletes()).toHaveLength(2);
	const [item] = jsonOf(result.items('Opentact'));
	expect(item).toEqual({
		error: `Item 0: no answer from Opentact: ${words}`,
		message: `Network error ${code}.; Tried 2 times before giving up.`,
	});
});

test('a login the server never answers is given up after 10 s and tried again, so the run ends', async () => {
	sim.addFault({ route: 'GET /rest/auth', kind: 'hang', times: 1 });
	const started = Date.now();
	const result = await run(sim, 'disable-sms', [{ phone: LEASES.a1234.tn }], {
		credentials: emailCredentials(sim),
		options: FAST_RETRIES,
	});
	expect(result.status).toBe('success');
	expect(jsonOf(result.items('Opentact'))[0].outcome).toBe('disabled');
	expect(Date.now() - started).toBeGreaterThanOrEqual(10_000);
	expect(requestsTo(sim, 'GET', '/rest/auth').map((entry) => entry.status)).toEqual([null, 200]);
}, 30_000);

test('a DELETE applied whose answer was lost is retried and reported as disabled by this run, not failed', async () => {
	sim.addFault({ route: DELETE_ROUTE, kind: 'resetAfterCommit', times: 1 });
	const result = await disableOne();
	expect(result.status).toBe('success');
	expect(jsonOf(result.items('Opentact'))[0]).toMatchObject({ outcome: 'disabled', smsEnabled: false, confirmedBy: 'retryAfterLostAnswer' });
	expect(deletes().map((entry) => entry.status)).toEqual([null, 404]); // null: no answer reached the node
	expect(sim.state.opentact.smsEnabled(LEASES.a1234.tn)).toBe(false);
});

test('a lookup that keeps failing fails only its item; the DELETE is never sent for it', async () => {
	sim.addFault({ route: 'GET /rest/lease/tn/12017771234/tn', kind: 'status', status: 502 });
	const input = [{ phone: LEASES.a1234.tn }, { phone: LEASES.a1235.tn }];
	const result = await run(sim, 'disable-sms', input, { options: { maxRetries: 1, timeoutMs: 1000 }, node: { continueOnFail: true } });
	const out = jsonOf(result.items('Opentact'));
	expect(out[0].error).toBe('Item 0: Opentact answered 502: Bad Gateway');
	expect(out[1].outcome).toBe('disabled');
	expect(deletes().map((entry) => entry.query.tn_lease)).toEqual([LEASES.a1235.uuid]);
});

test('under a rate limit the run slows down instead of failing: no item lost, no DELETE sent twice', async () => {
	const busy = await startSimulatorWithLeases(60);
	try {
		busy.setLimits({ ratePerSecond: 25 });
		const numbers = Array.from({ length: 60 }, (_, i) => ({ phone: `+1 302-555-${String(i).padStart(4, '0')}` }));
		// Max Retries 0: waiting out a 429 does not use a retry, so nothing may fail here.
		const result = await run(busy, 'disable-sms', numbers, { options: { maxRetries: 0 } });
		expect(result.status).toBe('success');
		expect(jsonOf(result.items('Opentact')).map((item) => item.outcome)).toEqual(numbers.map(() => 'disabled'));
		const served = busy.requests().filter((entry) => entry.method === 'DELETE' && entry.status === 200);
		expect(served).toHaveLength(60);
		expect(new Set(served.map((entry) => entry.query.tn_lease)).size).toBe(60);
		expect(busy.requests().some((entry) => entry.status === 429)).toBe(true);
	} finally {
		await busy.close();
	}
});
