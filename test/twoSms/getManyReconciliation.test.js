'use strict';
// The README example a user imports: every night, the CRM's opt-outs against 2sms's stop-log
// listing (Get Many, Return All), the differences reported on their own outputs.
const { runWorkflow } = require('../../harness');
const { useSimulator, credentialsFor } = require('./twoSmsTestKit');

const env = useSimulator();
const EXAMPLE = 'examples/twosms-nightly-reconciliation.json';
const phones = (result, node) => (result.ran(node) ? result.items(node).map((item) => item.json.phone) : []);

test.each([
	['Every night at 03:00', [{ timestamp: '2025-07-02T03:00:00.000+01:00' }]],
	['Run now', [{}]],
])('started by "%s", it reports who is opted out only in the CRM and who only on the 2sms stop log', async (startNode, input) => {
	const result = await runWorkflow(EXAMPLE, { credentials: credentialsFor(env.sim), startNode, input });

	expect(result.status).toBe('success');
	expect(phones(result, 'Both agree')).toEqual(['+447700900101', '+447700900102']);
	expect(phones(result, 'Opted out in the CRM only')).toEqual(['+447700900150']);
	// Dev Doyle is on two short codes but reported once; the landline contact is listed as an invalid number.
	expect(phones(result, 'On the 2sms stop log only')).toEqual(['+447700900103', '+447700900104', '+12025550143', '+441632960961']);
	expect(phones(result, 'Different')).toEqual([]);
	expect(env.sim.requests().filter((request) => request.path === '/api/v2/addressbook/stoplog')).toHaveLength(1);
});

test('a listing that fails stops the run: nothing is compared against half a list', async () => {
	env.sim.addFault({ route: 'GET /api/v2/addressbook/stoplog', kind: 'status', status: 503 });
	const result = await runWorkflow(EXAMPLE, { credentials: credentialsFor(env.sim), startNode: 'Run now', input: [{}] });

	expect(result.status).toBe('error');
	expect(result.error.message).toMatch(/^Item 0: 2sms answered 503/);
	expect(result.ran('Compare CRM with 2sms')).toBe(false);
}, 120_000);
