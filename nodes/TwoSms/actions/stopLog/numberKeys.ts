import { parsePhoneNumber } from '../../../shared/phoneNumber';
import { quoteValue } from '../../../shared/itemErrors';

/** Numbers are compared as bare international digits, short codes as digits or nothing. */
export function numberKey(digits: string, shortCode: string | null | undefined): string {
	return `${digits}|${shortCode ?? ''}`;
}

/**
 * Longest echoed number or short code we read. Longer text is no number (the parser refuses
 * over 40 characters anyway) and never reaches a pattern, so a server's text costs linear time.
 */
const MAX_ECHO_LENGTH = 40;

/** What a number 2sms echoes comes to, against the numbers one request asked about. */
export type EchoedNumber =
	| { ok: true; digits: string }
	| { ok: false; problem: string };

const isDigits = (text: string) => text.length > 0 && [...text].every((char) => char >= '0' && char <= '9');

/**
 * Reads the numbers 2sms echoes with the same parser as the items' own numbers: "+44 7700
 * 900123", "00447700900123", "07700 900123" (in the run's Default Country) and the bare
 * international digits 2sms keys on ("12025550143") all read as the number asked. A value that
 * reads as none of `asked`, or as two of them, is not attributed to any.
 */
export function echoedNumberReader(defaultCountry: string, asked: ReadonlySet<string>) {
	return (value: unknown): EchoedNumber => {
		if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) value = String(value);
		if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_ECHO_LENGTH) {
			return { ok: false, problem: `a number that cannot be read (${quoteValue(value)})` };
		}
		const readings = new Set<string>();
		const national = parsePhoneNumber(value, defaultCountry);
		if (national.ok) readings.add(national.digits);
		// 2sms's own form: international digits without '+' ("12025550143"), which the Default
		// Country may not read. Starting with 1-9, so neither '+', '00' nor a trunk '0'.
		const text = value.trim();
		if (text[0] >= '1' && text[0] <= '9') {
			const international = parsePhoneNumber(`+${text}`, defaultCountry);
			if (international.ok) readings.add(international.digits);
		}
		if (readings.size === 0) return { ok: false, problem: `a number that cannot be read (${quoteValue(value)})` };
		const matches = [...readings].filter((digits) => asked.has(digits));
		if (matches.length === 1) return { ok: true, digits: matches[0] };
		if (matches.length > 1) return { ok: false, problem: `${quoteValue(value)}, which reads as more than one of the numbers asked` };
		return { ok: false, problem: `${quoteValue(value)}, which is none of the numbers asked` };
	};
}

/** A short code 2sms echoes that is not digits, so it can be neither matched nor ruled out. */
export const UNREADABLE_SHORT_CODE = '?';

/** ASSUMED: short codes are 3 to 8 digits (as readStopLogEntry checks the items' own). */
const isShortCode = (text: string) => text.length >= 3 && text.length <= 8 && isDigits(text);

/** An echoed short code: its digits, null when none is named, or UNREADABLE_SHORT_CODE. */
export function echoedShortCode(value: unknown): string | null {
	if (value === undefined || value === null) return null;
	if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) value = String(value);
	if (typeof value !== 'string' || value.length > MAX_ECHO_LENGTH) return UNREADABLE_SHORT_CODE;
	const text = value.trim();
	if (text === '') return null;
	return isShortCode(text) ? text : UNREADABLE_SHORT_CODE;
}
