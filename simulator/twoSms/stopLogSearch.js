'use strict';

const { successEnvelope, failureEnvelope, reply } = require('./envelope');
const { destinationDigits } = require('./records');
const { TWO_SMS_ERROR_CODES, TWO_SMS_V2_PAGING, TWO_SMS_XML_NAMES } = require('../assumed');

/**
 * GET api/v2/addressbook/stoplog?Page=&NoOfRecords=&MobilePhone=a,b (FACT: the route and its
 * parameters; ASSUMED: the Detail shape {Records, TotalRecords, Page, NoOfRecords} and paging defaults).
 * Every entry on any short code whose destination is in the comma list; all entries without one.
 */
function createStopLogSearch({ state, account }) {
	const names = TWO_SMS_XML_NAMES.stopLogSearch;

	return function search(ctx) {
		const page = positiveInteger(queryValue(ctx.query, 'Page'), 1);
		const size = positiveInteger(
			queryValue(ctx.query, 'NoOfRecords'),
			TWO_SMS_V2_PAGING.defaultNoOfRecords,
		);
		if (page === null || size === null || size > TWO_SMS_V2_PAGING.maxNoOfRecords) {
			const reason = `Page must be >= 1 and NoOfRecords from 1 to ${TWO_SMS_V2_PAGING.maxNoOfRecords}`;
			const envelope = failureEnvelope(account.userId, TWO_SMS_ERROR_CODES.invalidRequest, reason);
			return reply(ctx, 400, envelope, names);
		}
		const phones = String(queryValue(ctx.query, 'MobilePhone') ?? '')
			.split(',')
			.map((phone) => destinationDigits(phone).replace(/[\s()-]/g, ''))
			.filter((phone) => phone !== '');
		const matching = state
			.entries()
			.filter((entry) => phones.length === 0 || phones.includes(entry.Destination));
		const Records = matching.slice((page - 1) * size, page * size).map((entry) => ({ ...entry }));
		const detail = { Records, TotalRecords: matching.length, Page: page, NoOfRecords: size };
		return reply(ctx, 200, successEnvelope(account.userId, detail), names);
	};
}

/** ASP.NET binds query parameters case-insensitively. */
function queryValue(query, name) {
	const key = Object.keys(query).find(
		(candidate) => candidate.toLowerCase() === name.toLowerCase(),
	);
	return key === undefined ? undefined : query[key];
}

function positiveInteger(raw, fallback) {
	if (raw === undefined || raw === '') return fallback;
	return /^\d+$/.test(raw) && Number(raw) >= 1 ? Number(raw) : null;
}

module.exports = { createStopLogSearch };
