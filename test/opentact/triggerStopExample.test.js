'use strict';
// The README's compliance-loop example (examples/stop-to-stop-log.json), run as shipped with only
// the messaging profile chosen and the CRM's address pointed at a stand-in: a customer texts STOP
// to an Opentact line, the sender goes on the 2sms stop log, and the CRM hears of it. A callback
// that proves no opt-out, and a stop-log change 2sms refuses, go to a person instead.
const { activateWebhookTrigger, loadWorkflowFixture, startWebhookServer } = require('../../harness');
const { twoSmsCredentials } = require('../../harness/simulatorCredentials');
const { startCrm } = require('../../scripts/lib/crmStandIn');
const { apiKeyCredentials, startSimulator } = require('./helpers');
const { CUSTOMER, LINE, PROFILES, post, registeredUrl } = require('./triggerHelpers');

const EXAMPLE = 'examples/stop-to-stop-log.json';
const TRIGGER = 'STOP to an Opentact line';

let sim;
let n8n;
let crm;
beforeAll(async () => {
	sim = await startSimulator();
	n8n = await startWebhookServer();
	crm = await startCrm();
});
afterAll(async () => {
	await sim.close();
	await n8n.close();
	await crm.close();
});
beforeEach(() => {
	sim.reset();
	crm.received.length = 0;
});

/** The example as a user would set it up: their profile chosen, their CRM's address. */
function configured() {
	const workflow = loadWorkflowFixture(EXAMPLE);
	const node = (name) => workflow.nodes.find((candidate) => candidate.name === name);
	node(TRIGGER).parameters.messagingProfile = { __rl: true, mode: 'list', value: PROFILES.default.uuid, cachedResultName: PROFILES.default.name };
	for (const name of ['Tell the CRM: opted out', 'Tell the CRM: needs a person']) {
		node(name).parameters.url = node(name).parameters.url.replace('https://crm.example.com', crm.url);
	}
	return workflow;
}

const activate = async () =>
	await activateWebhookTrigger(configured(), {
		server: n8n,
		credentials: { opentactApi: apiKeyCredentials(sim), twoSmsApi: twoSmsCredentials(sim) },
	});

test('the example is importable as shipped: the trigger, the 2sms node and the two CRM calls, no profile chosen yet', () => {
	const workflow = loadWorkflowFixture(EXAMPLE);
	const byName = (name) => workflow.nodes.find((node) => node.name === name);
	expect(byName(TRIGGER)).toMatchObject({ type: 'n8n-nodes-opentact-2sms.opentactTrigger', parameters: { events: ['optOut'], messagingProfile: { mode: 'list', value: '' } } });
	expect(byName('Add to Stop Log')).toMatchObject({ type: 'n8n-nodes-opentact-2sms.twoSms', parameters: { operation: 'add' } });
	expect(byName('Tell the CRM: opted out').parameters.url).toBe('https://crm.example.com/api/sms-opt-outs');
});

test('a STOP texted to an Opentact line puts the sender on the 2sms stop log and tells the CRM', async () => {
	const trigger = await activate();
	expect(trigger.error).toBeUndefined();
	expect(sim.state.twoSms.isOnStopLog('16465550101')).toBe(false);
	const { message } = await sim.opentact.injectInbound({ to: LINE, from: CUSTOMER, message: 'Stop', created_on: '2025-05-01T10:00:00.000Z' });
	const [run] = await trigger.settled();
	expect(run.status).toBe('success');
	expect(sim.state.twoSms.isOnStopLog('16465550101')).toBe(true);
	const [entry] = sim.state.twoSms.stopLog().filter((candidate) => candidate.Destination === '16465550101');
	expect(entry.Reason).toBe(`STOP replied to Opentact line +12017771234 at 2025-05-01T10:00:00.000Z (message ${message.uuid})`);
	expect(crm.received).toEqual([
		{
			path: '/api/sms-opt-outs',
			body: {
				phone: '+16465550101',
				line: '+12017771234',
				keyword: 'STOP',
				receivedAt: '2025-05-01T10:00:00.000Z',
				messageId: message.uuid,
				stopLog: { outcome: 'added', shortCode: expect.any(String), at: expect.stringMatching(/^\d{4}-/) },
			},
		},
	]);

	// The same STOP again (a customer repeating it, a duplicated callback) does no harm.
	await sim.opentact.injectInbound({ to: LINE, from: CUSTOMER, message: 'STOP' });
	await trigger.settled();
	expect(crm.received[1].body.stopLog.outcome).toBe('alreadyOnStopLog');
	await trigger.deactivate();
	expect(sim.state.opentact.getProfile(PROFILES.default.uuid).callback_url).toBeNull();
});

test('a callback that proves no opt-out goes to a person, and nothing is added to the stop log', async () => {
	const trigger = await activate();
	const before = sim.state.twoSms.stopLog().length;
	await post(registeredUrl(trigger, TRIGGER), { message: 'STOP', from: 'withheld', to: LINE });
	await trigger.settled();
	expect(sim.state.twoSms.stopLog()).toHaveLength(before);
	expect(crm.received).toEqual([
		{
			path: '/api/sms-opt-outs/review',
			body: {
				phone: null,
				line: '+12017771234',
				text: 'STOP',
				receivedAt: expect.any(String),
				messageId: null,
				problem: 'Not read as an inbound SMS, so no keyword event is claimed: "from" is not a phone number',
			},
		},
	]);
	await trigger.deactivate();
});

test('a stop-log change 2sms refuses goes to a person with 2sms\'s words', async () => {
	const trigger = await activate();
	sim.addFault({ route: 'POST /api/v1/addressbook/stoplog', kind: 'status', status: 400, times: 1 });
	await sim.opentact.injectInbound({ to: LINE, from: CUSTOMER, message: 'unsubscribe' });
	await trigger.settled();
	expect(sim.state.twoSms.isOnStopLog('16465550101')).toBe(false);
	expect(crm.received).toHaveLength(1);
	expect(crm.received[0].path).toBe('/api/sms-opt-outs/review');
	expect(crm.received[0].body).toMatchObject({ phone: '+16465550101', problem: expect.stringMatching(/^Item 0: 2sms answered 400/) });
	await trigger.deactivate();
});
