'use strict';
// Rate limits learned, not bumped into (issue 16), for 2sms: under a server limit of R requests a
// second (whole-second Retry-After) the run is paced just under it after the first 429. Counts only.
const { runWorkflow } = require('../../harness');
const { NODE, useSimulator, credentialsFor, stopLogWorkflow, ukMobile, ukDigits, stopLogRequests } = require('./twoSmsTestKit');

const env = useSimulator();

test('Remove under 10 requests a second: >= 95% accepted after the first second under the limit, none lost, none sent twice', async () => {
	const { sim } = env;
	sim.setLimits({ ratePerSecond: 10 });
	const input = Array.from({ length: 2000 }, (_, i) => ({ phone: ukMobile(i), reason: 'Opted back in' }));
	// 25 records a request: 80 requests, enough to meet the limit many times over.
	const result = await runWorkflow(stopLogWorkflow('remove', { options: { batchSize: 25, maxRetries: 0 } }), {
		credentials: credentialsFor(sim),
		input,
	});

	expect(result.status).toBe('success');
	const items = result.items(NODE);
	expect(items.map((item) => item.pairedItem)).toEqual(input.map((_, item) => ({ item })));
	expect(items.filter((item) => !['removed', 'notOnStopLog'].includes(item.json.outcome))).toEqual([]);

	const requests = stopLogRequests(sim);
	const served = requests.filter((request) => request.status === 200);
	const sent = served.flatMap((request) => request.body.map((record) => record.Destination));
	expect(sent).toHaveLength(2000);
	expect(new Set(sent)).toEqual(new Set(input.map((_, i) => ukDigits(i))));

	const firstRefusal = requests.find((request) => request.status === 429);
	expect(firstRefusal).toBeDefined();
	const later = requests.filter((request) => Date.parse(request.at) >= Date.parse(firstRefusal.at) + 1000);
	expect(later.length).toBeGreaterThan(40);
	expect(later.filter((request) => request.status !== 429).length / later.length).toBeGreaterThanOrEqual(0.95);
}, 30_000);
