'use strict';
// What the Opentact Trigger does with each POST to its URL: without the secret a 401 that starts
// nothing and echoes nothing; with it, an item that claims an opt-out only when the body proves
// one, and never a crash, whatever the body is (other wordings, number formats, missing fields,
// an echo of our own secret, a delivery status of our own outbound message).
const { activateWebhookTrigger, startWebhookServer } = require('../../harness');
const { apiKeyCredentials, startSimulator } = require('./helpers');
const { rememberSecrets } = require('../../dist/nodes/shared/redact');
const { TRIGGER, inboundBody, post, received, registeredUrl, secretOf, triggerWorkflow } = require('./triggerHelpers');

let sim;
let n8n;
let trigger;
beforeAll(async () => {
	sim = await startSimulator();
	n8n = await startWebhookServer();
});
afterAll(async () => {
	await sim.close();
	await n8n.close();
});
beforeEach(async () => {
	sim.reset();
	trigger = await activateWebhookTrigger(triggerWorkflow({ events: ['optOut', 'optIn', 'help'] }), {
		server: n8n,
		credentials: { opentactApi: apiKeyCredentials(sim) },
	});
	expect(trigger.error).toBeUndefined();
});
afterEach(async () => await trigger.deactivate());

const withSecret = (secret) => `${trigger.url}?secret=${encodeURIComponent(secret)}`;

describe('a POST without the secret', () => {
	test.each([
		['no secret at all', () => trigger.url],
		['a wrong secret of the same length', () => withSecret(`${secretOf(trigger).slice(0, -1)}${secretOf(trigger).endsWith('a') ? 'b' : 'a'}`)],
		['the secret in other case', () => withSecret(secretOf(trigger).toUpperCase() === secretOf(trigger) ? secretOf(trigger).toLowerCase() : secretOf(trigger).toUpperCase())],
		['the secret with a character more', () => withSecret(`${secretOf(trigger)}x`)],
		['the secret cut short', () => withSecret(secretOf(trigger).slice(0, 20))],
		['an empty secret', () => withSecret('')],
		['the secret twice (a list)', () => `${registeredUrl(trigger)}&secret=${secretOf(trigger)}`],
		['the secret under another name', () => `${trigger.url}?token=${secretOf(trigger)}`],
	])('(%s) is answered 401, starts nothing and echoes nothing', async (_, url) => {
		const answer = await post(url(), inboundBody());
		expect(answer).toEqual({ status: 401, text: 'Unauthorized' });
		expect(trigger.calls).toEqual([{ status: 401, started: false, error: undefined }]);
		expect(trigger.executions).toHaveLength(0);
	});

	test('is refused when the trigger holds no registration at all (static data lost): no secret is no entry', async () => {
		await trigger.deactivate();
		const stale = await activateWebhookTrigger(triggerWorkflow(), { server: n8n, credentials: { opentactApi: apiKeyCredentials(sim) } });
		delete stale.staticData[`node:${TRIGGER}`];
		const answer = await post(`${stale.url}?secret=`, inboundBody());
		expect(answer.status).toBe(401);
		expect(stale.executions).toHaveLength(0);
		await stale.deactivate();
	});
});

