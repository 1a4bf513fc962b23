'use strict';
// The README's example workflow (examples/crm-webhook-disable-sms.json), executed as shipped:
// a CRM webhook arrives, SMS is disabled, and the CRM gets the audit record back.
const { runWorkflow, loadWorkflowFixture, webhookRequest } = require('../harness');
const { LEASES, SMS_ROUTE, apiKeyCredentials, requestsTo, startSimulator } = require('./helpers');

const EXAMPLE = 'examples/crm-webhook-disable-sms.json';

let sim;
beforeAll(async () => {
	sim = await startSimulator();
});
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());

const receive = async (body) =>
	await runWorkflow(EXAMPLE, {
		credentials: { opentactApi: apiKeyCredentials(sim) },
		input: [webhookRequest({ body, path: 'crm/line-retired' })],
	});

test('the example is an importable workflow using this package\'s Opentact node', () => {
	const workflow = loadWorkflowFixture(EXAMPLE);
	const opentact = workflow.nodes.find((node) => node.name === 'Disable SMS');
	expect(opentact).toMatchObject({ type: 'n8n-nodes-opentact-2sms.opentact', parameters: { operation: 'disableSms' } });
	expect(workflow.nodes.find((node) => node.type === 'n8n-nodes-base.webhook').parameters.path).toBe('crm/line-retired');
});

test('a CRM "line retired" event disables SMS and answers the CRM with the audit record', async () => {
	const result = await receive({ phone: '+1 (201) 777-1234', customerId: 'C-1042' });
	expect(result.status).toBe('success');
	expect(result.responses).toHaveLength(1);
	const [response] = result.responses;
	expect(response.statusCode).toBe(200);
	expect(response.body).toEqual({
		phoneNumber: '+12017771234',
		tnLeaseId: LEASES.a1234.uuid,
		smsEnabled: false,
		outcome: 'disabled',
		at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
	});
	expect(sim.state.opentact.smsEnabled(LEASES.a1234.tn)).toBe(false);
	expect(requestsTo(sim, 'DELETE', SMS_ROUTE)).toHaveLength(1);

	const repeat = await receive({ phone: '2017771234' });
	expect(repeat.responses[0].body.outcome).toBe('alreadyDisabled');
});

test('a number the account does not lease gets a 422 with the reason', async () => {
	const result = await receive({ phone: '201-999-0000' });
	expect(result.status).toBe('success');
	expect(result.responses).toEqual([
		{
			statusCode: 422,
			headers: {},
			body: { error: 'Item 0: Opentact answered 404: TNLease not found', phone: '201-999-0000' },
		},
	]);
});
