/**
 * Phone-number normalisation shared by both nodes.
 *
 * The shipped nodes may depend on nothing but n8n-workflow, so this is a small, deliberate
 * subset of what libphonenumber does: strip the punctuation people type, apply the country's
 * calling code and trunk prefix, and check the length. The unit tests hold it against
 * libphonenumber-js (a dev dependency) on generated input.
 */

export interface CountryRule {
	/** Country calling code, digits only. */
	callingCode: string;
	/** Trunk prefix dialled before a national number inside the country ('0' in the UK). */
	trunkPrefix: string;
	/** Allowed lengths of the national significant number (without trunk prefix). */
	nationalLengths: number[];
	/**
	 * Ranges whose numbers may have only some of those lengths, by leading digits. A number that
	 * has one of the country's lengths but not its range's is refused: it cannot exist.
	 */
	ranges?: NumberRange[];
}

export interface NumberRange {
	leadingDigits: string;
	lengths: number[];
}

/** Countries offered by the "Default Country" option of the 2sms node. */
export const COUNTRY_RULES: Record<string, CountryRule> = {
	// UK numbers have 10 digits after the 0, except some 01 and 08 ranges with 9. Every 07 number
	// (mobiles, pagers, personal numbers) has 10, as has every Isle of Man number (01624, 07524...).
	GB: {
		callingCode: '44',
		trunkPrefix: '0',
		nationalLengths: [9, 10],
		ranges: [
			{ leadingDigits: '7', lengths: [10] },
			{ leadingDigits: '1624', lengths: [10] },
		],
	},
	US: { callingCode: '1', trunkPrefix: '1', nationalLengths: [10] },
	CA: { callingCode: '1', trunkPrefix: '1', nationalLengths: [10] },
	IE: { callingCode: '353', trunkPrefix: '0', nationalLengths: [7, 8, 9] },
	AU: { callingCode: '61', trunkPrefix: '0', nationalLengths: [9] },
	NZ: { callingCode: '64', trunkPrefix: '0', nationalLengths: [8, 9, 10] },
	ZA: { callingCode: '27', trunkPrefix: '0', nationalLengths: [9] },
	FR: { callingCode: '33', trunkPrefix: '0', nationalLengths: [9] },
	DE: { callingCode: '49', trunkPrefix: '0', nationalLengths: [6, 7, 8, 9, 10, 11] },
	ES: { callingCode: '34', trunkPrefix: '', nationalLengths: [9] },
	NL: { callingCode: '31', trunkPrefix: '0', nationalLengths: [9] },
};

export type PhoneParseResult =
	| { ok: true; e164: string; digits: string }
	| { ok: false; problem: string };

/** Characters people put inside numbers that carry no meaning. */
const PUNCTUATION = /[\s\-.()/\u00a0\u2010-\u2015]/g;
/**
 * The longest text read as a phone number at all. Checked before anything else runs on it:
 * the value may come from a public webhook, and a number with spaces, an extension and
 * punctuation is well below this ("+44 (0) 7700 900 123 ext. 12345" has 31 characters).
 */
export const MAX_PHONE_INPUT_LENGTH = 64;
/** E.164 allows at most 15 digits; shorter than 8 is never a reachable mobile. */
const E164_MIN_DIGITS = 8;
const E164_MAX_DIGITS = 15;

function rejectShape(raw: string): string | undefined {
	if (raw.length === 0) return 'is empty';
	if (raw.length > 40) return 'is too long to be a phone number';
	if (raw.lastIndexOf('+') > 0) return "has a '+' that is not at the start";
	if (!/^\+?[0-9]+$/.test(raw)) {
		const bad = raw.replace(/[0-9+]/g, '').slice(0, 10);
		return `contains characters that cannot be in a phone number ("${bad}")`;
	}
	return undefined;
}

const isDigit = (code: number) => code >= 48 && code <= 57;
const isSpace = (text: string, index: number) => text[index] !== undefined && text[index].trim() === '';

/**
 * "201-777-1234 ext. 5" names a desk phone, not something that receives SMS: keep the main
 * number so the extension does not get glued onto it. Read from the end in one pass (a pattern
 * with `\s*` on both sides of the marker backtracks quadratically on long input): trailing
 * blanks, digits, blanks, then "ext", "ext.", "x" or "#".
 */
