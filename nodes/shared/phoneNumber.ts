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
}

/** Countries offered by the "Default Country" option of the 2sms node. */
export const COUNTRY_RULES: Record<string, CountryRule> = {
	GB: { callingCode: '44', trunkPrefix: '0', nationalLengths: [9, 10] },
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

function stripExtension(input: string): string {
	// "201-777-1234 ext. 5" names a desk phone, not something that receives SMS: keep the
	// main number so the extension does not get glued onto it.
	return input.replace(/\s*(?:ext\.?|x|#)\s*\d+\s*$/i, '');
}

/**
 * Normalises an international number, reading national input (no '+' or '00') in `defaultCountry`.
 * Returns E.164 ('+447700900123') and the bare digits ('447700900123').
 */
export function parsePhoneNumber(input: unknown, defaultCountry = 'GB'): PhoneParseResult {
	if (typeof input === 'number' && Number.isSafeInteger(input) && input > 0) input = String(input);
	if (typeof input !== 'string') {
		return { ok: false, problem: `must be text, got ${input === null ? 'null' : typeof input}` };
	}
	const raw = stripExtension(input.trim()).replace(PUNCTUATION, '');
	const shapeProblem = rejectShape(raw);
	if (shapeProblem) return { ok: false, problem: shapeProblem };

	let digits: string;
	if (raw.startsWith('+')) digits = raw.slice(1);
	else if (raw.startsWith('00')) digits = raw.slice(2);
	else digits = nationalToInternational(raw, defaultCountry);

	if (digits.startsWith('0')) return { ok: false, problem: 'has no country code after the international prefix' };
	if (digits.length < E164_MIN_DIGITS) return { ok: false, problem: 'is too short to be a phone number' };
	if (digits.length > E164_MAX_DIGITS) return { ok: false, problem: 'has more than 15 digits' };
	return { ok: true, e164: `+${digits}`, digits };
}

function nationalToInternational(raw: string, defaultCountry: string): string {
	const rule = COUNTRY_RULES[defaultCountry.toUpperCase()] ?? COUNTRY_RULES.GB;
	let national = raw;
	if (rule.trunkPrefix && national.startsWith(rule.trunkPrefix)) {
		const withoutTrunk = national.slice(rule.trunkPrefix.length);
		if (rule.nationalLengths.includes(withoutTrunk.length)) national = withoutTrunk;
	}
	if (rule.nationalLengths.includes(national.length)) return rule.callingCode + national;
	// Someone typed the calling code without '+' ("447700900123"): keep it as it is.
	if (national.startsWith(rule.callingCode)) return national;
	return rule.callingCode + national;
}

/**
 * Normalises a US/Canadian (NANP) number to the 11 digits Opentact uses ('12017771234').
 * Area and exchange codes cannot start with 0 or 1 in the North American plan.
 */
export function parseNanpNumber(input: unknown): PhoneParseResult {
	const parsed = parsePhoneNumber(input, 'US');
	if (!parsed.ok) return parsed;
	const { digits } = parsed;
	const typed = String(input).replace(/\D/g, '');
	if (!String(input).trim().startsWith('+') && typed.length < 10) {
		return { ok: false, problem: `has ${typed.length} digits; a US or Canadian number has 10 (or 11 starting with 1)` };
	}
	if (!digits.startsWith('1') || digits.length !== 11) {
		return { ok: false, problem: 'is not a US or Canadian number (expected 10 digits, or 11 starting with 1)' };
	}
	if (!/^1[2-9][0-9]{2}[2-9][0-9]{6}$/.test(digits)) {
		return { ok: false, problem: 'is not a valid US or Canadian number (area code and exchange cannot start with 0 or 1)' };
	}
	return parsed;
}
