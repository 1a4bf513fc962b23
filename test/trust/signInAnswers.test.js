'use strict';
// Issue 11.13: a sign-in answered 200 without a token (or with HTML) says so, instead of calling
// it a network failure (an unreadable body is retried like a 5xx, JSON without a token is not);
// the API-key Test fails on a 200 that is not Opentact's envelope.
// Issue 15.4: the Test button says in words what is wrong with the address: no API there,
// nothing answering there, a certificate problem (2sms, and Opentact's email/password sign-in).
const { testCredential } = require('../../harness');
const {
	startServer,
	closedPort,
	selfSignedCertificate,
	opentactApiKey,
	opentactEmail,
	twoSms,
	runOpentact,
	runTwoSms,
	errorsOf,
} = require('./hostile');

let server;
let answer;
beforeAll(async () => {
	server = await startServer((request, reply) => answer(request, reply));
});
afterAll(async () => await server?.close());
beforeEach(() => {
	server.requests.length = 0;
});

const HTML = '<!doctype html><html><body><h1>Welcome to nginx!</h1></body></html>';

describe('a sign-in answered 200 without a token', () => {
	test.each([
		// Not JSON (a page, or JSON cut off mid-stream): retried like a 5xx, then reported in words.
		['an HTML page', HTML, 'the answer was not Opentact JSON', 4],
		// JSON that says there is no token: asking again would get the same answer.
		['JSON without a token', { success: true, payload: { uuid: 'u-1' } }, 'the answer had no payload.token', 1],
	])('Opentact (%s): every item says what came back, not "network", and the run signs in no more', async (_what, body, words, logins) => {
		answer = (request, reply) => reply(200, body);
		const result = await runOpentact('get', opentactEmail(`${server.origin}/rest`), [{ phone: '2017771234' }, { phone: '2017771235' }], {
			node: { continueOnFail: true },
			options: { maxRetries: 3 },
		});
		const sentence = `Opentact's sign-in at ${server.origin} answered 200 without a token (${words}). Check the Base URL.`;
		expect(errorsOf(result.items('Opentact'))).toEqual([`Item 0: ${sentence}`, `Item 1: ${sentence}`]);
		expect(server.requests).toHaveLength(logins); // the first item's sign-in (and its retries); the second is not sent

		const tested = await testCredential('opentactApi', opentactEmail(`${server.origin}/rest`));
		expect(tested).toEqual({ status: 'Error', message: sentence });
	});

	test('2sms (an HTML page): the item says what came back once the retries are used up', async () => {
		answer = (request, reply) => reply(200, HTML);
		const result = await runTwoSms('remove', twoSms(server.origin), [{ phone: '+447700900123', reason: 'asked' }], {
			node: { continueOnFail: true },
			options: { maxRetries: 3 },
		});
		const sentence = `2sms's sign-in at ${server.origin} answered 200 without a token (the answer was not 2sms JSON). Check the Base URL.`;
		expect(errorsOf(result.items('2sms'))).toEqual([`Item 0: ${sentence}`]);
		expect(server.requests).toHaveLength(4);
		expect(await testCredential('twoSmsApi', twoSms(server.origin))).toEqual({ status: 'Error', message: sentence });
	});
});

describe("the Opentact API-key Test on a 200 that is not Opentact's envelope", () => {
	test.each([
		['an HTML page', HTML, "not Opentact's JSON"],
		['another API\'s JSON', { status: 'ok', user: 'someone' }, "not Opentact's JSON"],
		['a refusal inside a 200', { success: false, message: 'Invalid token' }, 'a refusal (success: false)'],
		['an envelope without a payload', { success: true }, 'without a payload'],
	])('fails for %s, saying the address is not a working Opentact API', async (_what, body, what) => {
		answer = (request, reply) => reply(200, body);
		const result = await testCredential('opentactApi', opentactApiKey(`${server.origin}/rest`));
		expect(result).toEqual({
			status: 'Error',
			message: `The address answered, but ${what}: it is not a working Opentact API. Check the Environment and, for Custom, that the Base URL is the API root ending in /rest.`,
		});
	});

	test("passes for Opentact's envelope", async () => {
		answer = (request, reply) => reply(200, { success: true, payload: { uuid: 'u-1', email: 'someone@example.test' } });
		expect(await testCredential('opentactApi', opentactApiKey(`${server.origin}/rest`))).toEqual({ status: 'OK', message: 'Connection successful!' });
	});

	test('a 2sms Test whose templates call answers HTML fails too', async () => {
		answer = (request, reply) =>
			request.path === '/Token' ? reply(200, { access_token: 'a-token-for-the-test', token_type: 'bearer' }) : reply(200, HTML);
		const result = await testCredential('twoSmsApi', twoSms(server.origin));
		expect(result).toEqual({
			status: 'Error',
			message: "The address answered, but not 2sms's JSON: it is not a working 2sms API. Check the Base URL (the host your 2sms account lives on).",
		});
	});
});