function stripExtension(input: string): string {
	let end = input.length;
	while (end > 0 && isSpace(input, end - 1)) end--;
	const digitsEnd = end;
	while (end > 0 && isDigit(input.charCodeAt(end - 1))) end--;
	if (end === digitsEnd) return input;
	while (end > 0 && isSpace(input, end - 1)) end--;
	const head = input.slice(0, end).toLowerCase();
	const marker = ['ext.', 'ext', 'x', '#'].find((candidate) => head.endsWith(candidate));
	if (!marker) return input;
	let start = end - marker.length;
	while (start > 0 && isSpace(input, start - 1)) start--;
	return input.slice(0, start);
}

/** Whether `text` holds at least one character from `from` on, and only ASCII digits there. */
export function isDigitText(text: string, from = 0): boolean {
	if (from >= text.length) return false;
	for (let index = from; index < text.length; index++) if (!isDigit(text.charCodeAt(index))) return false;
	return true;
}

/** Whether `text` is digits with at most a '+' before them: nothing to trim, strip or remove. */
const isBare = (text: string) => isDigitText(text, text.startsWith('+') ? 1 : 0);

/** The typed digits, and whether they were written internationally ('+' or '00', removed). */
function splitInternationalPrefix(raw: string): { international: boolean; digits: string } {
	if (raw.startsWith('+')) return { international: true, digits: raw.slice(1) };
	if (raw.startsWith('00')) return { international: true, digits: raw.slice(2) };
	return { international: false, digits: raw };
}

/** The input as '+' and digits only, or what is wrong with its shape or type. */
function readTyped(input: unknown): { ok: true; raw: string } | { ok: false; problem: string } {
	if (input === undefined || input === null) return { ok: false, problem: 'is empty' };
	if (typeof input === 'number' && Number.isSafeInteger(input) && input > 0) input = String(input);
	if (typeof input !== 'string') {
		return { ok: false, problem: `must be text, got ${Array.isArray(input) ? 'a list' : typeof input}` };
	}
	if (input.length > MAX_PHONE_INPUT_LENGTH) {
		return { ok: false, problem: `is too long to be a phone number (${input.length} characters)` };
	}
	// Text that is already bare (as 2sms echoes numbers) is what cleaning it would give.
	const raw = isBare(input) ? input : stripExtension(input.trim()).replace(PUNCTUATION, '');
	const shapeProblem = rejectShape(raw);
	return shapeProblem ? { ok: false, problem: shapeProblem } : { ok: true, raw };
}

/**
 * Normalises an international number, reading national input (no '+' or '00') in `defaultCountry`.
 * Returns E.164 ('+447700900123') and the bare digits ('447700900123').
 */
export function parsePhoneNumber(input: unknown, defaultCountry = 'GB'): PhoneParseResult {
	const typed = readTyped(input);
	if (!typed.ok) return typed;
	const { international, digits: typedDigits } = splitInternationalPrefix(typed.raw);
	const reading = international ? checkInternational(typedDigits) : nationalToInternational(typedDigits, defaultCountry);
	if (!reading.ok) return reading;
	const { digits } = reading;
	if (digits.length < E164_MIN_DIGITS) return { ok: false, problem: 'is too short to be a phone number' };
	if (digits.length > E164_MAX_DIGITS) return { ok: false, problem: 'has more than 15 digits' };
	return { ok: true, e164: `+${digits}`, digits };
}

type Reading = { ok: true; digits: string } | { ok: false; problem: string };

const lengthsText = (lengths: number[]) =>
	lengths.length === 1 ? `${lengths[0]}` : `${lengths.slice(0, -1).join(', ')} or ${lengths[lengths.length - 1]}`;

/**
 * The rule per calling code of the countries we know (calling codes are prefix-free; countries
 * sharing one, US and CA, share their rule) and the countries it stands for.
 */
const RULES_BY_CALLING_CODE = new Map<string, { rule: CountryRule; countries: string[] }>();
for (const [country, rule] of Object.entries(COUNTRY_RULES)) {
	const known = RULES_BY_CALLING_CODE.get(rule.callingCode);
	if (known) known.countries.push(country);
	else RULES_BY_CALLING_CODE.set(rule.callingCode, { rule, countries: [country] });
}

/**
 * The range a national number of an allowed length falls in when that range does not allow its
 * length (so the number cannot exist); undefined when the number may exist.
 */
function rangeRefusing(national: string, ranges: NumberRange[] | undefined): NumberRange | undefined {
	const range = ranges?.find((candidate) => national.startsWith(candidate.leadingDigits));
	return range && !range.lengths.includes(national.length) ? range : undefined;
}

/** Drops a trunk prefix written after the country code ("+44 (0)7700 900123") when what remains fits. */
function withoutTrunk(national: string, trunkPrefix: string, lengths: number[]): string {
	if (!trunkPrefix || !national.startsWith(trunkPrefix)) return national;
	const rest = national.slice(trunkPrefix.length);
	return lengths.includes(rest.length) ? rest : national;
}

