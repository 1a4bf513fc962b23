'use strict';

const { successEnvelope, failureEnvelope, reply } = require('./envelope');
const {
	TWO_SMS_ERROR_CODES,
	TWO_SMS_INBOUND_REPORT_FIELDS,
	TWO_SMS_INBOUND_RANGES,
	TWO_SMS_INBOUND_REPORT_NEEDS_A_PARAMETER_STATUS,
	TWO_SMS_INBOUND_WINDOW,
	TWO_SMS_INBOUND_REPORT_XML,
} = require('../assumed');

// FACT (help page): the report's parameters; "at least one parameter needs to be used".
const PARAMETERS = Object.freeze([
	'StartDate',
	'EndDate',
	'DaysToCover',
	'Range',
	'InboundNumber',
	'Destination',
	'Reference',
]);
// FACT: "The format is the following: [YYYY-MM-DDTHH:MM:SSZ]".
const DATE_PARAMETER = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * GET api/v1/reports/standard/inbound: the account's inbound two-way messages in a window, chosen
 * (FACT) by Range, else DaysToCover, else StartDate/EndDate; filtered by InboundNumber, Destination
 * (a short code) and Reference. FACT: Detail is a list whose items start {Text, InboundNumber, …}.
 */
function createInboundReport({ inbound, account, now = () => Date.now() }) {
	const fail = (ctx, status, reason) =>
		reply(
			ctx,
			status,
			failureEnvelope(account.userId, TWO_SMS_ERROR_CODES.invalidRequest, reason),
			TWO_SMS_INBOUND_REPORT_XML,
		);

	return function report(ctx) {
		const given = {};
		for (const name of PARAMETERS) {
			const value = queryValue(ctx.query, name);
			if (value !== undefined && String(value).trim() !== '') given[name] = String(value).trim();
		}
		if (Object.keys(given).length === 0) {
			const reason = `At least one parameter is required: ${PARAMETERS.join(', ')}`;
			return fail(ctx, TWO_SMS_INBOUND_REPORT_NEEDS_A_PARAMETER_STATUS, reason);
		}
		const window = readWindow(given, now());
		if (window.error) return fail(ctx, 400, window.error);

		const wanted = (name) => (given[name] === undefined ? null : given[name].replace(/^\+/, ''));
		const inboundNumber = wanted('InboundNumber');
		const shortCode = wanted('Destination');
		const Detail = inbound
			.all()
			.filter((message) => {
				const at = Date.parse(message.at);
				if (at < window.from || at > window.to) return false;
				if (inboundNumber !== null && message.to !== inboundNumber) return false;
				if (shortCode !== null && message.to !== shortCode) return false;
				return given.Reference === undefined || message.reference === given.Reference;
			})
			.map(present);
		return reply(ctx, 200, successEnvelope(account.userId, Detail), TWO_SMS_INBOUND_REPORT_XML);
	};
}

/** {from, to} in ms, both inclusive, or {error}. Every given parameter must be well-formed. */
function readWindow(given, now) {
	const dates = {};
	for (const name of ['StartDate', 'EndDate']) {
		if (given[name] === undefined) continue;
		dates[name] = parseDateParameter(given[name]);
		if (dates[name] === null)
			return { error: `${name} must be in the format YYYY-MM-DDTHH:MM:SSZ; got '${given[name]}'` };
	}
	let days = null;
	if (given.DaysToCover !== undefined) {
		if (!/^\d{1,5}$/.test(given.DaysToCover) || Number(given.DaysToCover) < 1)
			return {
				error: `DaysToCover must be a whole number of days >= 1; got '${given.DaysToCover}'`,
			};
		days = Number(given.DaysToCover);
	}
	let range = null;
	if (given.Range !== undefined) {
		range = TWO_SMS_INBOUND_RANGES.find((name) => name.toLowerCase() === given.Range.toLowerCase());
		if (!range)
			return {
				error: `Range must be one of ${TWO_SMS_INBOUND_RANGES.join(', ')}; got '${given.Range}'`,
			};
	}

	// FACT: priority Range > DaysToCover > StartDate/EndDate.
	if (range) return rangeWindow(range, now);
	if (days !== null) {
		const from = TWO_SMS_INBOUND_WINDOW.daysAreRolling
			? now - days * DAY_MS
			: startOfDay(now) - (days - 1) * DAY_MS;
		return { from, to: now };
	}
	const from = dates.StartDate ?? -Infinity;
	const to = dates.EndDate ?? Infinity;
	if (from > to) return { error: 'StartDate must not be after EndDate' };
	// Times are whole milliseconds, so exclusive bounds are the inclusive ones 1 ms further in.
	return TWO_SMS_INBOUND_WINDOW.datesInclusive ? { from, to } : { from: from + 1, to: to - 1 };
}

/** ASSUMED (assumed.js): calendar windows in UTC, weeks from Monday; "this …" ends now. */
function rangeWindow(range, now) {
	const today = startOfDay(now);
	const monday = today - ((new Date(today).getUTCDay() + 6) % 7) * DAY_MS;
	const date = new Date(today);
	const firstOfMonth = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
	const firstOfLastMonth = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - 1, 1);
	const windows = {
		Today: { from: today, to: now },
		Yesterday: { from: today - DAY_MS, to: today - 1 },
		ThisWeek: { from: monday, to: now },
		LastWeek: { from: monday - 7 * DAY_MS, to: monday - 1 },
		ThisMonth: { from: firstOfMonth, to: now },
		LastMonth: { from: firstOfLastMonth, to: firstOfMonth - 1 },
	};
	return windows[range];
}

function startOfDay(ms) {
	const date = new Date(ms);
	return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
}

/** ms since the epoch of a valid YYYY-MM-DDTHH:MM:SSZ, or null (also for 2025-02-30T…). */
function parseDateParameter(text) {
	const parts = DATE_PARAMETER.exec(text);
	if (!parts) return null;
	const [year, month, day, hour, minute, second] = parts.slice(1).map(Number);
	const ms = Date.UTC(year, month - 1, day, hour, minute, second);
	const back = new Date(ms);
	const same =
		back.getUTCFullYear() === year &&
		back.getUTCMonth() === month - 1 &&
		back.getUTCDate() === day &&
		back.getUTCHours() === hour &&
		back.getUTCMinutes() === minute;
	return same && second < 60 ? ms : null;
}

/** A stored message as a report record: FACT Text, InboundNumber; ASSUMED the rest (assumed.js). */
function present(message) {
	const { sender, date, id } = TWO_SMS_INBOUND_REPORT_FIELDS;
	return {
		Text: message.message,
		InboundNumber: message.to,
		[sender]: message.from,
		[date]: formatDateInsert(message.at),
		[id]: message.id,
	};
}

/** MM/DD/YYYY HH:MM:SS in UTC (ASSUMED, TWO_SMS_INBOUND_DATE_FORMAT). */
function formatDateInsert(iso) {
	const date = new Date(iso);
	const two = (value) => String(value).padStart(2, '0');
	return (
		`${two(date.getUTCMonth() + 1)}/${two(date.getUTCDate())}/${date.getUTCFullYear()} ` +
		`${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}`
	);
}

/** ASP.NET binds query parameters case-insensitively. */
function queryValue(query, name) {
	const key = Object.keys(query).find(
		(candidate) => candidate.toLowerCase() === name.toLowerCase(),
	);
	return key === undefined ? undefined : query[key];
}

module.exports = { createInboundReport, formatDateInsert, PARAMETERS };
