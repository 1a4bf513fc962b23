'use strict';
// Issue 11.1: a redirect from the API, the sign-in or the token endpoint to another origin must
// not carry a credential there. A hostile server on 127.0.0.1 answers 302/307/308 pointing at a
// second server (another port: another origin) that records what it receives. Nothing may
// arrive there, and the item error names the status and the target's origin (never its query).
const { testCredential } = require('../../harness');
const { startServer, SECRETS, opentactApiKey, opentactEmail, twoSms, runOpentact, runTwoSms, errorsOf } = require('./hostile');

let elsewhere;
let hostile;
let status;
/** What the hostile server does with a route it does not sign in on: send it elsewhere. */
let signsIn;

beforeAll(async () => {
	elsewhere = await startServer((request, reply) => reply(200, { success: true, payload: { token: 'stolen' } }));
	hostile = await startServer((request, reply) => {
		if (signsIn?.(request)) return reply(200, signsIn(request));
		// The query must not reach the error: it could carry anything.
		reply(status, '', { location: `${elsewhere.origin}${request.url}?next=token-please` });
	});
});
afterAll(async () => {
	await hostile?.close();
	await elsewhere?.close();
});
beforeEach(() => {
	elsewhere.requests.length = 0;
	hostile.requests.length = 0;
	signsIn = undefined;
});

const opentactLogin = (request) =>
	request.path === '/rest/auth' && request.headers.authorization ? { success: true, payload: { token: 'opentact-session-token-1' } } : undefined;
const twoSmsToken = (request) =>
	request.path === '/Token' ? { access_token: 'two-sms-access-token-1', token_type: 'bearer', expires_in: 28800 } : undefined;

const redirectError = (service) =>
	`Item 0: ${service} answered ${status} with a redirect to ${elsewhere.origin}, which was not followed: redirects are never followed, so that credentials cannot reach another address. Check the Base URL of the credential.`;

function expectNothingElsewhere() {
	expect(elsewhere.requests).toEqual([]);
	const received = elsewhere.received();
	for (const secret of Object.values(SECRETS)) expect(received).not.toContain(secret);
}

describe.each([302, 307, 308])('a %s to another origin', (redirectStatus) => {
	beforeEach(() => {
		status = redirectStatus;
	});

	test('with an Opentact API key: the key stays home and the item names the redirect', async () => {
		const result = await runOpentact('disable-sms', opentactApiKey(`${hostile.origin}/rest`), [{ phone: '2017771234' }], {
			node: { continueOnFail: true },
		});
		expect(errorsOf(result.items('Opentact'))).toEqual([redirectError('Opentact')]);
		expect(hostile.requests[0].headers['x-auth-token']).toBe(SECRETS.apiKey); // it was asked, once
		expect(hostile.requests).toHaveLength(1); // a redirect is not retried
		expectNothingElsewhere();
	});

	test('at the Opentact login (email and password): the password stays home', async () => {
		const result = await runOpentact('disable-sms', opentactEmail(`${hostile.origin}/rest`), [{ phone: '2017771234' }], {
			node: { continueOnFail: true },
		});
		expect(errorsOf(result.items('Opentact'))).toEqual([redirectError('Opentact')]);
		expect(hostile.requests[0]).toMatchObject({ method: 'GET', path: '/rest/auth' });
		expectNothingElsewhere();
	});

	test('at an Opentact API call after a good login: the session token stays home', async () => {
		signsIn = opentactLogin;
		const result = await runOpentact('disable-sms', opentactEmail(`${hostile.origin}/rest`), [{ phone: '2017771234' }], {
			node: { continueOnFail: true },
		});
		expect(errorsOf(result.items('Opentact'))).toEqual([redirectError('Opentact')]);
		expect(hostile.requests.map((request) => request.path)).toEqual(['/rest/auth', '/rest/lease/tn/12017771234/tn']);
		expectNothingElsewhere();
	});

	test('at the 2sms token endpoint: the client secret (form body) stays home', async () => {
		const result = await runTwoSms('remove', twoSms(hostile.origin), [{ phone: '+447700900123', reason: 'asked' }], {
			node: { continueOnFail: true },
		});
		expect(errorsOf(result.items('2sms'))).toEqual([redirectError('2sms')]);
		expect(hostile.requests[0]).toMatchObject({ method: 'POST', path: '/Token' });
		expect(hostile.requests[0].body).toContain('client_secret=');
		expectNothingElsewhere();
	});

	test('at a 2sms API call after a good token: the bearer token and the records stay home', async () => {
		signsIn = twoSmsToken;
		const result = await runTwoSms('remove', twoSms(hostile.origin), [{ phone: '+447700900123', reason: 'asked' }], {
			node: { continueOnFail: true },
		});
		expect(errorsOf(result.items('2sms'))).toEqual([redirectError('2sms')]);
		expect(hostile.requests.map((request) => request.path)).toEqual(['/Token', '/api/v1/addressbook/stoplog']);
		expectNothingElsewhere();
		expect(elsewhere.received()).not.toContain('two-sms-access-token-1');
	});

	test.each([
		['Opentact with an API key', 'opentactApi', () => opentactApiKey(`${hostile.origin}/rest`), undefined],
		['Opentact with email and password', 'opentactApi', () => opentactEmail(`${hostile.origin}/rest`), undefined],
		['Opentact with email and password, login answered', 'opentactApi', () => opentactEmail(`${hostile.origin}/rest`), opentactLogin],
		['2sms', 'twoSmsApi', () => twoSms(hostile.origin), undefined],
		['2sms, token answered', 'twoSmsApi', () => twoSms(hostile.origin), twoSmsToken],
	])('the Test button (%s) fails, saying it was a redirect, and sends nothing elsewhere', async (_name, type, data, signIn) => {
		signsIn = signIn;
		const result = await testCredential(type, data());
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(new RegExp(`answered with a redirect \\(${status}\\), which is not followed`));
		expectNothingElsewhere();
	});
});
