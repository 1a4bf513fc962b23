'use strict';
// The credential is read (in n8n: loaded from the database and decrypted) once per run, not once
// per request, while what n8n's request helper does with it stays: sign-in, renewal stored back,
// secrets kept out of the output.
const { createCredentialStore } = require('../../harness');
const { SMS_ROUTE, apiKeyCredentials, emailCredentials, run, jsonOf, requestsTo, startSimulatorWithLeases } = require('./helpers');

let sim;
beforeAll(async () => {
	sim = await startSimulatorWithLeases(300);
});
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());

const numbers = (count) => Array.from({ length: count }, (_, index) => ({ phone: `+${13025550000 + index}` }));
const logins = () => requestsTo(sim, 'GET', '/rest/auth').filter((entry) => entry.headers.authorization);

test('a run of 300 numbers (303 requests) reads the API-key credential once', async () => {
	const credentialStore = createCredentialStore({ opentactApi: apiKeyCredentials(sim) });
	const result = await run(sim, 'disable-sms', numbers(300), { credentialStore });
	expect(result.status).toBe('success');
	expect(jsonOf(result.items('Opentact')).every((item) => item.outcome === 'disabled')).toBe(true);
	expect(requestsTo(sim, 'DELETE', SMS_ROUTE)).toHaveLength(300);
	expect(sim.requests().length).toBeGreaterThan(300);
	expect(credentialStore.reads('opentactApi')).toBe(1);
});

test('a token that expires mid-run is renewed once, stored for the next run, and carried by the rest of this one', async () => {
	const credentialStore = createCredentialStore({ opentactApi: emailCredentials(sim) });
	sim.addFault({ route: `DELETE ${SMS_ROUTE}`, kind: 'expireToken', after: 100, times: 1 });
	const result = await run(sim, 'disable-sms', numbers(300), { credentialStore });
	expect(result.status).toBe('success');
	expect(jsonOf(result.items('Opentact')).every((item) => item.outcome === 'disabled')).toBe(true);
	expect(logins()).toHaveLength(2); // the first sign-in and one renewal
	expect(credentialStore.reads('opentactApi')).toBe(1);
	const renewed = credentialStore.get('opentactApi').sessionToken;
	expect(renewed).toMatch(/^eyJ/);
	// Every request after the renewal carries the renewed token: only the ones in flight when the
	// token expired (at most the default 20 at once) got a 401.
	const refused = requestsTo(sim, 'DELETE', SMS_ROUTE).filter((entry) => entry.status === 401);
	expect(refused.length).toBeGreaterThan(0);
	expect(refused.length).toBeLessThanOrEqual(20);
	// The renewed token is the one stored: the next run signs in no more.
	const next = await run(sim, 'disable-sms', numbers(5), { credentialStore });
	expect(next.status).toBe('success');
	expect(logins()).toHaveLength(2);
	// Neither the password nor a token reaches an output item.
	const output = JSON.stringify([result.items('Opentact'), next.items('Opentact')]);
	for (const secret of [sim.credentials.opentact.password, renewed]) expect(output).not.toContain(secret);
});
