'use strict';
// Issue 11.2: a provider that echoes a credential or a token in its error text (message,
// fields[].value, error_description, ErrorReason, Message, a non-JSON body) must not get it
// copied into the item error, its description, the stored run error or the Test button. The
// provider's other words are kept; the secret becomes [redacted].
const { testCredential } = require('../../harness');
const {
	startServer,
	SECRETS,
	opentactApiKey,
	opentactEmail,
	twoSms,
	runOpentact,
	runTwoSms,
	visibleText,
	errorsOf,
} = require('./hostile');

const SESSION_TOKEN = 'opentact-session-token-Recognisable-77';
const ACCESS_TOKEN = 'two-sms-access-token-Recognisable-88';
const basicOf = (email, password) => Buffer.from(`${email}:${password}`).toString('base64');

let server;
/** The hostile server's answer to each request; set per test. */
let answer;

beforeAll(async () => {
	server = await startServer((request, reply) => answer(request, reply));
});
afterAll(async () => await server?.close());
beforeEach(() => {
	server.requests.length = 0;
});

const opentactUrl = () => `${server.origin}/rest`;

function expectRedacted(text, secrets) {
	expect(text).toContain('[redacted]');
	for (const secret of secrets) expect(text).not.toContain(secret);
}

describe('Opentact', () => {
	test('an API call whose error echoes the API key: message and field value redacted, the rest kept', async () => {
		answer = (request, reply) =>
			reply(400, {
				success: false,
				status: 400,
				message: `Token ${request.headers['x-auth-token']} may not change this lease`,
				fields: { 'headers.x-auth-token': { message: 'not allowed', value: request.headers['x-auth-token'] } },
			});
		const result = await runOpentact('get', opentactApiKey(opentactUrl()), [{ phone: '2017771234' }], { node: { continueOnFail: true } });
		expect(result.items('Opentact').map((item) => item.json)).toEqual([
			{
				error: 'Item 0: Opentact answered 400: Token [redacted] may not change this lease',
				message: 'HTTP 400; headers.x-auth-token: not allowed ([redacted])',
			},
		]);
		expect(server.requests[0].headers['x-auth-token']).toBe(SECRETS.apiKey); // the echo was real
		expectRedacted(visibleText(result), [SECRETS.apiKey]);
	});

	test('an API call whose error echoes the session token, without Continue On Fail: the run error is redacted', async () => {
		answer = (request, reply) => {
			if (request.path === '/rest/auth') return reply(200, { success: true, payload: { token: SESSION_TOKEN } });
			return reply(403, { success: false, status: 403, message: `session ${request.headers['x-auth-token']} is read-only` });
		};
		const result = await runOpentact('get', opentactEmail(opentactUrl()), [{ phone: '2017771234' }]);
		expect(result.status).toBe('error');
		expect(result.error.message).toBe('Item 0: Opentact answered 403: session [redacted] is read-only');
		expectRedacted(visibleText(result), [SESSION_TOKEN, SECRETS.password]);
	});

	test('a login refusal that echoes the email, the password and the Basic header: item error and Test button redacted', async () => {
		answer = (request, reply) =>
			reply(400, {
				success: false,
				status: 400,
				message: `Password ${SECRETS.password} is not valid for ${SECRETS.email} (${request.headers.authorization})`,
			});
		const result = await runOpentact('get', opentactEmail(opentactUrl()), [{ phone: '2017771234' }], { node: { continueOnFail: true } });
		const [error] = errorsOf(result.items('Opentact'));
		expect(error).toBe('Item 0: Opentact answered 400: Password [redacted] is not valid for [redacted] (Basic [redacted])');
		const secrets = [SECRETS.password, SECRETS.email, basicOf(SECRETS.email, SECRETS.password)];
		expectRedacted(visibleText(result), secrets);

		const tested = await testCredential('opentactApi', opentactEmail(opentactUrl()));
		expect(tested.status).toBe('Error');
		expect(tested.message).toMatch(/^Opentact's sign-in at http:\/\/127\.0\.0\.1:\d+ answered 400: Password \[redacted\]/);
		expectRedacted(tested.message, secrets);
	});

	test('a password shorter than 4 characters is hidden where it stands alone, not inside other words', async () => {
		answer = (request, reply) => reply(400, { success: false, status: 400, message: 'Password pw1 refused; see rule pw123' });
		const result = await runOpentact('get', opentactEmail(opentactUrl(), { password: 'pw1' }), [{ phone: '2017771234' }], {
			node: { continueOnFail: true },
		});
		expect(errorsOf(result.items('Opentact'))).toEqual(['Item 0: Opentact answered 400: Password [redacted] refused; see rule pw123']);
	});
});

describe('2sms', () => {
	test('a token refusal whose error_description echoes the client secret and ID: item error and Test button redacted', async () => {
		answer = (request, reply) =>
			reply(400, { error: 'invalid_request', error_description: `client_secret ${SECRETS.clientSecret} is malformed for client ${SECRETS.clientId}` });
		const result = await runTwoSms('remove', twoSms(server.origin), [{ phone: '+447700900123', reason: 'asked' }], {
			node: { continueOnFail: true },
		});
		const [error] = errorsOf(result.items('2sms'));
		expect(error).toBe('Item 0: 2sms answered 400: could not get an access token (invalid_request) client_secret [redacted] is malformed for client [redacted]');
		expectRedacted(visibleText(result), [SECRETS.clientSecret, SECRETS.clientId]);

		const tested = await testCredential('twoSmsApi', twoSms(server.origin));
		expect(tested.status).toBe('Error');
		expect(tested.message).toMatch(/^2sms answered 400 when asked for an access token at http:\/\/127\.0\.0\.1:\d+\/Token: client_secret \[redacted\]/);
		expectRedacted(tested.message, [SECRETS.clientSecret, SECRETS.clientId]);
	});

	test.each([
		['ErrorReason', (token) => ({ Error: { ErrorCode: 'Refused', ErrorReason: `token ${token} may not edit the stop log` }, ResponseData: null })],
		['Message', (token) => ({ Message: `Authorization ${token} has been denied for this request.` })],
		['a body that is not JSON', (token) => `<html><body>Bearer ${token} refused by gateway</body></html>`],
	])('an API call whose %s echoes the bearer token: redacted', async (_where, body) => {
		answer = (request, reply) => {
			if (request.path === '/Token') return reply(200, { access_token: ACCESS_TOKEN, token_type: 'bearer', expires_in: 28800 });
			return reply(400, body(request.headers.authorization.replace('Bearer ', '')));
		};
		const result = await runTwoSms('remove', twoSms(server.origin), [{ phone: '+447700900123', reason: 'asked' }], {
			node: { continueOnFail: true },
		});
		const [error] = errorsOf(result.items('2sms'));
		expect(error).toMatch(/^Item 0: 2sms answered 400: /);
		expect(server.requests[1].headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
		expectRedacted(visibleText(result), [ACCESS_TOKEN, SECRETS.clientSecret]);
	});
});

test('2sms: a non-JSON body cut for the message does not keep the first part of an echoed token', async () => {
	answer = (request, reply) => {
		if (request.path === '/Token') return reply(200, { access_token: ACCESS_TOKEN, token_type: 'bearer', expires_in: 28800 });
		return reply(400, `${'-'.repeat(70)}${request.headers.authorization.replace('Bearer ', '')} was refused`);
	};
	const result = await runTwoSms('remove', twoSms(server.origin), [{ phone: '+447700900123', reason: 'asked' }], {
		node: { continueOnFail: true },
	});
	const [error] = errorsOf(result.items('2sms'));
	expect(error).toBe(`Item 0: 2sms answered 400: HTTP 400 (the answer was not JSON: "${'-'.repeat(70)}[redacted]…")`);
	expect(visibleText(result)).not.toContain(ACCESS_TOKEN.slice(0, 10));
});

describe('the redactor itself (nodes/shared/redact.ts)', () => {
	const { redactProviderText, rememberSecrets } = require('../../dist/nodes/shared/redact');

	test('hides registered and given secrets, their URL-encoded and JSON-escaped forms, and keeps the rest', () => {
		rememberSecrets(['registered-secret-value+/=']);
		const text = 'a registered-secret-value+/= b registered-secret-value%2B%2F%3D c given"secret d given\\"secret';
		expect(redactProviderText(['given"secret'], text)).toBe('a [redacted] b [redacted] c [redacted] d [redacted]');
	});

	test('a megabyte of echo is cut, not scanned at length, and no half secret is left at the cut', () => {
		const secret = 'megabyte-secret-0123456789';
		const text = `${'x'.repeat(990)}${secret}${'y'.repeat(1024 * 1024)}`;
		const started = Date.now();
		const shown = redactProviderText([secret], text);
		expect(Date.now() - started).toBeLessThan(500);
		expect(shown).toBe(`${'x'.repeat(990)}[redacted]…`);
	});
});
