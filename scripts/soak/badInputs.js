'use strict';
// Property-generated bad input for both nodes (fast-check, seeded): numbers of the wrong
// length, malformed and unknown UUIDs, bad reasons and short codes, very long and non-ASCII
// strings, and wrong types as an expression like `{{ $json.phone }}` would hand them over.
const fc = require('fast-check');
const { twoSmsPhone, REASON } = require('../lib/fixture');

const nonAsciiText = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 });
const veryLong = fc.integer({ min: 2_000, max: 20_000 }).map((length) => 'x9'.repeat(length / 2));
const wrongType = fc.oneof(
	fc.constant(null),
	fc.boolean(),
	// Non-integers and small integers: a wrong type, never a plausible phone number.
	fc.double().filter((value) => !Number.isInteger(value)),
	fc.integer({ min: -99_999, max: 99_999 }),
	fc.array(fc.string(), { maxLength: 3 }),
	fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);
/** Digit strings no NANP or E.164 reading accepts: too short, or too long. */
const wrongLengthDigits = fc.oneof(
	fc.stringMatching(/^[0-9]{1,6}$/),
	// Not starting 00 (the international prefix): "00" + 14 digits is a 14-digit international
	// number, which E.164 allows for a country whose lengths the node does not hold.
	fc.stringMatching(/^[0-9]{16,30}$/).filter((text) => !text.startsWith('00')),
	fc.stringMatching(/^\+[0-9]{1,5}$/),
);
const malformedUuid = fc.uuid().chain((uuid) =>
	fc.oneof(
		fc.constant(uuid.slice(0, -1)),
		fc.constant(`${uuid}0`),
		fc.constant(uuid.replace(/-/g, '_')),
		fc.integer({ min: 0, max: 35 }).map((at) => `${uuid.slice(0, at)}g${uuid.slice(at + 1)}`),
	),
);
/** Text with at most 3 digits: never a phone number. */
const notANumber = fc.oneof(nonAsciiText, fc.string({ maxLength: 30 }), fc.constantFrom('', '   ', 'N/A', 'call me', '+', '()-')).filter(
	(text) => (text.match(/\d/g) ?? []).length <= 3,
);

const badPhone = fc.oneof(
	{ arbitrary: wrongLengthDigits, weight: 3 },
	{ arbitrary: malformedUuid, weight: 2 },
	{ arbitrary: fc.uuid(), weight: 1 }, // well-formed but not a lease of this account: the provider's 404
	{ arbitrary: notANumber, weight: 3 },
	{ arbitrary: veryLong, weight: 1 },
	{ arbitrary: wrongType, weight: 3 },
);

/** Opentact Disable SMS items: { kind, json }. */
const opentactBadItem = badPhone.map((phone) => ({ kind: 'phone', json: { phone } }));

/** 2sms Remove items: one bad field each, the others good. */
const twoSmsBadItem = fc.integer({ min: 0, max: 99_999 }).chain((index) =>
	fc.oneof(
		badPhone.map((phone) => ({ kind: 'phone', json: { phone, reason: REASON } })),
		fc
			.oneof(fc.constantFrom('', '   '), fc.integer({ min: 256, max: 20_000 }).map((n) => 'r'.repeat(n)), wrongType.filter((v) => typeof v !== 'string' && typeof v !== 'number'))
			.map((reason) => ({ kind: 'reason', json: { phone: twoSmsPhone(index), reason } })),
		fc
			.oneof(fc.stringMatching(/^[A-Za-z]{1,8}$/), fc.stringMatching(/^[0-9]{9,20}$/), nonAsciiText.filter((t) => !/^\s*\d*\s*$/.test(t)), veryLong, wrongType.filter((v) => v !== null && typeof v !== 'number'))
			.map((shortCode) => ({ kind: 'shortCode', json: { phone: twoSmsPhone(index), reason: REASON, shortCode } })),
		fc
			.oneof(fc.constantFrom('yes please', 'maybe', '2'), fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { minKeys: 1, maxKeys: 2 }))
			.map((sendConfirmation) => ({ kind: 'sendConfirmation', json: { phone: twoSmsPhone(index), reason: REASON, sendConfirmation } })),
	),
);

function sample(arbitrary, count, seed) {
	return fc.sample(arbitrary, { numRuns: count, seed });
}

module.exports = { opentactBadItem, twoSmsBadItem, sample };
