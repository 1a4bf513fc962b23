import type { HttpFailure } from '../../shared/httpFailure';
import { type ProviderReason, quoteValue } from '../../shared/itemErrors';
import { isDigitText, parsePhoneNumber } from '../../shared/phoneNumber';
import { redactProviderText } from '../../shared/redact';

/*
 * How this node reads 2sms's answers: the envelope, the words it takes as proof, and the numbers
 * and short codes 2sms echoes. Every point the public documents leave open is a named constant
 * here, marked ASSUMED, and the simulator (simulator/assumed.js) makes the same choice; correct
 * both together.
 */

// ---------------------------------------------------------------- The envelope

/**
 * 2sms's response envelope (FACT: docs/api-notes.md, 2sms "Envelope"):
 * `{Error:{ErrorCode, ErrorReason}, ResponseData:{Identification, Result, Detail}}`.
 */
interface Envelope {
	Error?: { ErrorCode?: unknown; ErrorReason?: unknown } | null;
	ResponseData?: { Detail?: unknown } | null;
	/** ASP.NET's own refusals (401 "Authorization has been denied ..."). */
	Message?: unknown;
	/** The OAuth token endpoint's refusals ("invalid_client"). */
	error?: unknown;
	error_description?: unknown;
}

const asEnvelope = (body: unknown): Envelope =>
	typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Envelope) : {};

const text = (value: unknown): string | undefined =>
	typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/**
 * The envelope's error code, or undefined on success.
 * ASSUMED: an empty, null or absent ErrorCode means success (the real values are undocumented).
 */
export function errorCodeOf(body: unknown): string | undefined {
	const code = asEnvelope(body).Error?.ErrorCode;
	if (typeof code === 'number') return String(code);
	return text(code);
}

/** `ResponseData.Detail` of a successful answer, or an empty object. */
export function detailOf(body: unknown): Record<string, unknown> {
	const detail = asEnvelope(body).ResponseData?.Detail;
	return typeof detail === 'object' && detail !== null ? (detail as Record<string, unknown>) : {};
}

/** What 2sms said went wrong, in its own words: ErrorReason (with ErrorCode), Message, or OAuth error. */
export function providerReasonOf(body: unknown, fallback: string): ProviderReason {
	const envelope = asEnvelope(body);
	const code = errorCodeOf(body);
	const reason = text(envelope.Error?.ErrorReason);
	if (code || reason) {
		return { message: [reason ?? 'no reason given', code ? `(${code})` : ''].join(' ').trim() };
	}
	const message = text(envelope.Message);
	if (message) return { message };
	const oauthError = text(envelope.error);
	if (oauthError) {
		const description = text(envelope.error_description);
		const hint = oauthError === 'invalid_client' ? ': check the Client ID and Client Secret of the 2sms credential' : '';
		return { message: `could not get an access token (${oauthError})${description ? ` ${description}` : ''}${hint}` };
	}
	if (typeof body === 'string' && body.trim() !== '') {
		// Redacted while cutting: a plain slice could keep the first half of an echoed token.
		return { message: `${fallback} (the answer was not JSON: ${JSON.stringify(redactProviderText(undefined, body.trim(), 80))})` };
	}
	return { message: fallback };
}

// ---------------------------------------------------------------- The words taken as proof

/*
 * Every word of a 2sms answer that the 2sms node takes as proof, in one table.
 *
 * ASSUMED: 2sms documents `Result`, the records' `Status` and `ErrorCode` only as "sample string",
 * and the stop-log search's paging only as "Page, NoOfRecords (defaults 0 and 20)". These are our
 * choices; the simulator makes the same ones (simulator/assumed.js TWO_SMS_STOP_LOG_STATUS,
 * TWO_SMS_RESULT, TWO_SMS_RECORD_FAULT_ERROR_CODES, TWO_SMS_V2_PAGING) and a test holds the two
 * tables equal. A word that is not here proves nothing: the item is settled by reading the stop
 * log back, or fails with 2sms's raw words.
 */

/** Per-record `Status` words, per action: the one saying this request changed the stop log, and the one saying it was already so. */
export const STOP_LOG_STATUS = {
	removed: 'Removed',
	notOnStopLog: 'NotOnStopLog',
	added: 'Added',
	alreadyOnStopLog: 'AlreadyOnStopLog',
} as const;

/** `ResponseData.Result` of an answer that applied the request. Anything else (`Failed`, missing) proves nothing. */
export const RESULT_SUCCESS = 'Success';

/**
 * `ErrorCode`s that can be one record's fault (a landline, a too-long Reason): a batch refused
 * with one of these may pass in smaller parts. Any other refusal (insufficient credits, a bad
 * request, an internal error) fails every record of the batch without splitting it.
 */
