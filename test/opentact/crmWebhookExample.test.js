'use strict';
// The README's CRM example (examples/crm-webhook-disable-sms.json), executed as shipped: a CRM
// webhook arrives, SMS is disabled on the customer's dedicated line, the customer's mobile is
// taken off the 2sms stop log, and the CRM gets both audit records back (or a 422 with the reason).
const { runWorkflow, loadWorkflowFixture, webhookRequest } = require('../../harness');
const { twoSmsCredentials } = require('../../harness/simulatorCredentials');
const { LEASES, SMS_ROUTE, apiKeyCredentials, requestsTo, startSimulator } = require('./helpers');

const EXAMPLE = 'examples/crm-webhook-disable-sms.json';
const STOP_LOG_ROUTE = '/api/v1/addressbook/stoplog';

let sim;
beforeAll(async () => {
	sim = await startSimulator();
});
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());

const receive = async (body) =>
	await runWorkflow(EXAMPLE, {
		credentials: { opentactApi: apiKeyCredentials(sim), twoSmsApi: twoSmsCredentials(sim) },
		input: [webhookRequest({ body, path: 'crm/line-retired' })],
	});

test("the example is an importable workflow using this package's Opentact and 2sms nodes", () => {
	const workflow = loadWorkflowFixture(EXAMPLE);
	const byName = (name) => workflow.nodes.find((node) => node.name === name);
	expect(byName('Disable SMS')).toMatchObject({ type: 'n8n-nodes-opentact-2sms.opentact', parameters: { operation: 'disableSms' } });
	expect(byName('Opt the customer back in')).toMatchObject({ type: 'n8n-nodes-opentact-2sms.twoSms', parameters: { operation: 'remove' } });
	expect(workflow.nodes.find((node) => node.type === 'n8n-nodes-base.webhook').parameters.path).toBe('crm/line-retired');
});

test('a CRM "line retired" event disables SMS, opts the customer back in and answers with both audit records', async () => {
	expect(sim.state.twoSms.isOnStopLog('447700900101')).toBe(true);
	const result = await receive({ phone: '+1 (201) 777-1234', contact: '07700 900101', customerId: 'C-1042' });
	expect(result.status).toBe('success');
	expect(result.responses).toHaveLength(1);
	const [response] = result.responses;
	expect(response.statusCode).toBe(200);
	expect(response.body).toEqual({
		line: {
			phoneNumber: '+12017771234',
			tnLeaseId: LEASES.a1234.uuid,
			smsEnabled: false,
			outcome: 'disabled',
			at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
		},
		contact: {
			phoneNumber: '+447700900101',
			shortCode: '60777',
			outcome: 'removed',
			at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
		},
	});
	expect(sim.state.opentact.smsEnabled(LEASES.a1234.tn)).toBe(false);
	expect(sim.state.twoSms.isOnStopLog('447700900101')).toBe(false);
	expect(requestsTo(sim, 'DELETE', SMS_ROUTE)).toHaveLength(1);
	const [stopLogDelete] = sim.requests().filter((r) => r.method === 'DELETE' && r.path === STOP_LOG_ROUTE);
	expect(stopLogDelete.body).toEqual([
		{
			Destination: '447700900101',
			Reason: 'Moved from dedicated number +12017771234 to the shared short code (CRM customer C-1042)',
			SendConfirmation: false,
			ShortCode: null,
		},
	]);

	const repeat = await receive({ phone: '2017771234', contact: '+44 7700 900101', customerId: 'C-1042' });
	expect(repeat.responses[0].statusCode).toBe(200);
	expect(repeat.responses[0].body.line.outcome).toBe('alreadyDisabled');
	expect(repeat.responses[0].body.contact.outcome).toBe('notOnStopLog');
});

test('a call without a customer ID says so in the stop-log reason instead of leaving an empty "(CRM customer )"', async () => {
	const result = await receive({ phone: '+1 (201) 777-1234', contact: '07700 900101' });
	expect(result.responses[0].statusCode).toBe(200);
	const [stopLogDelete] = sim.requests().filter((r) => r.method === 'DELETE' && r.path === STOP_LOG_ROUTE);
	expect(stopLogDelete.body[0].Reason).toBe('Moved from dedicated number +12017771234 to the shared short code (no CRM customer ID given)');
});

test('a number the account does not lease gets a 422 with the reason, and the stop log is left alone', async () => {
	const result = await receive({ phone: '201-999-0000', contact: '07700 900101' });
	expect(result.status).toBe('success');
	expect(result.responses).toEqual([
		{
			statusCode: 422,
			headers: {},
			body: {
				error: 'Item 0: +1 201 999 0000 is not a number leased by this Opentact account (Opentact answered 404: TNLease not found)',
				detail: 'HTTP 404; params.tn: Not found (12019990000)',
				phone: '201-999-0000',
				contact: '07700 900101',
			},
		},
	]);
	expect(sim.state.twoSms.isOnStopLog('447700900101')).toBe(true);
});

test('a contact 2sms cannot take (a landline) gets a 422 naming the field, and the line is left as it was', async () => {
	const result = await receive({ phone: '(201) 777-1235', contact: '020 7946 0000' });
	expect(result.responses).toHaveLength(1);
	expect(result.responses[0].statusCode).toBe(422);
	expect(result.responses[0].body).toMatchObject({ phone: '(201) 777-1235', contact: '020 7946 0000' });
	expect(result.responses[0].body.error).toMatch(/^Item 0: 2sms answered 400/);
	// The line was only read (Dry Run) before 2sms refused the contact: nothing disabled.
	expect(sim.state.opentact.smsEnabled(LEASES.a1235.tn)).toBe(true);
	expect(requestsTo(sim, 'DELETE', SMS_ROUTE)).toHaveLength(0);
});

test('a call without a contact answers 422 "Phone Number is empty" before anything changes on either service', async () => {
	const result = await receive({ phone: '+1 201-777-1234' });
	expect(result.responses[0].statusCode).toBe(422);
	expect(result.responses[0].body.error).toBe('Item 0: Phone Number is empty');
	expect(sim.state.opentact.smsEnabled(LEASES.a1234.tn)).toBe(true);
	expect(requestsTo(sim, 'DELETE', SMS_ROUTE)).toHaveLength(0);
	expect(sim.requests().filter((r) => r.path === STOP_LOG_ROUTE)).toHaveLength(0);
});
