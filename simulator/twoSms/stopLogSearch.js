'use strict';

const { successEnvelope, failureEnvelope, reply } = require('./envelope');
const { destinationDigits } = require('./records');
const { TWO_SMS_ERROR_CODES, TWO_SMS_V2_PAGING, TWO_SMS_XML_NAMES } = require('../assumed');

/**
 * GET api/v2/addressbook/stoplog?Page=&NoOfRecords=&MobilePhone=a,b (FACT: the route and its
 * parameters, defaults Page 0 and NoOfRecords 20; ASSUMED: the Detail shape {Records,
 * TotalRecords, Page, NoOfRecords}, pages counted from 0, at most 100 entries a page).
 * Every entry on any short code whose destination is in the comma list; all entries without one.
 */
function createStopLogSearch({ state, account }) {
	const names = TWO_SMS_XML_NAMES.stopLogSearch;
	const { firstPage, defaultNoOfRecords, maxNoOfRecords } = TWO_SMS_V2_PAGING;

	return function search(ctx) {
		const page = wholeNumber(queryValue(ctx.query, 'Page'), firstPage);
		const size = wholeNumber(queryValue(ctx.query, 'NoOfRecords'), defaultNoOfRecords);
		if (page === null || size === null || page < firstPage || size < 1 || size > maxNoOfRecords) {
			const reason = `Page must be >= ${firstPage} and NoOfRecords from 1 to ${maxNoOfRecords}`;
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
		const skip = (page - firstPage) * size;
		const Records = matching.slice(skip, skip + size).map((entry) => ({ ...entry }));
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

function wholeNumber(raw, fallback) {
	if (raw === undefined || raw === '') return fallback;
	return /^\d{1,9}$/.test(raw) ? Number(raw) : null;
}

module.exports = { createStopLogSearch };
