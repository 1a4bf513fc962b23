'use strict';
// The opentactApi credential: the Test button for both sign-in methods, the email/password
// login through preAuthentication (once, then renewed on 401), and the base URL rules.
const { testCredential, createCredentialStore } = require('../../harness');
const {
	LEASES,
	SMS_ROUTE,
	apiKeyCredentials,
	emailCredentials,
	run,
	jsonOf,
	requestsTo,
	startSimulator,
} = require('./helpers');

let sim;
beforeAll(async () => {
	sim = await startSimulator();
});
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());

const logins = () => requestsTo(sim, 'GET', '/rest/auth').filter((entry) => entry.headers.authorization);
const WRONG_CREDENTIALS =
	'Opentact did not accept these credentials (401): check the API key, or the email and password, and that they belong to the selected environment';

describe('Test button', () => {
	test('an API key that Opentact accepts tests OK, with the key sent as X-Auth-Token to GET /rest/auth', async () => {
		await expect(testCredential('opentactApi', apiKeyCredentials(sim))).resolves.toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		const [request] = sim.requests();
		expect(request).toMatchObject({ method: 'GET', path: '/rest/auth', status: 200 });
		expect(request.headers['x-auth-token']).toBe('[redacted]');
		expect(request.headers.authorization).toBeUndefined();
	});

	test('a wrong API key says the credentials were not accepted', async () => {
		const result = await testCredential('opentactApi', { ...apiKeyCredentials(sim), apiKey: 'x'.repeat(48) });
		expect(result).toEqual({ status: 'Error', message: WRONG_CREDENTIALS });
	});

	test('an email and password that Opentact accepts test OK (login, then GET /rest/auth with the token)', async () => {
		const result = await testCredential('opentactApi', emailCredentials(sim));
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(sim.requests().map((entry) => [entry.path, entry.status, Boolean(entry.headers.authorization), Boolean(entry.headers['x-auth-token'])])).toEqual([
			['/rest/auth', 200, true, false],
			['/rest/auth', 200, false, true],
		]);
	});

	test('a wrong password says the credentials were not accepted', async () => {
		const result = await testCredential('opentactApi', { ...emailCredentials(sim), password: 'not-the-password' });
		expect(result).toEqual({ status: 'Error', message: WRONG_CREDENTIALS });
	});

	test('an empty password is reported before anything is sent', async () => {
		const result = await testCredential('opentactApi', { ...emailCredentials(sim), password: '' });
		expect(result).toEqual({ status: 'Error', message: 'Opentact credential: enter both the email and the password' });
		expect(sim.requests()).toHaveLength(0);
	});

	test.each([
		['emailPassword', emailCredentials],
		['apiKey', apiKeyCredentials],
	])('plain http:// to a host other than localhost is refused (%s)', async (_method, credentials) => {
		const result = await testCredential('opentactApi', { ...credentials(sim), baseUrl: 'http://api.opentact.example/rest' });
		expect(result.status).toBe('Error');
		expect(result.message).toBe(
			'Opentact credential: Base URL "http://api.opentact.example/rest" uses plain http://, which would send your credentials unencrypted: use https:// (plain http is only allowed for localhost)',
		);
	});

	test('a Custom environment without a base URL says what to enter', async () => {
		const result = await testCredential('opentactApi', { ...apiKeyCredentials(sim), baseUrl: '' });
		expect(result).toEqual({
			status: 'Error',
			message: "Opentact credential: Base URL is empty: enter the API's address, e.g. https://api.example.com",
		});
	});
});

