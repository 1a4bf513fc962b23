'use strict';
// Tests of the engine harness itself, using a test-only node package
// (test/fixtures/harness) so they do not depend on the real nodes being built.
const path = require('node:path');
const {
	runWorkflow,
	loadWorkflowFixture,
	createCredentialStore,
	testCredential,
	registerPackage,
	webhookRequest,
} = require('../harness');
const { startApiServer } = require('./fixtures/harness/api-server');

const FIXTURE_PACKAGE = registerPackage(path.join(__dirname, 'fixtures', 'harness'));
const ECHO_WORKFLOW = 'test/fixtures/harness/workflows/echo.json';
const REQUEST = 'Harness Request';

/** Manual Trigger → Harness Request (with extra node settings) → No-Op. */
function requestWorkflow(nodeSettings = {}, parameters = {}) {
	const workflow = loadWorkflowFixture(ECHO_WORKFLOW);
	const node = workflow.nodes.find((n) => n.name === REQUEST);
	Object.assign(node, nodeSettings);
	Object.assign(node.parameters, parameters);
	return workflow;
}

let api;
let credentials;
beforeAll(async () => {
	api = await startApiServer();
	credentials = {
		harnessTokenApi: { baseUrl: api.baseUrl, username: 'alice', password: 'secret-pw' },
	};
});
afterAll(async () => await api.close());

test('fixture package nodes are named "<package name>.<node name>"', () => {
	expect(FIXTURE_PACKAGE).toBe('n8n-nodes-harness-fixture');
	expect(requestWorkflow().nodes[1].type).toBe(`${FIXTURE_PACKAGE}.harnessRequest`);
});

test('items flow through trigger, node and n8n-nodes-base node with pairedItem', async () => {
	const input = [{ json: { n: 1 } }, { json: { n: 2 } }, { n: 3 }]; // bare objects are wrapped
	const result = await runWorkflow(ECHO_WORKFLOW, { credentials, input });

	expect(result.status).toBe('success');
	expect(result.error).toBeUndefined();
	expect(result.items("When clicking 'Execute workflow'").map((i) => i.json)).toEqual([
		{ n: 1 },
		{ n: 2 },
		{ n: 3 },
	]);
	const out = result.items(REQUEST);
	expect(out.map((i) => i.json)).toEqual([1, 2, 3].map((n) => ({ echoed: { n }, user: 'alice' })));
	expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	expect(result.items('Done')).toHaveLength(3);
	expect(result.outputs('Done')).toHaveLength(1);
	expect(input[0]).toEqual({ json: { n: 1 } }); // caller's items are not mutated
});

test('a node that throws resolves with status "error" and the error name', async () => {
	const result = await runWorkflow(requestWorkflow({}, { throwMessage: 'Nope' }), {
		credentials,
		input: [{ json: {} }],
	});
	expect(result.status).toBe('error');
	expect(result.error).toMatchObject({ name: 'NodeOperationError', message: 'Nope' });
	expect(result.nodeError(REQUEST)).toMatchObject({ name: 'NodeOperationError' });
	expect(result.ran('Done')).toBe(false);
	expect(() => result.items('Done')).toThrow(/did not run.*NodeOperationError/);
});

test('an HTTP failure surfaces as NodeApiError with httpCode and response body', async () => {
	const result = await runWorkflow(ECHO_WORKFLOW, { credentials, input: [{ path: '/fail' }] });
	expect(result.status).toBe('error');
	expect(result.error).toMatchObject({
		name: 'NodeApiError',
		httpCode: '429',
		description: 'Slow down',
		context: { data: { message: 'Slow down' } },
	});
});

test('inside a node, httpRequestWithAuthentication throws NodeApiError wrapping the AxiosError', async () => {
	const result = await runWorkflow(requestWorkflow({}, { reportErrorShape: true }), {
		credentials,
		input: [{ path: '/fail' }, { path: '/echo', n: 2 }],
	});
	expect(result.items(REQUEST)[0].json).toEqual({
		name: 'NodeApiError',
		httpCode: '429', // a string
		message: 'The service is receiving too many requests from you', // n8n's text per status
		description: 'Slow down', // the body's `message`, when it has one
		causeName: 'AxiosError',
		status: 429, // error.cause.response.status
		retryAfter: '7', // error.cause.response.headers['retry-after'] (lower-case key)
		body: { message: 'Slow down' }, // error.cause.response.data
		code: 'ERR_BAD_REQUEST',
	});
	const offline = await runWorkflow(requestWorkflow({}, { reportErrorShape: true }), {
		credentials: {
			harnessTokenApi: {
				...credentials.harnessTokenApi,
				sessionToken: 'tok-x',
				baseUrl: 'http://127.0.0.1:9',
			},
		},
		input: [{}],
	});
	expect(offline.items(REQUEST)[0].json).toMatchObject({
		name: 'NodeApiError',
		httpCode: 'ECONNREFUSED',
		code: 'ECONNREFUSED',
	});
	expect(offline.items(REQUEST)[0].json.status).toBeUndefined();
});

