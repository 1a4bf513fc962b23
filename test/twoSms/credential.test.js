'use strict';
// The credential's Test button, as n8n runs it: a token from POST /Token, then a cheap read.
const { testCredential } = require('../../harness');
const { useSimulator, credentialsFor, tokenRequests } = require('./twoSmsTestKit');

const env = useSimulator();

test('Test with the right client ID and secret gets a token and reads the templates', async () => {
	const { sim } = env;
	const result = await testCredential('twoSmsApi', credentialsFor(sim).twoSmsApi);

	expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
	expect(sim.requests().map((request) => `${request.method} ${request.path} ${request.status}`)).toEqual([
		'POST /Token 200',
		'GET /api/v1/sms/templates 200',
	]);
	expect(sim.requests()[1].headers.authorization).toBe('Bearer [redacted]');
});

test('Test with a wrong secret says the client ID or secret was rejected, without showing it', async () => {
	const { sim } = env;
	const wrongSecret = 'not-the-right-secret-123';
	const result = await testCredential('twoSmsApi', credentialsFor(sim, { clientSecret: wrongSecret }).twoSmsApi);

	expect(result.status).toBe('Error');
	expect(result.message).toBe(
		'2sms rejected the Client ID or Client Secret (invalid_client). Copy both again from the 2sms portal.',
	);
	expect(result.message).not.toContain(wrongSecret);
	expect(tokenRequests(sim).map((request) => request.status)).toEqual([400]);
	expect(sim.requests()).toHaveLength(1);
});

test('Test refuses a plain http:// address that is not this machine before sending the secret', async () => {
	const { sim } = env;
	const result = await testCredential('twoSmsApi', credentialsFor(sim, { customBaseUrl: 'http://sms.example.com' }).twoSmsApi);

	expect(result.status).toBe('Error');
	expect(result.message).toMatch(/plain http:\/\/.*use https:\/\//);
	expect(sim.requests()).toHaveLength(0);
});