/** Digits after '+' or '00'. Numbers of a country we know must have one of its lengths. */
function checkInternational(digits: string): Reading {
	if (digits.startsWith('0')) return { ok: false, problem: 'has no country code after the international prefix' };
	for (let size = 1; size <= 3; size++) {
		const code = digits.slice(0, size);
		const known = RULES_BY_CALLING_CODE.get(code);
		if (!known) continue;
		const { rule } = known;
		const national = withoutTrunk(digits.slice(size), rule.trunkPrefix, rule.nationalLengths);
		const where = known.countries.join('/');
		if (!rule.nationalLengths.includes(national.length)) {
			return { ok: false, problem: `has ${national.length} digits after +${code}; a number in ${where} has ${lengthsText(rule.nationalLengths)}` };
		}
		const range = rangeRefusing(national, rule.ranges);
		if (range) {
			return {
				ok: false,
				problem: `has ${national.length} digits after +${code}; a number in ${where} starting with ${range.leadingDigits} has ${lengthsText(range.lengths)}`,
			};
		}
		return { ok: true, digits: code + national };
	}
	return { ok: true, digits };
}

/** A number written without '+' or '00', read in the default country. */
function nationalToInternational(raw: string, defaultCountry: string): Reading {
	const country = COUNTRY_RULES[defaultCountry.toUpperCase()] ? defaultCountry.toUpperCase() : 'GB';
	const rule = COUNTRY_RULES[country];
	// Written inside the country, a number starts with the trunk prefix or goes without it.
	const national = rule.trunkPrefix && raw.startsWith(rule.trunkPrefix) ? raw.slice(rule.trunkPrefix.length) : raw;
	const fits = (digits: string) => rule.nationalLengths.includes(digits.length) && !rangeRefusing(digits, rule.ranges);
	if (fits(national)) return { ok: true, digits: rule.callingCode + national };
	// Someone typed the calling code without '+' ("447700900123").
	if (raw.startsWith(rule.callingCode)) {
		const afterCode = withoutTrunk(raw.slice(rule.callingCode.length), rule.trunkPrefix, rule.nationalLengths);
		if (fits(afterCode)) return { ok: true, digits: rule.callingCode + afterCode };
	}
	// Count what the rule counts: the digits after the trunk prefix when one was typed, so the
	// message never says "has 9 digits" of a number whose country allows 9.
	const afterTrunk = rule.trunkPrefix !== '' && raw.startsWith(rule.trunkPrefix);
	const counted = afterTrunk ? raw.length - rule.trunkPrefix.length : raw.length;
	const where = afterTrunk ? ` after the leading ${rule.trunkPrefix}` : '';
	// A length the country allows, in a range that does not: say the range's rule.
	const range = rule.nationalLengths.includes(national.length) ? rangeRefusing(national, rule.ranges) : undefined;
	const one = range ? `one starting with ${range.leadingDigits} has ${lengthsText(range.lengths)}` : `one has ${lengthsText(rule.nationalLengths)}`;
	return {
		ok: false,
		problem: `has ${counted} digits${where}, which is not a ${country} number: ${one} digits${rule.trunkPrefix ? `, not counting a leading ${rule.trunkPrefix}` : ''}; for another country start with + and its country code`,
	};
}

/**
 * Normalises a US/Canadian (NANP) number to the 11 digits Opentact uses ('12017771234').
 * Area and exchange codes cannot start with 0 or 1 in the North American plan.
 */
export function parseNanpNumber(input: unknown): PhoneParseResult {
	const typed = readTyped(input);
	if (!typed.ok) return typed;
	const { international, digits: typedDigits } = splitInternationalPrefix(typed.raw);
	let digits = typedDigits;
	if (digits.length > E164_MAX_DIGITS) return { ok: false, problem: 'has more than 15 digits' };
	if (!international && digits.length < 10) {
		return { ok: false, problem: `has ${digits.length} digits; a US or Canadian number has 10 (or 11 starting with 1)` };
	}
	if (!international && digits.length === 10) digits = `1${digits}`;
	if (!digits.startsWith('1') || digits.length !== 11) {
		return { ok: false, problem: 'is not a US or Canadian number (expected 10 digits, or 11 starting with 1)' };
	}
	if (!/^1[2-9][0-9]{2}[2-9][0-9]{6}$/.test(digits)) {
		return { ok: false, problem: 'is not a valid US or Canadian number (area code and exchange cannot start with 0 or 1)' };
	}
	return { ok: true, e164: `+${digits}`, digits };
}