describe('the Test button names what is wrong with the address', () => {
	const NO_OPENTACT =
		'There is no Opentact API at this address (404 Not Found): check the Environment and, for Custom, that the Base URL is the API root ending in /rest';
	const NO_TWO_SMS = 'There is no 2sms API at this address (404 Not Found): check the Base URL (the host your 2sms account lives on)';

	test.each([
		['Opentact with an API key', 'opentactApi', (origin) => opentactApiKey(`${origin}/rest`), NO_OPENTACT],
		['Opentact with email and password', 'opentactApi', (origin) => opentactEmail(`${origin}/rest`), NO_OPENTACT],
		['2sms', 'twoSmsApi', (origin) => twoSms(origin), NO_TWO_SMS],
	])('%s: a server answering 404 is "no API at this address", not "Not Found"', async (_name, type, data, message) => {
		answer = (request, reply) => reply(404, '<html><body>Not Found</body></html>');
		expect(await testCredential(type, data(server.origin))).toEqual({ status: 'Error', message });
	});

	test.each([
		['Opentact with email and password', 'opentactApi', (origin) => opentactEmail(`${origin}/rest`), 'Opentact'],
		['2sms', 'twoSmsApi', (origin) => twoSms(origin), '2sms'],
	])('%s: a port where nothing listens is "nothing is answering", not ECONNREFUSED', async (_name, type, data, service) => {
		const origin = `http://127.0.0.1:${await closedPort()}`;
		expect(await testCredential(type, data(origin))).toEqual({
			status: 'Error',
			message: `Could not reach ${service} at ${origin} to sign in: the connection was refused (nothing is answering at that address). Check the Base URL.`,
		});
	});

	describe('a server with a self-signed certificate', () => {
		const tls = selfSignedCertificate();
		let tlsServer;
		beforeAll(async () => {
			if (tls) tlsServer = await startServer((request, reply) => reply(200, { success: true, payload: { token: 'x' } }), { tls });
		});
		afterAll(async () => await tlsServer?.close());
		const maybe = tls ? test.each : test.skip.each; // openssl makes the certificate

		maybe([
			['Opentact with email and password', 'opentactApi', (origin) => opentactEmail(`${origin}/rest`), 'Opentact'],
			['2sms', 'twoSmsApi', (origin) => twoSms(origin), '2sms'],
		])('%s: the Test says it is the certificate, and nothing was signed in', async (_name, type, data, service) => {
			const result = await testCredential(type, data(tlsServer.origin));
			expect(result).toEqual({
				status: 'Error',
				message: `Could not connect securely to ${service} at ${tlsServer.origin} to sign in: the server's certificate is self-signed. Check the Base URL; the server needs a valid certificate.`,
			});
			expect(tlsServer.requests).toHaveLength(0);
		});

		(tls ? test : test.skip)('an item against it says it is the certificate, and is not retried', async () => {
			const result = await runOpentact('get', opentactApiKey(`${tlsServer.origin}/rest`), [{ phone: '2017771234' }], {
				node: { continueOnFail: true },
				options: { maxRetries: 3 },
			});
			expect(result.items('Opentact').map((item) => item.json)).toEqual([
				{
					error: "Item 0: could not connect securely to Opentact: the server's certificate is self-signed",
					message: 'TLS error DEPTH_ZERO_SELF_SIGNED_CERT.',
				},
			]);
		});
	});
});
