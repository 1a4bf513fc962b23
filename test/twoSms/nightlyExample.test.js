'use strict';
// The README example a user imports: every night, contacts who opted back in come off the stop log.
const { runWorkflow } = require('../../harness');
const { useSimulator, credentialsFor, stopLogRequests } = require('./twoSmsTestKit');

const env = useSimulator();
const EXAMPLE = 'examples/nightly-opt-back-in.json';

test('the nightly opt-back-in example takes the CRM contacts off the stop log in one request', async () => {
	const { sim } = env;
	expect(sim.state.twoSms.isOnStopLog('447700900101')).toBe(true);
	expect(sim.state.twoSms.isOnStopLog('447700900102')).toBe(true);

	const result = await runWorkflow(EXAMPLE, {
		credentials: credentialsFor(sim),
		startNode: 'Every night at 02:00',
		input: [{ timestamp: '2025-07-02T02:00:00.000+01:00' }], // what the Schedule Trigger emits
	});

	expect(result.status).toBe('success');
	expect(result.items('Opted back in').map((item) => [item.json.phoneNumber, item.json.outcome])).toEqual([
		['+447700900101', 'removed'],
		['+447700900102', 'removed'],
		['+447700900150', 'notOnStopLog'],
	]);
	expect(result.ran('Needs attention')).toBe(false); // nothing on the error output
	expect(result.items('Remove from 2sms stop log', 1)).toHaveLength(0);
	expect(sim.state.twoSms.isOnStopLog('447700900101')).toBe(false);
	expect(sim.state.twoSms.isOnStopLog('447700900102')).toBe(false);
	expect(stopLogRequests(sim).length).toBe(1);
	const [request] = stopLogRequests(sim);
	expect(request.body[0]).toEqual({
		Destination: '447700900101',
		Reason: 'Opted back in (Preference centre) at 2025-07-01T18:22:00Z',
		SendConfirmation: false,
		ShortCode: null,
	});
});

test('"Run now" (the Manual Trigger beside the schedule) runs the same job', async () => {
	const { sim } = env;
	const result = await runWorkflow(EXAMPLE, { credentials: credentialsFor(sim), startNode: 'Run now', input: [{}] });
	expect(result.status).toBe('success');
	expect(result.items('Opted back in').map((item) => item.json.outcome)).toEqual(['removed', 'removed', 'notOnStopLog']);
});