export const RECORD_FAULT_ERROR_CODES: readonly string[] = ['InvalidRecord'];

/**
 * Paging of `GET api/v2/addressbook/stoplog`. The documents say Page defaults to 0, so pages are
 * counted from 0; the node also copes with a server counting from 1 (see stopLogSearch.ts). At most
 * 100 entries a page (`NoOfRecords` default 20, as documented).
 */
export const STOP_LOG_SEARCH_PAGING = { firstPage: 0, defaultNoOfRecords: 20, maxNoOfRecords: 100 } as const;

/** Remove from, or Add to, the stop log: the two changes, one request each (DELETE / POST). */
export type StopLogAction = 'remove' | 'add';

const STATUS_WORDS: Record<StopLogAction, { done: string; already: string }> = {
	remove: { done: STOP_LOG_STATUS.removed.toLowerCase(), already: STOP_LOG_STATUS.notOnStopLog.toLowerCase() },
	add: { done: STOP_LOG_STATUS.added.toLowerCase(), already: STOP_LOG_STATUS.alreadyOnStopLog.toLowerCase() },
};

/**
 * What a stop-log record's `Status` says, decided in this one place from the one vocabulary
 * table above. Only those words count, compared without regard to case or surrounding spaces:
 * 'done', 'already', or undefined for anything else (missing, null, empty, `NotRemoved`,
 * `Pending`, the other action's word), which proves nothing: the item is settled by reading back.
 */
export function readStatus(action: StopLogAction, status: unknown): 'done' | 'already' | undefined {
	if (typeof status !== 'string') return undefined;
	const word = status.trim().toLowerCase();
	if (word === STATUS_WORDS[action].done) return 'done';
	if (word === STATUS_WORDS[action].already) return 'already';
	return undefined;
}

/**
 * ASSUMED: a batch refused for its content (an invalid record) answers 400 with the Error
 * envelope and changes nothing, so its records can be sent again in smaller batches.
 * 422 is treated alike in case the API uses the WebDAV code for validation failures.
 */
const CONTENT_REJECTED_STATUSES = new Set([400, 422]);

/** The API refused the request's content (nothing applied): smaller batches may pass. */
export function isContentRejected(failure: HttpFailure): boolean {
	return failure.status !== undefined && CONTENT_REJECTED_STATUSES.has(failure.status) && errorCodeOf(failure.body) !== undefined;
}

// ---------------------------------------------------------------- Numbers and short codes 2sms echoes

/**
 * Longest echoed number or short code we read. Longer text is no number (the parser refuses
 * over 40 characters anyway) and never reaches a pattern, so a server's text costs linear time.
 */
const MAX_ECHO_LENGTH = 40;

/** What a number 2sms echoes comes to, against the numbers one request asked about. */
export type EchoedNumber =
	| { ok: true; digits: string }
	| { ok: false; problem: string };

/**
 * Every number a text 2sms wrote can be read as, with the same parser as the items' own numbers:
 * "+44 7700 900123", "00447700900123", "07700 900123" (in the run's Default Country) and the bare
 * international digits 2sms keys on ("12025550143"). Empty when it reads as none (or is no text,
 * or longer than a number can be: such text never reaches a pattern).
 */
function numberReadings(value: unknown, defaultCountry: string): Set<string> {
	const readings = new Set<string>();
	if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) value = String(value);
	if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_ECHO_LENGTH) return readings;
	const national = parsePhoneNumber(value, defaultCountry);
	if (national.ok) readings.add(national.digits);
	// 2sms's own form: international digits without '+' ("12025550143"), which the Default
	// Country may not read. Starting with 1-9, so neither '+', '00' nor a trunk '0'.
	const text = value.trim();
	if (text[0] >= '1' && text[0] <= '9') {
		const international = parsePhoneNumber(`+${text}`, defaultCountry);
		if (international.ok) readings.add(international.digits);
	}
	return readings;
}

/**
 * Reads the numbers 2sms echoes (see numberReadings) against the numbers one request asked
 * about. A value that reads as none of `asked`, or as two of them, is not attributed to any.
 */
export function echoedNumberReader(defaultCountry: string, asked: ReadonlySet<string>) {
	return (value: unknown): EchoedNumber => {
		const readings = numberReadings(value, defaultCountry);
		if (readings.size === 0) return { ok: false, problem: `a number that cannot be read (${quoteValue(value)})` };
		let match = '';
		let matches = 0;
		for (const digits of readings) {
			if (asked.has(digits)) {
				match = digits;
				matches++;
			}
		}
		if (matches === 1) return { ok: true, digits: match };
		if (matches > 1) return { ok: false, problem: `${quoteValue(value)}, which reads as more than one of the numbers asked` };
		return { ok: false, problem: `${quoteValue(value)}, which is none of the numbers asked` };
	};
}