describe('email and password sign-in', () => {
	test('the token is obtained once for a run of many items and reused by the next run', async () => {
		const credentialStore = createCredentialStore({ opentactApi: emailCredentials(sim) });
		const input = Array.from({ length: 20 }, () => ({ phone: LEASES.b0101.tn }));
		const first = await run(sim, 'disable-sms', input, { credentialStore });
		expect(first.status).toBe('success');
		expect(jsonOf(first.items('Opentact')).every((item) => item.outcome === 'alreadyDisabled')).toBe(true);
		expect(logins()).toHaveLength(1);
		expect(credentialStore.get('opentactApi').sessionToken).toMatch(/^eyJ/); // the JWT, saved

		const second = await run(sim, 'disable-sms', input.slice(0, 3), { credentialStore });
		expect(second.status).toBe('success');
		expect(logins()).toHaveLength(1);
	});

	test('an expired token is renewed on the 401 and the items still succeed', async () => {
		const credentialStore = createCredentialStore({ opentactApi: emailCredentials(sim) });
		await run(sim, 'disable-sms', [{ phone: LEASES.b0101.tn }], { credentialStore });
		const oldToken = credentialStore.get('opentactApi').sessionToken;
		sim.expireTokens();

		const result = await run(sim, 'disable-sms', [{ phone: LEASES.a1234.tn }], { credentialStore });
		expect(result.status).toBe('success');
		expect(jsonOf(result.items('Opentact'))[0].outcome).toBe('disabled');
		expect(logins()).toHaveLength(2);
		expect(credentialStore.get('opentactApi').sessionToken).not.toBe(oldToken);
		const lookups = sim.requests().filter((entry) => entry.path === '/rest/lease/tn/12017771234/tn');
		expect(lookups.map((entry) => entry.status)).toEqual([401, 200]);
	});

	test('a token that expires in the middle of a run is renewed by one login shared by the requests in flight', async () => {
		const credentialStore = createCredentialStore({ opentactApi: emailCredentials(sim) });
		sim.addFault({ route: `DELETE ${SMS_ROUTE}`, kind: 'expireToken', times: 1 });
		const input = [LEASES.a1234, LEASES.a1235, LEASES.a1236].map((lease) => ({ phone: lease.tn }));
		const result = await run(sim, 'disable-sms', input, { credentialStore });
		expect(result.status).toBe('success');
		expect(jsonOf(result.items('Opentact')).map((item) => item.outcome)).toEqual(['disabled', 'disabled', 'disabled']);
		// The three DELETEs in flight all carried the expired token; they renew it with one login.
		expect(requestsTo(sim, 'DELETE', SMS_ROUTE).map((entry) => entry.status)).toEqual([401, 401, 401, 200, 200, 200]);
		expect(logins()).toHaveLength(2);
	});

	test('a renewed token that expires before its request lands is renewed again, and the item succeeds', async () => {
		// The DELETE's token is expired by the first fault; the token n8n fetches for the resend is
		// expired by the second before the resend arrives. n8n gives up after one renewal; the node
		// retries once with the newest token.
		const credentialStore = createCredentialStore({ opentactApi: emailCredentials(sim) });
		sim.addFault({ route: `DELETE ${SMS_ROUTE}`, kind: 'expireToken', times: 2 });
		const result = await run(sim, 'disable-sms', [{ phone: LEASES.a1234.tn }], { credentialStore });
		expect(result.status).toBe('success');
		expect(jsonOf(result.items('Opentact'))[0].outcome).toBe('disabled');
		expect(requestsTo(sim, 'DELETE', SMS_ROUTE).map((entry) => entry.status)).toEqual([401, 401, 401, 200]);
		expect(logins()).toHaveLength(3);
	});

	test('a 401 with an API key is reported at once, not retried', async () => {
		const result = await run(sim, 'disable-sms', [{ phone: LEASES.a1234.tn }], {
			credentials: { ...apiKeyCredentials(sim), apiKey: 'not-the-key' },
			options: { maxRetries: 3 },
		});
		expect(result.status).toBe('error');
		// n8n itself sends a request once more after any 401; the node adds no retry of its own.
		expect(sim.requests().map((entry) => entry.status)).toEqual([401, 401]);
	});

	test('a wrong password fails the run with the login error, not a retry storm', async () => {
		const result = await run(sim, 'disable-sms', [{ phone: LEASES.a1234.tn }], {
			credentials: { ...emailCredentials(sim), password: 'wrong' },
		});
		expect(result.status).toBe('error');
		expect(result.error.message).toBe('Item 0: Opentact answered 401: Invalid email or password');
		expect(logins().length).toBeLessThanOrEqual(2); // n8n tries the login again once after a 401
		expect(JSON.stringify(result.error)).not.toContain('wrong');
	});
});

test('a node run with plain http:// to a remote host fails before any request, saying why', async () => {
	const result = await run(sim, 'disable-sms', [{ phone: LEASES.a1234.tn }], {
		credentials: { ...apiKeyCredentials(sim), baseUrl: 'http://10.0.0.5:8080/rest' },
	});
	expect(result.status).toBe('error');
	expect(result.error.name).toBe('NodeOperationError');
	expect(result.error.message).toMatch(/^Opentact credential: Base URL "http:\/\/10\.0\.0\.5:8080\/rest" uses plain http:\/\//);
});

test('a node run with an empty API key fails at once, saying what to enter, without retrying', async () => {
	const started = Date.now();
	const result = await run(sim, 'disable-sms', [{ phone: LEASES.a1234.tn }], {
		credentials: { ...apiKeyCredentials(sim), apiKey: '' },
	});
	expect(result.status).toBe('error');
	expect(result.error).toMatchObject({ name: 'NodeOperationError', message: 'Opentact credential: enter the API key' });
	expect(sim.requests()).toHaveLength(0);
	expect(Date.now() - started).toBeLessThan(1000);
});
