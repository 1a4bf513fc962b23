'use strict';
// The access token and a misbehaving API: a user should not notice either, beyond the time taken.
const { runWorkflow, createCredentialStore } = require('../../harness');
const { NODE, useSimulator, credentialsFor, stopLogWorkflow, ukMobile, stopLogRequests, tokenRequests } = require('./twoSmsTestKit');

const env = useSimulator();
const ROUTE = 'DELETE /api/v1/addressbook/stoplog';
const contacts = (count) => Array.from({ length: count }, (_, index) => ({ phone: ukMobile(index + 500), reason: 'Back in' }));

test('one token serves every batch of a run, and the next run reuses the saved token', async () => {
	const { sim } = env;
	const credentialStore = createCredentialStore(credentialsFor(sim));

	const first = await runWorkflow(stopLogWorkflow('remove'), { credentialStore, input: contacts(500) });
	const second = await runWorkflow(stopLogWorkflow('remove'), { credentialStore, input: contacts(300) });

	expect([first.status, second.status]).toEqual(['success', 'success']);
	expect(stopLogRequests(sim).length).toBe(8);
	expect(tokenRequests(sim).length).toBe(1);
	expect(tokenRequests(sim)[0].body).toMatchObject({ grant_type: 'client_credentials', client_id: sim.credentials.twoSms.clientId });
	expect(credentialStore.get('twoSmsApi').accessToken).toEqual(expect.any(String));
});

test('an expired token is renewed once and the run succeeds', async () => {
	const { sim } = env;
	const credentialStore = createCredentialStore(credentialsFor(sim));
	await runWorkflow(stopLogWorkflow('remove'), { credentialStore, input: contacts(1) });
	const savedToken = credentialStore.get('twoSmsApi').accessToken;
	sim.expireTokens(); // eight hours later

	const result = await runWorkflow(stopLogWorkflow('remove'), { credentialStore, input: contacts(1000) });

	expect(result.status).toBe('success');
	expect(result.items(NODE)).toHaveLength(1000);
	expect(tokenRequests(sim).length).toBe(2);
	expect(credentialStore.get('twoSmsApi').accessToken).not.toBe(savedToken);
	const refused = stopLogRequests(sim).filter((request) => request.status === 401);
	expect(refused).toHaveLength(1);
});

test('a token that expires in the middle of a run is renewed once for all requests in flight', async () => {
	const { sim } = env;
	sim.addFault({ route: ROUTE, kind: 'expireToken', after: 3, times: 1 });

	const result = await runWorkflow(stopLogWorkflow('remove'), { credentials: credentialsFor(sim), input: contacts(2000) });

	expect(result.status).toBe('success');
	expect(result.items(NODE)).toHaveLength(2000);
	expect(tokenRequests(sim).length).toBe(2);
	expect(stopLogRequests(sim).filter((request) => request.status === 200)).toHaveLength(20);
});

test('a renewed token that expires before the resent batch lands is renewed again, and the batch succeeds', async () => {
	const { sim } = env;
	const credentialStore = createCredentialStore(credentialsFor(sim));
	// The first token serves a batch: tokens work for this client, so a second refusal in a row is
	// an expiry, not an API that refuses every token (that one stops after two sign-ins, test/trust).
	await runWorkflow(stopLogWorkflow('remove'), { credentialStore, input: contacts(1) });
	sim.clearRequests();
	sim.addFault({ route: ROUTE, kind: 'expireToken', times: 2 });

	const result = await runWorkflow(stopLogWorkflow('remove'), { credentialStore, input: contacts(50) });

	expect(result.status).toBe('success');
	expect(result.items(NODE).every((item) => item.json.outcome === 'notOnStopLog')).toBe(true);
	expect(stopLogRequests(sim).map((request) => request.status)).toEqual([401, 401, 401, 200]);
	expect(tokenRequests(sim).length).toBe(2);
});

test('a wrong client secret fails at the token request without retrying the batch', async () => {
	const { sim } = env;
	const credentials = credentialsFor(sim);
	credentials.twoSmsApi.clientSecret = 'not-the-secret';

	const result = await runWorkflow(stopLogWorkflow('remove'), { credentials, input: contacts(5) });

	expect(result.status).toBe('error');
	expect(result.error.message).toBe(
		'Item 0: 2sms answered 400: could not get an access token (invalid_client): check the Client ID and Client Secret of the 2sms credential',
	);
	expect(stopLogRequests(sim)).toHaveLength(0);
	expect(tokenRequests(sim)).toHaveLength(1); // a 400 is not retried
});

test('a 429 with Retry-After is waited out and the items succeed', async () => {
	const { sim } = env;
	sim.addFault({ route: ROUTE, kind: 'rateLimit', retryAfterSeconds: 1, times: 1 });

	const started = Date.now();
	const result = await runWorkflow(stopLogWorkflow('remove'), { credentials: credentialsFor(sim), input: contacts(100) });

	expect(result.status).toBe('success');
	expect(result.items(NODE).every((item) => item.json.outcome === 'notOnStopLog')).toBe(true);
	expect(stopLogRequests(sim).map((request) => request.status)).toEqual([429, 200]);
	expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
});

test('a 503 is retried and the items succeed', async () => {
	const { sim } = env;
	sim.addFault({ route: ROUTE, kind: 'status', status: 503, times: 2 });

	const result = await runWorkflow(stopLogWorkflow('remove'), { credentials: credentialsFor(sim), input: contacts(100) });

	expect(result.status).toBe('success');
	expect(result.items(NODE)).toHaveLength(100);
	expect(stopLogRequests(sim).map((request) => request.status)).toEqual([503, 503, 200]);
});

test('a batch whose connection is always dropped fails each of its items by number, and the run goes on', async () => {
	const { sim } = env;
	sim.addFault({ route: ROUTE, kind: 'reset' });

	const result = await runWorkflow(
		stopLogWorkflow('remove', { onError: 'continueRegularOutput', options: { maxRetries: 1 } }),
		{ credentials: credentialsFor(sim), input: contacts(2) },
	);

	expect(result.status).toBe('success');
	expect(result.items(NODE).map((item) => item.json)).toEqual([0, 1].map((index) => ({
		error: `Item ${index}: no answer from 2sms: the connection was dropped before an answer came`,
		message: 'Network error ECONNRESET.; Tried 2 times before giving up.',
	})));
	expect(stopLogRequests(sim).map((request) => request.status)).toEqual([null, null]);
});
