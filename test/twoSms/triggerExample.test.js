'use strict';
// The README example a user imports: when a number appears on the 2sms stop log, the CRM marks it
// opted out; a number that leaves the listing goes to review, never straight back in.
const { runWorkflow } = require('../../harness');
const { useSimulator, credentialsFor } = require('./twoSmsTestKit');
const { activate } = require('./triggerKit');

const env = useSimulator();
const EXAMPLE = 'examples/twosms-stop-log-changed-crm.json';
const TRIGGER = '2sms stop log changed';

/** What n8n does with a poll's items: runs the workflow from the trigger with them. */
const runWith = async (items) =>
	await runWorkflow(EXAMPLE, { credentials: credentialsFor(env.sim), startNode: TRIGGER, input: items.map((item) => item.json) });

test('a STOP reply is polled as added, and the CRM step marks the number opted out', async () => {
	const { sim } = env;
	const trigger = await activate(EXAMPLE, credentialsFor(sim));
	expect(trigger.activation.status).toBe('nothing');
	sim.twoSms.injectInbound({ from: '+447700900555', to: '60777', message: 'STOP' });

	const polled = await trigger.poll();
	expect(polled.status).toBe('emitted');
	const result = await runWith(polled.items);

	expect(result.status).toBe('success');
	expect(result.items('Mark opted out in the CRM (replace with your CRM)').map((item) => item.json)).toEqual([
		{
			phone: '+447700900555',
			smsOptOut: true,
			shortCode: '60777',
			note: `On the 2sms stop log: listed between ${polled.items[0].json.since} and ${polled.items[0].json.detectedAt}`,
		},
	]);
	expect(result.ran('Left the 2sms listing: review')).toBe(false);
});

test('a number taken off the stop log goes to review, not back into SMS', async () => {
	const { sim } = env;
	const trigger = await activate(EXAMPLE, credentialsFor(sim));
	await runWorkflow('test/workflows/twoSms/remove-from-stop-log.json', {
		credentials: credentialsFor(sim),
		input: [{ phone: '07700 900101', reason: 'Opted back in', shortCode: '' }],
	});

	const polled = await trigger.poll();
	const result = await runWith(polled.items);

	expect(result.items('Left the 2sms listing: review').map((item) => [item.json.event, item.json.phoneNumber])).toEqual([['removed', '+447700900101']]);
	expect(result.ran('Mark opted out in the CRM (replace with your CRM)')).toBe(false);
});
