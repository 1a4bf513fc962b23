'use strict';
// Issue 11.3: a credential (or option) the node refuses before any request used to be thrown at
// node level; with Continue On Fail or the error output, n8n then passed the input items through
// to the success output unchanged, which a CRM or an audit trail reads as "done". Now every item
// becomes an error item naming itself; without those settings the node fails as before.
const { runWorkflow, webhookRequest } = require('../../harness');
const { startSimulator } = require('../../simulator');
const { apiKeyCredentials } = require('../opentact/helpers');
const { opentactApiKey, opentactEmail, twoSms, opentactFlow, twoSmsFlow } = require('./hostile');

let sim;
beforeAll(async () => {
	sim = await startSimulator();
});
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());

const PLAIN_HTTP = 'uses plain http://, which would send your credentials unencrypted';

// [what is wrong, the credential (given the simulator), words the error must contain]
const OPENTACT_REFUSALS = [
	['plain http:// to another machine', () => opentactApiKey('http://api.opentact.example/rest'), PLAIN_HTTP],
	['an empty API key', () => opentactApiKey(sim.opentactBaseUrl, { apiKey: '' }), 'Opentact credential: enter the API key'],
	['an empty email', () => opentactEmail(sim.opentactBaseUrl, { email: '' }), 'Opentact credential: enter both the email and the password'],
];
const TWO_SMS_REFUSALS = [
	['plain http:// to another machine', () => twoSms('http://sms.example.com'), PLAIN_HTTP],
	['an empty Client ID', () => twoSms(sim.twoSmsBaseUrl, { clientId: '' }), '2sms credential: enter both the Client ID and the Client Secret'],
];

const SETTINGS = [
	['Continue On Fail', { continueOnFail: true }],
	['the error output', { onError: 'continueErrorOutput' }],
];

/** Success and error outputs of a node; with Continue On Fail both kinds share output 0. */
function split(result, nodeName, node) {
	const [main = [], errorOutput = []] = result.outputs(nodeName);
	if (node.onError === 'continueErrorOutput') return { success: main, errors: errorOutput };
	return { success: main.filter((item) => item.json.error === undefined), errors: main.filter((item) => item.json.error !== undefined) };
}

const INPUT = [{ phone: '2017771234' }, { phone: '2017771235' }, { phone: '2017771236' }];

describe.each(SETTINGS)('under %s', (_setting, node) => {
	test.each(OPENTACT_REFUSALS)('Opentact with %s: every item is an error item, none passes as done', async (_what, credentials, words) => {
		const result = await runWorkflow(opentactFlow('disable-sms', { node }), {
			credentials: { opentactApi: credentials() },
			input: INPUT.map((json) => ({ json })),
		});
		expect(result.status).toBe('success');
		const { success, errors } = split(result, 'Opentact', node);
		expect(success).toEqual([]);
		expect(errors.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		errors.forEach((item, itemIndex) => {
			expect(item.json.error).toMatch(new RegExp(`^Item ${itemIndex}: `));
			expect(item.json.error).toContain(words);
		});
		expect(sim.requests()).toHaveLength(0);
	});

	test.each(TWO_SMS_REFUSALS)('2sms with %s: every item is an error item, none passes as done', async (_what, credentials, words) => {
		const input = [{ phone: '+447700900101', reason: 'asked' }, { phone: '+447700900102', reason: 'asked' }];
		const result = await runWorkflow(twoSmsFlow('remove', { node }), { credentials: { twoSmsApi: credentials() }, input: input.map((json) => ({ json })) });
		expect(result.status).toBe('success');
		const { success, errors } = split(result, '2sms', node);
		expect(success).toEqual([]);
		expect(errors.map((item) => item.json.error)).toEqual([
			expect.stringMatching(/^Item 0: /),
			expect.stringMatching(/^Item 1: /),
		]);
		for (const item of errors) expect(item.json.error).toContain(words);
		expect(sim.requests()).toHaveLength(0);
		expect(sim.state.twoSms.isOnStopLog('447700900101')).toBe(true);
	});

	test('2sms Check with a refused credential: no item says onStopLog false', async () => {
		const result = await runWorkflow(twoSmsFlow('check', { node }), {
			credentials: { twoSmsApi: twoSms('http://sms.example.com') },
			input: [{ json: { phone: '+447700900101' } }],
		});
		const { success, errors } = split(result, '2sms', node);
		expect(success).toEqual([]);
		expect(errors.map((item) => item.json.error)).toEqual([expect.stringMatching(/^Item 0: Custom Base URL .* uses plain http:\/\//)]);
	});

	test('2sms with an unsupported Default Country: every item is an error item', async () => {
		const result = await runWorkflow(twoSmsFlow('remove', { node, options: { defaultCountry: 'XX' } }), {
			credentials: { twoSmsApi: twoSms(sim.twoSmsBaseUrl, sim.credentials.twoSms) },
			input: [{ json: { phone: '07700 900101', reason: 'asked' } }],
		});
		const { success, errors } = split(result, '2sms', node);
		expect(success).toEqual([]);
		expect(errors.map((item) => item.json.error)).toEqual(['Item 0: Default Country "XX" is not supported']);
		expect(sim.requests()).toHaveLength(0);
	});
});

test('without Continue On Fail the node still fails, before any request, saying what to fix', async () => {
	const result = await runWorkflow(twoSmsFlow('remove'), {
		credentials: { twoSmsApi: twoSms(sim.twoSmsBaseUrl, { clientId: '' }) },
		input: [{ json: { phone: '+447700900101', reason: 'asked' } }],
	});
	expect(result.status).toBe('error');
	expect(result.error.message).toBe('2sms credential: enter both the Client ID and the Client Secret');
	expect(sim.requests()).toHaveLength(0);
});

test('the CRM example with a refused Opentact credential answers 422 with the reason, never "done"', async () => {
	const result = await runWorkflow('examples/crm-webhook-disable-sms.json', {
		credentials: {
			opentactApi: { ...apiKeyCredentials(sim), baseUrl: 'http://api.opentact.example/rest' },
			twoSmsApi: twoSms(sim.twoSmsBaseUrl, sim.credentials.twoSms),
		},
		input: [webhookRequest({ body: { phone: '+1 (201) 777-1234', contact: '07700 900101', customerId: 'C-1042' }, path: 'crm/line-retired' })],
	});
	expect(result.status).toBe('success');
	expect(result.ran('Reply: done')).toBe(false);
	expect(result.ran('Opt the customer back in')).toBe(false);
	expect(result.responses).toHaveLength(1);
	expect(result.responses[0].statusCode).toBe(422);
	expect(result.responses[0].body).toMatchObject({
		error: expect.stringMatching(/^Item 0: Opentact credential: Base URL "http:\/\/api\.opentact\.example\/rest" uses plain http:\/\//),
		phone: '+1 (201) 777-1234',
		contact: '07700 900101',
	});
	expect(sim.requests()).toHaveLength(0);
	expect(sim.state.twoSms.isOnStopLog('447700900101')).toBe(true);
	expect(sim.state.opentact.smsEnabled('12017771234')).toBe(true);
});