describe('with the secret', () => {
	const send = async (body, options) => await post(registeredUrl(trigger), body, options);

	test('numbers in other formats are read, and output in E.164', async () => {
		for (const from of [16465550101, '+16465550101', '6465550101', '+1 (646) 555-0101', ' 16465550101 ']) {
			expect((await send(inboundBody({ from }))).status).toBe(200);
		}
		expect((await received(trigger)).map((item) => [item.event, item.from, item.to])).toEqual(
			Array.from({ length: 5 }, () => ['optOut', '+16465550101', '+12017771234']),
		);
	});

	test('an international sender is kept as sent (+44…), not forced into a US number', async () => {
		await send(inboundBody({ from: '447700900123', message: 'stop' }));
		expect((await received(trigger))[0]).toMatchObject({ event: 'optOut', from: '+447700900123' });
	});

	test.each([
		['a text body', 'STOP', 'text/plain', 'the body is a string, not the JSON object of an inbound SMS'],
		['a JSON list', [inboundBody()], 'application/json', 'the body is a list, not the JSON object of an inbound SMS'],
		['an empty object', {}, 'application/json', 'it has no text "message"; "from" is not a phone number; "to" is not a phone number'],
		['no sender', inboundBody({ from: undefined }), 'application/json', '"from" is not a phone number'],
		['a sender that is no number', inboundBody({ from: 'ACME' }), 'application/json', '"from" is not a phone number'],
		['a text that is not text', inboundBody({ message: 42 }), 'application/json', 'it has no text "message"'],
		['another number than the one received on', inboundBody({ to: '12015550100' }), 'application/json', '"to" (+12015550100) is not the number the message was received on ("tn", +12017771234)'],
		[
			"the Telnyx payload Opentact's page shows",
			{ data: { event_type: 'message.received', payload: { direction: 'inbound', text: 'STOP', from: { phone_number: '+16465550101' }, to: [{ phone_number: '+12017771234' }] } } },
			'application/json',
			'it has no text "message"; "from" is not a phone number; "to" is not a phone number',
		],
	])('%s starts the workflow as "unrecognized", claiming no opt-out, with the raw body', async (_, body, contentType, problem) => {
		expect((await send(body, { contentType })).status).toBe(200);
		const [item] = await received(trigger);
		expect(item).toMatchObject({ event: 'unrecognized', keyword: null, problem: `Not read as an inbound SMS, so no keyword event is claimed: ${problem}` });
		expect(item.raw).toEqual(body);
	});

	test('a JSON body sent without a JSON content type is still read', async () => {
		await send(JSON.stringify(inboundBody()), { contentType: 'application/octet-stream' });
		expect((await received(trigger))[0]).toMatchObject({ event: 'optOut', keyword: 'STOP' });
	});

	test("a delivery status of the profile's own outbound message (sent from our number) starts nothing", async () => {
		const answer = await send(inboundBody({ from: '12017771234', to: '16465550101', message: 'STOP' }));
		expect(answer.status).toBe(200);
		expect(trigger.executions).toHaveLength(0);
	});

	test('receivedAt is Opentact\'s created_on; without one it is when n8n received the message', async () => {
		const before = Date.now();
		await send(inboundBody({ created_on: 'yesterday-ish' }));
		const [item] = await received(trigger);
		expect(Date.parse(item.receivedAt)).toBeGreaterThanOrEqual(before - 1000);
		expect(item.event).toBe('optOut');
	});

	test('an echo of our own secret in the body is hidden in the output', async () => {
		const body = inboundBody({ message: 'START', profile: { callback_url: registeredUrl(trigger) } });
		await send(body);
		const [item] = await received(trigger);
		expect(item.event).toBe('optIn');
		expect(JSON.stringify(item)).not.toContain(secretOf(trigger));
		expect(item.raw.profile.callback_url).toBe(`${trigger.url}?secret=[redacted]`);
	});

	test('an API key echoed in the body is hidden too, even by a process that never opened a client (a queue-mode webhook process)', async () => {
		// Push the credential out of this process's bounded redaction registry, as a webhook
		// process that only ever ran webhook() would never have had it.
		rememberSecrets(Array.from({ length: 250 }, (_, i) => `unrelated-value-${i}`));
		await send(inboundBody({ message: 'HELP', note: `key ${sim.credentials.opentact.apiKey}` }));
		const [item] = await received(trigger);
		expect(item.raw.note).toBe('key [redacted]');
	});

	test('a long message is kept whole, and is no keyword however it ends', async () => {
		const text = `${'x'.repeat(5000)} STOP`;
		await send(inboundBody({ message: text }));
		expect(trigger.executions).toHaveLength(0); // not a keyword, and only keywords were chosen
		trigger = await (async () => {
			await trigger.deactivate();
			return await activateWebhookTrigger(triggerWorkflow({ events: ['anyMessage'] }), { server: n8n, credentials: { opentactApi: apiKeyCredentials(sim) } });
		})();
		await post(registeredUrl(trigger), inboundBody({ message: text }));
		const [item] = await received(trigger);
		expect(item).toMatchObject({ event: 'inbound', keyword: null, text });
		expect(item.raw.message).toBe(text);
	});

	test('a body that is not valid JSON is answered 400 by n8n and starts nothing', async () => {
		const answer = await send('{"from": "16465550101", "message": "STOP"', { contentType: 'application/json' });
		expect(answer.status).toBe(400);
		expect(trigger.executions).toHaveLength(0);
	});
});
