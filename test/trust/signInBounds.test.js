'use strict';
// Issue 11.12: an API answering 401 to every token made each request sign in again (69 logins
// for 50 numbers: an account lock-out risk). Now sign-in stops after the first renewed token is
// refused too (a token no request could use, refused again after its renewal): at most the first
// sign-in and one renewal, and every item says sign-in was stopped. A login refused for its
// credentials is not repeated by the run's other items either.
const { runWorkflow } = require('../../harness');
const { startSimulator } = require('../../simulator');
const { opentactEmail, twoSms, opentactFlow, twoSmsFlow, errorsOf } = require('./hostile');

let sim;
beforeAll(async () => {
	sim = await startSimulator();
});
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());

const logins = () => sim.requests().filter((request) => request.path === '/rest/auth' && request.headers.authorization);
const tokenRequests = () => sim.requests().filter((request) => /^\/token$/i.test(request.path));
const FIFTY_NUMBERS = Array.from({ length: 50 }, (_, index) => 12015550000 + index);

const opentact = (overrides) => opentactEmail(sim.opentactBaseUrl, { ...sim.credentials.opentact, apiKey: undefined, ...overrides });
const twoSmsCredentials = (overrides) => twoSms(sim.twoSmsBaseUrl, { ...sim.credentials.twoSms, ...overrides });

describe('an API that answers 401 to every token', () => {
	beforeEach(() => sim.addFault({ route: '*', kind: 'expireToken' })); // a sign-in itself still works

	test('Opentact: 50 numbers cause two sign-ins, and every item says sign-in was stopped', async () => {
		const result = await runWorkflow(opentactFlow('disable-sms', { node: { continueOnFail: true } }), {
			credentials: { opentactApi: opentact() },
			input: FIFTY_NUMBERS.map((tn) => ({ json: { phone: String(tn) } })),
		});
		expect(result.status).toBe('success');
		expect(logins()).toHaveLength(2);
		const errors = errorsOf(result.items('Opentact'));
		expect(errors).toHaveLength(50);
		errors.forEach((error, index) => {
			expect(error).toBe(
				`Item ${index}: Opentact refused the tokens of 2 sign-ins in a row before any request could use them, so sign-in was stopped to avoid locking the account. Check that this account may use the API and that nothing between n8n and Opentact drops the X-Auth-Token header. Sign-in resumes 2 minutes after the last refused request.`,
			);
		});
		// The items after the first are not even sent: the run knows its sign-in is stopped.
		expect(sim.requests().length).toBeLessThan(10);
	});

	test('2sms: 50 numbers in 50 batches cause two token requests, and every item says sign-in was stopped', async () => {
		const input = Array.from({ length: 50 }, (_, index) => ({ json: { phone: `+4477009${String(index).padStart(5, '0')}`, reason: 'asked' } }));
		const result = await runWorkflow(twoSmsFlow('remove', { node: { continueOnFail: true }, options: { batchSize: 1 } }), {
			credentials: { twoSmsApi: twoSmsCredentials() },
			input,
		});
		expect(result.status).toBe('success');
		expect(tokenRequests()).toHaveLength(2);
		const errors = errorsOf(result.items('2sms'));
		expect(errors).toHaveLength(50);
		for (const error of errors) expect(error).toMatch(/^Item \d+: 2sms refused the access tokens of 2 sign-ins in a row .* sign-in was stopped to avoid locking the API client/);
	});

	test('without Continue On Fail the run fails with the same words after two sign-ins', async () => {
		const result = await runWorkflow(opentactFlow('disable-sms'), {
			credentials: { opentactApi: opentact() },
			input: FIFTY_NUMBERS.slice(0, 5).map((tn) => ({ json: { phone: String(tn) } })),
		});
		expect(result.status).toBe('error');
		expect(result.error.message).toMatch(/^Item 0: Opentact refused the tokens of 2 sign-ins in a row/);
		expect(logins()).toHaveLength(2);
	});
});

describe('a login refused for its credentials', () => {
	test('Opentact: a wrong password is tried for the first item only, not once per item', async () => {
		const result = await runWorkflow(opentactFlow('disable-sms', { node: { continueOnFail: true } }), {
			credentials: { opentactApi: opentact({ password: 'not-the-password' }) },
			input: FIFTY_NUMBERS.slice(0, 20).map((tn) => ({ json: { phone: String(tn) } })),
		});
		const errors = errorsOf(result.items('Opentact'));
		expect(errors).toEqual(FIFTY_NUMBERS.slice(0, 20).map((_, index) => `Item ${index}: Opentact answered 401: Invalid email or password`));
		expect(result.items('Opentact')[5].json.message).toContain('Nothing was sent for this item: signing in had already failed in this run.');
		expect(logins().length).toBeLessThanOrEqual(2); // n8n itself signs in once more after a 401
	});

	test('2sms: a wrong client secret is tried for the first batch only, not once per batch', async () => {
		const input = Array.from({ length: 20 }, (_, index) => ({ json: { phone: `+4477009${String(index).padStart(5, '0')}`, reason: 'asked' } }));
		const result = await runWorkflow(twoSmsFlow('remove', { node: { continueOnFail: true }, options: { batchSize: 1 } }), {
			credentials: { twoSmsApi: twoSmsCredentials({ clientSecret: 'not-the-secret' }) },
			input,
		});
		expect(errorsOf(result.items('2sms'))).toHaveLength(20);
		expect(tokenRequests()).toHaveLength(1);
		expect(sim.requests().filter((request) => request.path.startsWith('/api/'))).toHaveLength(0);
	});
});
