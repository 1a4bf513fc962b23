'use strict';
// Credential values never appear in outputs, errors, the persisted run data, logs, or the
// simulator's recorded headers, whatever goes wrong.
const { testCredential, createCredentialStore } = require('../../harness');
const { LEASES, FAST_RETRIES, SMS_ROUTE, apiKeyCredentials, emailCredentials, run, startSimulator } = require('./helpers');

let sim;
beforeAll(async () => {
	sim = await startSimulator();
});
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());

/** Everything a user, a log or the database could see of a run, as text. */
function visibleText(result) {
	const seen = new WeakSet();
	const safe = (_key, value) => {
		if (typeof value === 'object' && value !== null) {
			if (seen.has(value)) return '[circular]';
			seen.add(value);
		}
		return value;
	};
	const { error } = result;
	return [
		JSON.stringify(result.run.data, safe),
		error ? [error.message, error.description, JSON.stringify(error), error.stack].join('\n') : '',
	].join('\n');
}

async function capturingOutput(work) {
	const written = [];
	const spies = ['stdout', 'stderr'].map((stream) =>
		jest.spyOn(process[stream], 'write').mockImplementation((chunk) => written.push(String(chunk)) || true),
	);
	const consoleSpies = ['log', 'info', 'warn', 'error', 'debug'].map((level) =>
		jest.spyOn(console, level).mockImplementation((...args) => void written.push(args.map(String).join(' '))),
	);
	try {
		const texts = await work();
		return [...texts, ...written].join('\n');
	} finally {
		[...spies, ...consoleSpies].forEach((spy) => spy.mockRestore());
	}
}

test('API key, password and session token appear nowhere, on success or failure', async () => {
	const { apiKey, password } = sim.credentials.opentact;
	const store = createCredentialStore({ opentactApi: emailCredentials(sim) });
	const wrongKey = 'wrongKeyRecognisable0123456789abcdefghijklmnopqr';
	const wrongPassword = 'wrong-password-recognisable-42';

	const text = await capturingOutput(async () => {
		const texts = [];
		const capture = async (promise) => texts.push(visibleText(await promise));
		await capture(run(sim, 'disable-sms', [{ phone: LEASES.a1234.tn }, { phone: 'bad' }, { phone: '12019990000' }], {
			credentialStore: store,
			node: { continueOnFail: true },
		}));
		sim.addFault({ route: `DELETE ${SMS_ROUTE}`, kind: 'status', status: 500 });
		await capture(run(sim, 'disable-sms', [{ phone: LEASES.a1235.tn }], { credentialStore: store, options: FAST_RETRIES }));
		sim.clearFaults();
		sim.expireTokens();
		await capture(run(sim, 'get', [{ phone: LEASES.a1236.tn }], { credentialStore: store }));
		await capture(run(sim, 'disable-sms', [{ phone: LEASES.a1236.tn }], { credentials: { ...apiKeyCredentials(sim), apiKey: wrongKey } }));
		await capture(run(sim, 'disable-sms', [{ phone: LEASES.a1236.tn }], { credentials: { ...emailCredentials(sim), password: wrongPassword } }));
		await capture(run(sim, 'get', [{ phone: LEASES.a1236.tn }], { credentials: { ...apiKeyCredentials(sim), baseUrl: 'http://127.0.0.1:9/rest' }, options: { maxRetries: 0 } }));
		for (const data of [apiKeyCredentials(sim), { ...apiKeyCredentials(sim), apiKey: wrongKey }, { ...emailCredentials(sim), password: wrongPassword }]) {
			texts.push(JSON.stringify(await testCredential('opentactApi', data)));
		}
		return texts;
	});

	const token = store.get('opentactApi').sessionToken;
	expect(token).toMatch(/^eyJ/);
	expect(text).toContain('Opentact answered 500'); // the runs did produce errors to inspect
	expect(text).toContain('Invalid email or password');
	for (const secret of [apiKey, password, token, wrongKey, wrongPassword, token.split('.')[2]]) {
		expect(text).not.toContain(secret);
	}
	const recorded = JSON.stringify(sim.requests());
	for (const secret of [apiKey, password, token, wrongKey, wrongPassword]) expect(recorded).not.toContain(secret);
});