/**
 * A number the stop-log listing names, read without a list of numbers asked: its digits when it
 * reads as exactly one number. "2025550143" in the US is both +1 202 555 0143 and +20 2555 0143:
 * such a number is left unread rather than guessed.
 */
export function listedNumber(value: unknown, defaultCountry: string): EchoedNumber {
	const readings = numberReadings(value, defaultCountry);
	if (readings.size === 1) return { ok: true, digits: [...readings][0] };
	if (readings.size > 1) return { ok: false, problem: `${quoteValue(value)}, which reads as more than one number` };
	return { ok: false, problem: `a number that cannot be read (${quoteValue(value)})` };
}

/**
 * The number of one record of the stop-log listing. ASSUMED: the listing documents its filters
 * (`MobilePhone`, …) but not its records; a record names its number as `MobilePhone` (the
 * contact's, as the filter calls it) or `Destination` (as the stop-log routes do), the first given
 * (simulator/assumed.js TWO_SMS_STOP_LOG_LISTING_CONTACT_FIELDS).
 */
export function numberOfListedRecord(record: Record<string, unknown>): unknown {
	return record.MobilePhone ?? record.Destination;
}

/** A short code 2sms echoes that is not digits, so it can be neither matched nor ruled out. */
export const UNREADABLE_SHORT_CODE = '?';

/** ASSUMED: short codes are 3 to 8 digits (UK ones have 5, US ones 5 or 6); the items' own are checked alike. */
export const isShortCode = (text: string) => text.length >= 3 && text.length <= 8 && isDigitText(text);

/** An echoed short code: its digits, null when none is named, or UNREADABLE_SHORT_CODE. */
export function echoedShortCode(value: unknown): string | null {
	if (value === undefined || value === null) return null;
	if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) value = String(value);
	if (typeof value !== 'string' || value.length > MAX_ECHO_LENGTH) return UNREADABLE_SHORT_CODE;
	const text = value.trim();
	if (text === '') return null;
	return isShortCode(text) ? text : UNREADABLE_SHORT_CODE;
}

// ---------------------------------------------------------------- The inbound report

/**
 * The fields of one record of `GET api/v1/reports/standard/inbound`. FACT (its help page): `Detail`
 * is a list whose records begin with `Text` and `InboundNumber`. ASSUMED: the sender, the date and
 * an id, named after the two-way push (`inboundcli`, `dateInsert`) in the sample's PascalCase
 * (simulator/assumed.js TWO_SMS_INBOUND_REPORT_FIELDS; a test holds the two equal). Without the id,
 * a message is known by its sender, date and text (see inboundReport.ts).
 */
export const INBOUND_REPORT_FIELDS = {
	text: 'Text',
	inboundNumber: 'InboundNumber',
	sender: 'InboundCli',
	date: 'DateInsert',
	id: 'InboundMessageID',
} as const;

/**
 * ASSUMED: `DateInsert` is written `MM/DD/YYYY HH:MM:SS` in UTC, as the two-way push writes
 * `dateInsert` (simulator/assumed.js TWO_SMS_INBOUND_DATE_FORMAT). ISO 8601 is read as well; a date
 * in neither form is not guessed at (the message is still reported, with `receivedAt` null).
 */
export const INBOUND_DATE_FORMAT = 'MM/DD/YYYY HH:MM:SS UTC';

const US_DATE = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2}):(\d{2})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(\.\d{1,7})?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * Milliseconds since the epoch of a date 2sms wrote, or undefined. Anchored patterns without
 * nested repetition, on text of at most 40 characters: linear whatever a server sends.
 */
export function readInboundDate(value: unknown): number | undefined {
	if (typeof value !== 'string' || value.length > MAX_ECHO_LENGTH) return undefined;
	const text = value.trim();
	const us = US_DATE.exec(text);
	if (us) return validDate(+us[3], +us[1], +us[2], +us[4], +us[5], +us[6], 0, 'Z');
	const iso = ISO_DATE.exec(text);
	if (iso) return validDate(+iso[1], +iso[2], +iso[3], +iso[4], +iso[5], +iso[6], Math.floor(Number(`0${iso[7] ?? ''}`) * 1000), iso[8] ?? 'Z');
	return undefined;
}

function validDate(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number, zone: string) {
	const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
	const back = new Date(utc);
	const same = back.getUTCFullYear() === year && back.getUTCMonth() === month - 1 && back.getUTCDate() === day && back.getUTCHours() === hour && back.getUTCMinutes() === minute && second < 60;
	if (!same) return undefined;
	const offset = zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
	return utc - offset;
}
