'use strict';
// The 2sms credential is read (in n8n: loaded from the database and decrypted) once per run, not
// once per request, and a token renewed mid-run is still stored back and used by the run.
const { runWorkflow, createCredentialStore } = require('../../harness');
const { NODE, useSimulator, credentialsFor, stopLogWorkflow, ukMobile, stopLogRequests, tokenRequests } = require('./twoSmsTestKit');

const env = useSimulator();
const contacts = (count) => Array.from({ length: count }, (_, index) => ({ phone: ukMobile(index + 700), reason: 'Back in' }));

test('a run of 20 batches reads the credential once, and a token expired mid-run is renewed, stored and used', async () => {
	const { sim } = env;
	const credentialStore = createCredentialStore(credentialsFor(sim));
	sim.addFault({ route: 'DELETE /api/v1/addressbook/stoplog', kind: 'expireToken', after: 5, times: 1 });

	const result = await runWorkflow(stopLogWorkflow('remove'), { credentialStore, input: contacts(2000) });

	expect(result.status).toBe('success');
	expect(result.items(NODE)).toHaveLength(2000);
	expect(stopLogRequests(sim).filter((request) => request.status === 200)).toHaveLength(20);
	expect(tokenRequests(sim)).toHaveLength(2);
	expect(credentialStore.reads('twoSmsApi')).toBe(1);
	const stored = credentialStore.get('twoSmsApi').accessToken;
	const lastBatch = stopLogRequests(sim).at(-1);
	expect(lastBatch.status).toBe(200);
	expect(JSON.stringify(result.items(NODE))).not.toContain(stored);
	expect(JSON.stringify(result.items(NODE))).not.toContain(sim.credentials.twoSms.clientSecret);
});
