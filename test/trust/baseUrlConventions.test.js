'use strict';
// Opentact's API root ends in /rest; 2sms's is the host alone. A custom Base URL in the other
// service's form is caught with words at the Test button and before any request of a run,
// instead of a 404 on every request.
const { testCredential } = require('../../harness');
const { startSimulator } = require('../../simulator');
const { opentactCredentials, twoSmsCredentials } = require('../../harness/simulatorCredentials');

let sim;
beforeAll(async () => {
	sim = await startSimulator();
});
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());

const host = () => new URL(sim.opentactBaseUrl).origin;

test('an Opentact Base URL without /rest is refused at the Test button, naming the address to use, and nothing is sent', async () => {
	for (const authentication of ['apiKey', 'emailPassword']) {
		const data = { ...opentactCredentials(sim, { authentication }), baseUrl: `${host()}/` };
		const result = await testCredential('opentactApi', data);
		expect(result).toEqual({
			status: 'Error',
			message: `Opentact credential: Base URL "${host()}" must be Opentact's API root, which ends in /rest (e.g. ${host()}/rest)`,
		});
	}
	expect(sim.requests()).toHaveLength(0);
});

test('a 2sms Custom Base URL with /api is refused at the Test button, naming the host to use, and nothing is sent', async () => {
	for (const path of ['/api', '/api/v1', '/API/v2/']) {
		const data = { ...twoSmsCredentials(sim), customBaseUrl: `${sim.twoSmsBaseUrl}${path}` };
		const result = await testCredential('twoSmsApi', data);
		expect(result.status).toBe('Error');
		expect(result.message).toBe(
			`Custom Base URL "${sim.twoSmsBaseUrl}${path.replace(/\/$/, '')}" must be the 2sms host only, without /api (e.g. ${new URL(sim.twoSmsBaseUrl).origin})`,
		);
	}
	expect(sim.requests()).toHaveLength(0);
});

test('each service in its own form still tests OK', async () => {
	await expect(testCredential('opentactApi', opentactCredentials(sim))).resolves.toMatchObject({ status: 'OK' });
	await expect(testCredential('twoSmsApi', twoSmsCredentials(sim))).resolves.toMatchObject({ status: 'OK' });
});
