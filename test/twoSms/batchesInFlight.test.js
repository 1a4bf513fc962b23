'use strict';
// Issue 16: 2sms waiting. Batches leave as soon as they are full, and as many are in flight as
// Max Concurrent Requests allows, so a server that serves 10 at once is kept busy (the issue saw
// at most 5 in real n8n). Counted from what the simulator received, not timed.
const { runWorkflow } = require('../../harness');
const { NODE, useSimulator, credentialsFor, stopLogWorkflow, ukMobile, ukDigits, stopLogRequests } = require('./twoSmsTestKit');

const env = useSimulator();

/** The most requests the node had sent and not yet had answered at one moment. */
function peakInFlight(requests) {
	const events = requests.flatMap((request) => {
		const start = Date.parse(request.at);
		return [
			[start, 1],
			[start + request.durationMs, -1],
		];
	});
	events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
	let now = 0;
	let peak = 0;
	for (const [, step] of events) peak = Math.max(peak, (now += step));
	return peak;
}

const contacts = Array.from({ length: 2000 }, (_, i) => ({ phone: ukMobile(i), reason: 'Opted back in' }));

// The run's first request goes alone (it fetches the token; sendWithRetry's first-request gate),
// so with the default 20 the other 19 of the 20 batches are in flight together.
test.each([
	['default (20)', {}, 19],
	['10', { concurrency: 10 }, 10],
])('2,000 contacts, Max Concurrent Requests %s: every sender busy at peak, results and pairing as before', async (_, options, peak) => {
	const { sim } = env;
	// Slow answers, so that every batch the node lets go is still in flight when the next leaves.
	sim.setLimits({ latencyMs: 300 });
	const result = await runWorkflow(stopLogWorkflow('remove', { options }), { credentials: credentialsFor(sim), input: contacts });

	expect(result.status).toBe('success');
	const items = result.items(NODE);
	expect(items.map((item) => item.pairedItem)).toEqual(contacts.map((__, item) => ({ item })));
	expect(items.map((item) => item.json.phoneNumber)).toEqual(contacts.map((__, i) => `+${ukDigits(i)}`));
	const requests = stopLogRequests(sim);
	expect(requests).toHaveLength(20);
	expect(requests.every((request) => request.body.length === 100)).toBe(true);
	expect(peakInFlight(requests)).toBe(peak);
});
