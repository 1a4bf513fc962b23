'use strict';
// Rate limits learned, not bumped into (issue 16): after a 429 the run is paced a little under
// the rate the server accepted, so under a limit of R requests a second almost every request after
// the first second is accepted; without a limit nothing is held back. Counts, not timings.
const { run, jsonOf, startSimulatorWithLeases } = require('./helpers');
const { runAgainst, ok, subscription } = require('./hostileOpentact');
const { startServer } = require('../trust/hostile');

/** The largest number of requests the server was answering at once (from arrival time and duration). */
function peakInFlight(requests) {
	const events = [];
	for (const entry of requests) {
		const start = Date.parse(entry.at);
		events.push([start, 1], [start + entry.durationMs, -1]);
	}
	events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
	let now = 0;
	let peak = 0;
	for (const [, step] of events) peak = Math.max(peak, (now += step));
	return peak;
}

/**
 * Of the requests that arrived after the first second under the limit (from the first 429: on a
 * busy machine the run may take longer than a second to reach the limit), the share not refused.
 */
function acceptedAfterFirstSecond(requests) {
	const first = Date.parse(requests.find((entry) => entry.status === 429).at);
	const later = requests.filter((entry) => Date.parse(entry.at) >= first + 1000);
	return { later: later.length, accepted: later.filter((entry) => entry.status !== 429).length / later.length };
}

const numbers = (count) => Array.from({ length: count }, (_, i) => ({ phone: `+1 302-555-${String(i).padStart(4, '0')}` }));

describe('Disable SMS under a server limit of 50 requests a second (whole-second Retry-After)', () => {
	let sim;
	beforeAll(async () => {
		sim = await startSimulatorWithLeases(400);
	});
	afterAll(async () => await sim.close());

	test('at least 95% of the requests after the first second are accepted; none lost, none sent twice', async () => {
		sim.setLimits({ ratePerSecond: 50 });
		const input = numbers(400);
		// Max Retries 0: a 429 never uses a retry, so nothing may fail.
		const result = await run(sim, 'disable-sms', input, { options: { maxRetries: 0 } });
		expect(result.status).toBe('success');
		expect(jsonOf(result.items('Opentact')).map((item) => item.outcome)).toEqual(input.map(() => 'disabled'));
		const requests = sim.requests();
		const served = requests.filter((entry) => entry.method === 'DELETE' && entry.status === 200);
		expect(served).toHaveLength(400);
		expect(new Set(served.map((entry) => entry.query.tn_lease)).size).toBe(400);
		// The limit was met (the first burst is refused), and the run then kept under it.
		expect(requests.some((entry) => entry.status === 429)).toBe(true);
		const { later, accepted } = acceptedAfterFirstSecond(requests);
		expect(later).toBeGreaterThan(150); // enough that 5% is several requests
		expect(accepted).toBeGreaterThanOrEqual(0.95);
	}, 30_000);

	test('without a limit nothing is paced: Max Concurrent Requests are in flight at once', async () => {
		sim.reset();
		sim.setLimits({ latencyMs: 150 });
		const input = numbers(100);
		const result = await run(sim, 'disable-sms', input, { options: { concurrency: 20 } });
		expect(result.status).toBe('success');
		const deletes = sim.requests().filter((entry) => entry.method === 'DELETE');
		expect(deletes).toHaveLength(100);
		expect(peakInFlight(deletes)).toBe(20);
	});
});

describe('a server that answers 429 with an absurd Retry-After', () => {
	let server;
	let refusals;
	let retryAfter;
	beforeAll(async () => {
		server = await startServer((request, reply) => {
			if (request.method !== 'DELETE') return reply(404, { success: false, message: 'no such route' });
			if (refusals > 0) {
				refusals--;
				return reply(429, { success: false, message: 'Too many requests', status: 429 }, { 'retry-after': retryAfter });
			}
			return reply(200, ok(subscription()).body);
		});
	});
	afterAll(async () => await server.close());
	beforeEach(() => server.requests.splice(0));

	const disable = async (count) =>
		await runAgainst(
			{ baseUrl: `${server.origin}/rest` },
			'disable-sms',
			Array.from({ length: count }, (_, i) => ({ phone: `0e0d3bc6-0777-4e08-a2be-c451c9a6${String(4000 + i).padStart(4, '0')}` })),
			{ options: { maxRetries: 0, concurrency: 1 }, node: { continueOnFail: true } },
		);

	test('a Retry-After over two minutes is not waited out: the item fails at once, the run goes on unpaced', async () => {
		refusals = 1;
		retryAfter = '999999999';
		const result = await disable(3);
		const out = jsonOf(result.items('Opentact'));
		expect(out[0].error).toMatch(/^Item 0: Opentact answered 429/);
		expect(out.slice(1).map((item) => item.outcome)).toEqual(['disabled', 'disabled']);
		expect(server.requests).toHaveLength(3);
	});

	test.each([
		['negative', '-5'],
		['not a number', 'soon'],
		['an HTTP date in the past', 'Wed, 21 Oct 2015 07:28:00 GMT'],
	])('a Retry-After that is %s is treated as none: waited with backoff, not a retry, then every item succeeds', async (_, value) => {
		refusals = 2;
		retryAfter = value;
		const result = await disable(5);
		expect(jsonOf(result.items('Opentact')).map((item) => item.outcome)).toEqual(Array(5).fill('disabled'));
		expect(server.requests.map((request) => request.method)).toEqual(Array(7).fill('DELETE'));
	}, 20_000);
});
