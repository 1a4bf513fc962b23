'use strict';
// Issue 11.11: input that a public webhook controls must not stall the event loop: over-long
// input is refused before any pattern runs on it, and the patterns themselves are linear.
// Issue 15.2: an empty or missing Phone Number reads "Item N: Phone Number is empty".
// Issue 11.13: the `{{ $json.x }}` fast path leaves __proto__, constructor and prototype to
// n8n's own evaluation, which refuses them.
const { startSimulator } = require('../../simulator');
const { opentactApiKey, twoSms, runOpentact, runTwoSms, errorsOf } = require('./hostile');

let sim;
beforeAll(async () => {
	sim = await startSimulator();
});
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());

const opentact = () => opentactApiKey(sim.opentactBaseUrl, { apiKey: sim.credentials.opentact.apiKey });
const twoSmsCredentials = () => twoSms(sim.twoSmsBaseUrl, sim.credentials.twoSms);

/** A number, a long run of blanks, an extension marker: the shape that made the old extension pattern quadratic. */
const hostileNumber = (length) => `201${' '.repeat(length - 9)}ext 5!`;

describe.each([60_000, 1024 * 1024])('a Phone Number of %i characters', (length) => {
	test('fails its Opentact item at once, saying it is too long, and nothing is sent', async () => {
		const phone = hostileNumber(length);
		const result = await runOpentact('disable-sms', opentact(), [{ phone }, { phone: '2017771234' }], { node: { continueOnFail: true } });
		expect(errorsOf(result.items('Opentact'))).toEqual([
			`Item 0: Phone Number "201${' '.repeat(54)}..." is too long to be a phone number (${length} characters)`,
			undefined,
		]);
		expect(sim.requests().map((request) => request.path)).toEqual(['/rest/lease/tn/12017771234/tn', '/rest/lease/tn/number/subscription/sms']);
	});

	test('fails its 2sms item at once, saying it is too long, and nothing is sent for it', async () => {
		const phone = hostileNumber(length);
		const result = await runTwoSms('remove', twoSmsCredentials(), [{ phone, reason: 'asked' }], { node: { continueOnFail: true } });
		expect(errorsOf(result.items('2sms'))).toEqual([
			`Item 0: Phone Number "201${' '.repeat(54)}..." is too long to be a phone number (${length} characters)`,
		]);
		expect(sim.requests()).toHaveLength(0);
	});
});

test.each([60_000, 1024 * 1024])('reading a %i-character Phone Number takes milliseconds, not seconds (timed alone, not with the engine around it)', (length) => {
	const { parseNanpNumber, parsePhoneNumber } = require('../../dist/nodes/shared/phoneNumber');
	for (const parse of [parseNanpNumber, (value) => parsePhoneNumber(value, 'GB')]) {
		const started = process.hrtime.bigint();
		expect(parse(hostileNumber(length)).ok).toBe(false);
		// The quadratic pattern this replaced took 3.5 s at 60,000 characters and minutes at 1 MB.
		expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(500);
	}
});

test('a Phone Number with an extension is still read as its main number', async () => {
	const result = await runOpentact('get', opentact(), [{ phone: '(201) 777-1234 ext. 55' }, { phone: '201-777-1235 x 7' }]);
	expect(result.items('Opentact').map((item) => item.json.phoneNumber)).toEqual(['+12017771234', '+12017771235']);
});

describe('an empty or missing Phone Number', () => {
	const input = [{ phone: '' }, {}, { phone: '   ' }, { phone: null }];

	test('Opentact says "Phone Number is empty" for each, in words', async () => {
		const result = await runOpentact('get', opentact(), input, { node: { continueOnFail: true } });
		expect(errorsOf(result.items('Opentact'))).toEqual([0, 1, 2, 3].map((index) => `Item ${index}: Phone Number is empty`));
		expect(sim.requests()).toHaveLength(0);
	});

	test('2sms says "Phone Number is empty" for each, in words', async () => {
		const result = await runTwoSms('remove', twoSmsCredentials(), input.map((json) => ({ ...json, reason: 'asked' })), {
			node: { continueOnFail: true },
		});
		expect(errorsOf(result.items('2sms'))).toEqual([0, 1, 2, 3].map((index) => `Item ${index}: Phone Number is empty`));
		expect(sim.requests()).toHaveLength(0);
	});
});

describe.each([
	['constructor', '{"constructor": "12017771234"}', /constructor/],
	['__proto__', '{"__proto__": "12017771234"}', /Cannot access "__proto__" due to security concerns/],
	['prototype', '{"prototype": "12017771234"}', /Cannot access "prototype" due to security concerns/],
])('a Phone Number read from $json.%s', (key, body, refusal) => {
	test("is left to n8n's own evaluation, which refuses it: nothing is looked up", async () => {
		// JSON.parse, as for a webhook body, makes these own properties of the item.
		const result = await runOpentact('get', opentact(), [JSON.parse(body)], {
			node: { continueOnFail: true },
			parameters: { phoneNumber: `={{ $json.${key} }}` },
		});
		const [error] = errorsOf(result.items('Opentact'));
		expect(error).toMatch(/^Item 0: /);
		expect(error).toMatch(refusal);
		expect(sim.requests()).toHaveLength(0);
	});
});

describe('patterns fed by server text stay linear', () => {
	const { parseRetryAfter } = require('../../dist/nodes/shared/retry');
	const { checkBaseUrl } = require('../../dist/nodes/shared/baseUrl');

	test('a megabyte Retry-After is ignored at once', () => {
		const started = Date.now();
		expect(parseRetryAfter(`${'1'.repeat(1024 * 1024)}x`)).toBeUndefined();
		expect(parseRetryAfter('7')).toBe(7000);
		expect(Date.now() - started).toBeLessThan(200);
	});

	test('a base URL with a long run of slashes is trimmed at once', () => {
		const started = Date.now();
		expect(checkBaseUrl(`https://api.example.com${'/'.repeat(100_000)}x${'/'.repeat(10)}`, 'Base URL')).toMatch(/x$/);
		expect(Date.now() - started).toBeLessThan(500);
	});
});
