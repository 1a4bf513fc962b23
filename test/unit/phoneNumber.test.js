'use strict';
// Phone-number normalisation, held against libphonenumber-js (the field's reference library,
// a dev dependency only: the shipped nodes may depend on nothing but n8n-workflow).
const fc = require('fast-check');
const libphone = require('libphonenumber-js/max');
const { parsePhoneNumber, parseNanpNumber } = require('../../dist/nodes/shared/phoneNumber');

const digit = (from = 0) => fc.integer({ min: from, max: 9 }).map(String);
const digits = (n) => fc.array(digit(), { minLength: n, maxLength: n }).map((d) => d.join(''));

// A NANP number: area code and exchange start with 2-9.
const nanp = fc
	.tuple(digit(2), digits(2), digit(2), digits(2), digits(4))
	.map(([a, b, c, d, e]) => ({ area: a + b, exchange: c + d, line: e }));

const nanpFormats = [
	({ area, exchange, line }) => `+1 ${area}-${exchange}-${line}`,
	({ area, exchange, line }) => `(${area}) ${exchange}-${line}`,
	({ area, exchange, line }) => `1${area}${exchange}${line}`,
	({ area, exchange, line }) => `${area}.${exchange}.${line}`,
	({ area, exchange, line }) => `+1 (${area}) ${exchange} ${line}`,
	({ area, exchange, line }) => ` 1-${area}-${exchange}-${line} `,
];

describe('US/Canadian numbers for Opentact', () => {
	test.each([
		['+1 201-777-1234'],
		['(201) 777-1234'],
		['12017771234'],
		['201.777.1234'],
		['+1 (201) 777 1234'],
		['2017771234'],
		[12017771234],
	])('%p becomes 12017771234', (input) => {
		expect(parseNanpNumber(input)).toEqual({ ok: true, e164: '+12017771234', digits: '12017771234' });
	});

	test('every common way of writing a valid number gives the same 11 digits as libphonenumber', () => {
		fc.assert(
			fc.property(nanp, fc.constantFrom(...nanpFormats), (number, format) => {
				const input = format(number);
				const ours = parseNanpNumber(input);
				const reference = libphone.parsePhoneNumberFromString(input, 'US');
				expect(ours.ok).toBe(true);
				expect(ours.e164).toBe(reference.number);
				expect(ours.digits).toBe(`1${number.area}${number.exchange}${number.line}`);
			}),
			{ numRuns: 500 },
		);
	});

	test.each([
		['', 'is empty'],
		['   ', 'is empty'],
		['201-777-12', 'has 8 digits; a US or Canadian number has 10'],
		['+44 7700 900123', 'is not a US or Canadian number'],
		['(101) 777-1234', 'area code and exchange cannot start with 0 or 1'],
		['201-777-ABCD', 'contains characters'],
		['2017771234567890123', 'has more than 15 digits'],
		['20+17771234', "has a '+' that is not at the start"],
	])('%p is refused: %s', (input, problem) => {
		const result = parseNanpNumber(input);
		expect(result.ok).toBe(false);
		expect(result.problem).toContain(problem);
	});

	test('values that are not text are refused with their type; a missing one is empty', () => {
		expect(parseNanpNumber(null)).toEqual({ ok: false, problem: 'is empty' });
		expect(parseNanpNumber(undefined)).toEqual({ ok: false, problem: 'is empty' });
		expect(parseNanpNumber({ tn: 1 }).problem).toBe('must be text, got object');
	});

	test('no input, however odd, throws: it is either a number or a stated problem', () => {
		fc.assert(
			fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.anything()), (input) => {
				const result = parseNanpNumber(input);
				if (result.ok) expect(result.digits).toMatch(/^1[2-9]\d{2}[2-9]\d{6}$/);
				else expect(typeof result.problem).toBe('string');
			}),
			{ numRuns: 2000 },
		);
	});
});