test('continueOnFail keeps error items on output 0', async () => {
	const result = await runWorkflow(requestWorkflow({ continueOnFail: true }), {
		credentials,
		input: [{ path: '/echo' }, { path: '/fail' }],
	});
	expect(result.status).toBe('success');
	const [ok, failed] = result.items(REQUEST);
	expect(ok.json.echoed).toEqual({ path: '/echo' });
	expect(failed.json.error).toMatch(/too many requests/i);
	expect(failed.pairedItem).toEqual({ item: 1 });
});

test("onError 'continueErrorOutput' routes error items to output 1", async () => {
	const result = await runWorkflow(requestWorkflow({ onError: 'continueErrorOutput' }), {
		credentials,
		input: [{ path: '/echo' }, { path: '/fail' }, { path: '/echo', n: 3 }],
	});
	expect(result.status).toBe('success');
	const [success, errors] = result.outputs(REQUEST);
	expect(success.map((i) => i.json.echoed)).toEqual([{ path: '/echo' }, { path: '/echo', n: 3 }]);
	expect(errors).toHaveLength(1);
	// the engine merges the paired input item into the error item
	expect(errors[0].json).toEqual({ path: '/fail', error: expect.stringMatching(/too many/i) });
	expect(errors[0].pairedItem).toEqual({ item: 1 });
	expect(result.items(REQUEST, 1)).toBe(errors);
	expect(result.items('Done')).toHaveLength(2); // only output 0 is connected
});

test('preAuthentication logs in once for many requests, reuses the saved token, renews after a 401', async () => {
	const store = createCredentialStore(credentials);
	const loginsBefore = api.state.logins;
	const input = Array.from({ length: 5 }, (_, n) => ({ n }));

	const first = await runWorkflow(ECHO_WORKFLOW, { credentialStore: store, input });
	expect(first.status).toBe('success');
	expect(first.items(REQUEST)).toHaveLength(5);
	expect(store.preAuthenticationCalls('harnessTokenApi')).toBe(1);
	expect(api.state.logins - loginsBefore).toBe(1);
	const firstToken = store.get('harnessTokenApi').sessionToken;
	expect(firstToken).toMatch(/^tok-/);

	const second = await runWorkflow(ECHO_WORKFLOW, { credentialStore: store, input });
	expect(second.status).toBe('success');
	expect(store.preAuthenticationCalls('harnessTokenApi')).toBe(1); // saved token reused

	api.expireTokens();
	const third = await runWorkflow(ECHO_WORKFLOW, { credentialStore: store, input });
	expect(third.status).toBe('success');
	expect(third.items(REQUEST)).toHaveLength(5);
	expect(store.preAuthenticationCalls('harnessTokenApi')).toBe(2); // once, on the first 401
	expect(store.get('harnessTokenApi').sessionToken).not.toBe(firstToken);
	expect(api.state.logins - loginsBefore).toBe(2);
});

test('a rejected login reaches the node as NodeApiError 401 after n8n tried the hook twice', async () => {
	const store = createCredentialStore({
		harnessTokenApi: { ...credentials.harnessTokenApi, password: 'wrong' },
	});
	const result = await runWorkflow(ECHO_WORKFLOW, { credentialStore: store, input: [{}] });
	expect(result.status).toBe('error');
	expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '401' });
	expect(store.preAuthenticationCalls('harnessTokenApi')).toBe(2);
	expect(store.get('harnessTokenApi').sessionToken).toBeUndefined();
});

