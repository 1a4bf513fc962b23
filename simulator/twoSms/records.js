'use strict';

const {
	TWO_SMS_ERROR_CODES,
	TWO_SMS_MAX_RECORDS_PER_REQUEST,
	TWO_SMS_DESTINATION_DIGITS,
	TWO_SMS_REASON_MAX_LENGTH,
} = require('../assumed');

/**
 * The Collection of StopLogMobileRecord a stop-log request carries (FACT: Destination* and
 * Reason* required, SendConfirmation and ShortCode optional), read like ASP.NET's JSON binder
 * would: property names case-insensitive, numbers accepted where strings are expected.
 */
const FIELDS = ['Destination', 'Reason', 'SendConfirmation', 'ShortCode'];
const UNREADABLE = 'The request body must be a list of StopLogMobileRecord (JSON or XML)';

/** { records } in request order, or { error: {code, reason} } when the body is not such a list. */
function readStopLogRecords(body) {
	if (body.type === 'xml') return { records: body.value };
	if (body.type !== 'json' || !Array.isArray(body.value)) return unreadable(UNREADABLE);
	const records = [];
	for (const item of body.value) {
		if (!item || typeof item !== 'object' || Array.isArray(item)) return unreadable(UNREADABLE);
		const record = {};
		for (const [name, value] of Object.entries(item)) {
			const field = FIELDS.find((candidate) => candidate.toLowerCase() === name.toLowerCase());
			if (field) record[field] = value;
		}
		const flag = record.SendConfirmation;
		if (flag !== undefined && flag !== null && typeof flag !== 'boolean') {
			if (flag !== 'true' && flag !== 'false')
				return unreadable('SendConfirmation must be true or false');
			record.SendConfirmation = flag === 'true';
		}
		records.push(record);
	}
	return { records };
}

/**
 * ASSUMED (assumed.js): one bad record rejects the whole batch. Returns the batch normalised
 * ({Destination: digits, Reason, SendConfirmation, ShortCode: effective}), or { error }.
 */
function validateStopLogRecords(records, account) {
	if (records.length === 0)
		return invalid(TWO_SMS_ERROR_CODES.invalidRequest, 'At least one record is required');
	if (records.length > TWO_SMS_MAX_RECORDS_PER_REQUEST) {
		const reason = `At most ${TWO_SMS_MAX_RECORDS_PER_REQUEST} records per request; got ${records.length}`;
		return invalid(TWO_SMS_ERROR_CODES.tooManyRecords, reason);
	}
	const normalised = [];
	for (const [index, record] of records.entries()) {
		const problem = recordProblem(record, account);
		if (problem)
			return invalid(TWO_SMS_ERROR_CODES.invalidRecord, `Record ${index + 1}: ${problem}`);
		const shortCode = isBlank(record.ShortCode)
			? account.defaultShortCode
			: String(record.ShortCode).trim();
		normalised.push({
			Destination: destinationDigits(record.Destination),
			Reason: String(record.Reason).trim(),
			SendConfirmation: record.SendConfirmation === true,
			ShortCode: shortCode,
		});
	}
	return { records: normalised };
}

function recordProblem(record, account) {
	if (isBlank(record.Destination)) return 'Destination is required';
	const digits = destinationDigits(record.Destination);
	const { min, max } = TWO_SMS_DESTINATION_DIGITS;
	const notMobile = (account.nonMobilePrefixes ?? []).some((prefix) => digits.startsWith(prefix));
	if (!new RegExp(`^\\d{${min},${max}}$`).test(digits) || notMobile) {
		return `Destination '${record.Destination}' is not a valid mobile number`;
	}
	if (isBlank(record.Reason)) return 'Reason is required';
	if (String(record.Reason).length > TWO_SMS_REASON_MAX_LENGTH) {
		return `Reason is longer than ${TWO_SMS_REASON_MAX_LENGTH} characters`;
	}
	if (!isBlank(record.ShortCode) && !account.shortCodes.includes(String(record.ShortCode).trim())) {
		return `ShortCode '${record.ShortCode}' is not a short code of this account`;
	}
	return null;
}

/** FACT: international digits starting with the country code; a leading '+' is accepted. */
function destinationDigits(destination) {
	return String(destination).trim().replace(/^\+/, '');
}

function isBlank(value) {
	return value === undefined || value === null || String(value).trim() === '';
}

function unreadable(reason) {
	return { error: { code: TWO_SMS_ERROR_CODES.invalidRequest, reason } };
}

function invalid(code, reason) {
	return { error: { code, reason } };
}

module.exports = { readStopLogRecords, validateStopLogRecords, destinationDigits };