describe('international numbers for 2sms (default country GB)', () => {
	test.each([
		['07700 900123', '+447700900123'],
		['+44 7700 900123', '+447700900123'],
		['447700900123', '+447700900123'],
		['0044 7700 900123', '+447700900123'],
		['(0)7700-900-123', '+447700900123'],
		['+1 201 777 1234', '+12017771234'],
	])('%p becomes %p', (input, e164) => {
		expect(parsePhoneNumber(input, 'GB')).toMatchObject({ ok: true, e164 });
	});

	test('a national number is read in the chosen default country', () => {
		expect(parsePhoneNumber('(201) 777-1234', 'US')).toMatchObject({ ok: true, e164: '+12017771234' });
		expect(parsePhoneNumber('0412 345 678', 'AU')).toMatchObject({ ok: true, e164: '+61412345678' });
	});

	test.each([
		['727814', 'has 6 digits, which is not a GB number: one has 9 or 10 digits, not counting a leading 0'],
		// Counted as the rule counts them: a typed trunk 0 is not one of the digits.
		['07700 9001', 'has 8 digits after the leading 0, which is not a GB number: one has 9 or 10 digits, not counting a leading 0'],
		['7700 9001', 'has 8 digits, which is not a GB number'],
		['+44 7700 9001', 'has 8 digits after +44; a number in GB has 9 or 10'],
		['+1 201 777 12345', 'has 11 digits after +1; a number in US/CA has 10'],
		['0044', 'has 0 digits after +44'],
		// Lengths GB allows, in ranges that do not: every 07 and every Isle of Man number has 10 digits.
		['752400000', 'has 9 digits, which is not a GB number: one starting with 7 has 10 digits, not counting a leading 0'],
		['07700 90012', 'has 9 digits after the leading 0, which is not a GB number: one starting with 7 has 10 digits'],
		['+44 7524 00000', 'has 9 digits after +44; a number in GB starting with 7 has 10'],
		['01624 12345', 'has 9 digits after the leading 0, which is not a GB number: one starting with 1624 has 10 digits'],
	])('%p is refused: %s', (input, problem) => {
		const result = parsePhoneNumber(input, 'GB');
		expect(result.ok).toBe(false);
		expect(result.problem).toContain(problem);
	});

	test('9-digit numbers of the ranges that have them are kept', () => {
		expect(parsePhoneNumber('016977 1234', 'GB')).toMatchObject({ ok: true, e164: '+44169771234' });
		expect(parsePhoneNumber('0800 123 456', 'GB')).toMatchObject({ ok: true, e164: '+44800123456' });
		expect(parsePhoneNumber('01624 123456', 'GB')).toMatchObject({ ok: true, e164: '+441624123456' });
	});

	test('a trunk 0 written after the country code is dropped', () => {
		expect(parsePhoneNumber('+44 (0)7700 900123', 'GB')).toMatchObject({ ok: true, e164: '+447700900123' });
		expect(parsePhoneNumber('0044 07700 900123', 'GB')).toMatchObject({ ok: true, e164: '+447700900123' });
	});

	test('a country we hold no lengths for is taken at its word, within E.164', () => {
		expect(parsePhoneNumber('+30 694 123 4567', 'GB')).toMatchObject({ ok: true, e164: '+306941234567' });
	});

	test('any digit string accepted as a GB national number is a possible number for libphonenumber', () => {
		fc.assert(
			fc.property(fc.stringMatching(/^[0-9]{1,16}$/).filter((text) => !text.startsWith('00')), (input) => {
				const ours = parsePhoneNumber(input, 'GB');
				if (ours.ok) expect(libphone.isPossiblePhoneNumber(ours.e164)).toBe(true);
			}),
			{ numRuns: 2000 },
		);
	});

	// Bare text ('+' and digits, as 2sms echoes numbers) skips the cleaning; it must read as the
	// same text with something to clean around it does, refusals included (too long, '+' alone).
	test('bare digits, with or without a +, read as they do with blanks and a hyphen around them', () => {
		fc.assert(
			fc.property(
				fc.stringMatching(/^\+?[0-9]{0,45}$/),
				fc.constantFrom('GB', 'US', 'DE', 'ES'),
				(bare, country) => {
					expect(parsePhoneNumber(bare, country)).toEqual(parsePhoneNumber(` ${bare} `, country));
					if (bare.length > 1) {
						const hyphenated = `${bare.slice(0, -1)}-${bare.slice(-1)}`;
						expect(parsePhoneNumber(bare, country)).toEqual(parsePhoneNumber(hyphenated, country));
					}
				},
			),
			{ numRuns: 3000 },
		);
		expect(parsePhoneNumber('+', 'GB')).toEqual(parsePhoneNumber(' + ', 'GB'));
		expect(parsePhoneNumber('4'.repeat(41), 'GB')).toEqual({ ok: false, problem: 'is too long to be a phone number' });
	});

	test('UK mobiles written the usual ways agree with libphonenumber', () => {
		const ukMobile = digits(9).map((rest) => `7${rest}`);
		const formats = [
			(n) => `0${n}`,
			(n) => `0${n.slice(0, 4)} ${n.slice(4)}`,
			(n) => `+44 ${n.slice(0, 4)} ${n.slice(4)}`,
			(n) => `+44 (0)${n}`.replace('(0)', ''),
			(n) => `44${n}`,
			(n) => `0044-${n}`,
		];
		fc.assert(
			fc.property(ukMobile, fc.constantFrom(...formats), (national, format) => {
				const input = format(national);
				const reference = libphone.parsePhoneNumberFromString(input, 'GB');
				expect(parsePhoneNumber(input, 'GB')).toMatchObject({ ok: true, e164: reference.number });
			}),
			{ numRuns: 500 },
		);
	});
});