test('testCredential returns OK, or Error with the status text or a matching rule message', async () => {
	const data = (username, password = 'secret-pw') => ({ baseUrl: api.baseUrl, username, password });
	const store = createCredentialStore();

	await expect(
		testCredential('harnessTokenApi', data('alice'), { credentialStore: store }),
	).resolves.toEqual({
		status: 'OK',
		message: 'Connection successful!',
	});
	expect(store.get('harnessTokenApi').sessionToken).toMatch(/^tok-/);
	expect(store.preAuthenticationCalls('harnessTokenApi')).toBe(1);

	await expect(testCredential('harnessTokenApi', data('alice', 'wrong'))).resolves.toEqual({
		status: 'Error',
		message: 'Unauthorized',
	});
	await expect(testCredential('harnessTokenApi', data('blocked'))).resolves.toEqual({
		status: 'Error',
		message: 'This user is blocked',
	});
	await expect(testCredential('harnessTokenApi', data('disabled'))).resolves.toEqual({
		status: 'Error',
		message: 'Account is disabled',
	});
	await expect(
		testCredential('harnessTokenApi', { ...data('alice'), baseUrl: 'http://127.0.0.1:9' }),
	).resolves.toEqual({ status: 'Error', message: 'ECONNREFUSED' });
});

test('a Schedule Trigger workflow runs with `input` as the trigger output', async () => {
	const workflow = requestWorkflow();
	Object.assign(workflow.nodes[0], {
		type: 'n8n-nodes-base.scheduleTrigger',
		typeVersion: 1.2,
		parameters: { rule: { interval: [{}] } },
	});
	const result = await runWorkflow(workflow, { credentials, input: [{ a: 1 }] });
	expect(result.status).toBe('success');
	expect(result.items(REQUEST)[0].json.echoed).toEqual({ a: 1 });
});

test('Webhook → node → Respond to Webhook: the response is captured', async () => {
	const workflow = requestWorkflow({}, { path: '/echo' });
	workflow.nodes[0] = {
		...workflow.nodes[0],
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId: 'd6f0c3a1-0000-4000-8000-00000000000a',
		parameters: { httpMethod: 'POST', path: 'in', responseMode: 'responseNode', options: {} },
	};
	workflow.nodes[2] = {
		...workflow.nodes[2],
		type: 'n8n-nodes-base.respondToWebhook',
		typeVersion: 1.1,
		parameters: {
			respondWith: 'json',
			responseBody: '={{ JSON.stringify({ user: $json.user, phone: $json.echoed.body.phone }) }}',
			options: { responseCode: 202 },
		},
	};
	workflow.connections = {
		Webhook: { main: [[{ node: REQUEST, type: 'main', index: 0 }]] },
		[REQUEST]: { main: [[{ node: 'Done', type: 'main', index: 0 }]] },
	};
	const input = [webhookRequest({ body: { phone: '+15550001111' }, path: 'in' })];
	const result = await runWorkflow(workflow, { credentials, input });
	expect(result.status).toBe('success');
	expect(result.responses).toEqual([
		{ body: { user: 'alice', phone: '+15550001111' }, headers: {}, statusCode: 202 },
	]);
});

test('a hung request is cancelled after timeoutMs', async () => {
	const result = await runWorkflow(ECHO_WORKFLOW, {
		credentials,
		input: [{ path: '/slow' }],
		timeoutMs: 300,
	});
	expect(result.status).toBe('canceled');
	expect(result.timedOut).toBe(true);
});

test('unknown node types and missing credentials fail with a clear message', async () => {
	const unknown = requestWorkflow();
	unknown.nodes[1].type = 'harnessRequest';
	await expect(runWorkflow(unknown, { credentials })).rejects.toThrow(
		/Unknown node type "harnessRequest"/,
	);

	const result = await runWorkflow(ECHO_WORKFLOW, { input: [{}] });
	expect(result.status).toBe('error');
	expect(result.error.message).toMatch(
		/No credential data given to the test harness for type "harnessTokenApi"/,
	);
});

test('credential data never reaches stdout/stderr', async () => {
	const written = [];
	const spies = ['stdout', 'stderr'].map((stream) =>
		jest
			.spyOn(process[stream], 'write')
			.mockImplementation((chunk) => written.push(String(chunk)) || true),
	);
	const logSpies = ['log', 'info', 'warn', 'error', 'debug'].map((level) =>
		jest.spyOn(console, level).mockImplementation((...args) => written.push(args.join(' '))),
	);
	try {
		await runWorkflow(ECHO_WORKFLOW, { credentials, input: [{ path: '/fail' }] });
		await testCredential('harnessTokenApi', { ...credentials.harnessTokenApi, password: 'wrong' });
	} finally {
		[...spies, ...logSpies].forEach((spy) => spy.mockRestore());
	}
	expect(written.join('\n')).not.toContain('secret-pw');
	expect(written.join('\n')).not.toContain('tok-');
});
