'use strict';

const { successEnvelope, failureEnvelope, reply } = require('./envelope');
const { destinationDigits } = require('./records');
const {
	TWO_SMS_DESTINATION_DIGITS,
	TWO_SMS_ERROR_CODES,
	TWO_SMS_V2_PAGING,
	TWO_SMS_XML_NAMES,
	TWO_SMS_STOP_LOG_LISTING_CONTACT_FIELDS,
	TWO_SMS_STOP_LOG_LISTING_LISTS_INVALID_NUMBERS,
} = require('../assumed');

/**
 * GET api/v2/addressbook/stoplog?Page=&NoOfRecords=[&MobilePhone=a,b&AddressBookGroupID=&
 * EmailAddress=&FirstName=&LastName=&PersonNumbers=] (FACT: the route, its parameters, defaults
 * Page 0 and NoOfRecords 20, and that it lists the user's own address-book contacts that have a
 * stop-log request against them or are invalid numbers). ASSUMED (assumed.js): the Detail shape
 * {Records, TotalRecords, Page, NoOfRecords}, pages counted from 0, at most 100 entries a page,
 * the records' fields, the filters' matching.
 */
function createStopLogSearch({ state, account }) {
	const names = TWO_SMS_XML_NAMES.stopLogSearch;
	const { firstPage, defaultNoOfRecords, maxNoOfRecords } = TWO_SMS_V2_PAGING;
	const listing = createListing({ state, account });

	return function search(ctx) {
		const page = wholeNumber(queryValue(ctx.query, 'Page'), firstPage);
		const size = wholeNumber(queryValue(ctx.query, 'NoOfRecords'), defaultNoOfRecords);
		if (page === null || size === null || page < firstPage || size < 1 || size > maxNoOfRecords) {
			const reason = `Page must be >= ${firstPage} and NoOfRecords from 1 to ${maxNoOfRecords}`;
			const envelope = failureEnvelope(account.userId, TWO_SMS_ERROR_CODES.invalidRequest, reason);
			return reply(ctx, 400, envelope, names);
		}
		const matching = listing(readFilters(ctx.query));
		const skip = (page - firstPage) * size;
		const Records = matching.slice(skip, skip + size).map((record) => ({ ...record }));
		const detail = { Records, TotalRecords: matching.length, Page: page, NoOfRecords: size };
		return reply(ctx, 200, successEnvelope(account.userId, detail), names);
	};
}

/**
 * The whole listing for one set of filters, worked out once per state change (a client paging
 * through 100,000 entries asks for the same listing a thousand times).
 */
function createListing({ state, account }) {
	let cached = { version: -1, filters: '', records: [] };
	return (filters) => {
		const signature = JSON.stringify(filters);
		if (cached.version === state.version && cached.filters === signature) return cached.records;
		const byNumber = new Map();
		for (const entry of state.entries()) {
			if (!byNumber.has(entry.Destination)) byNumber.set(entry.Destination, []);
			byNumber.get(entry.Destination).push(entry);
		}
		const records = [];
		for (const contact of state.contacts()) {
			if (contact.Inherited || !matchesFilters(contact, filters)) continue;
			const digits = contactDigits(contact);
			const entries = byNumber.get(digits) ?? [];
			for (const entry of entries) records.push(listed(contact, entry, false));
			if (entries.length === 0 && TWO_SMS_STOP_LOG_LISTING_LISTS_INVALID_NUMBERS && isInvalid(digits, account)) {
				records.push(listed(contact, { Destination: digits, ShortCode: null, Reason: null, DateAdded: null }, true));
			}
		}
		cached = { version: state.version, filters: signature, records };
		return records;
	};
}

/** One record: the entry's fields, then the contact's (ASSUMED, assumed.js). */
function listed(contact, entry, invalid) {
	const record = {
		Destination: entry.Destination,
		ShortCode: entry.ShortCode,
		Reason: entry.Reason,
		DateAdded: entry.DateAdded,
	};
	for (const field of TWO_SMS_STOP_LOG_LISTING_CONTACT_FIELDS) record[field] = contact[field] ?? null;
	record.InvalidNumber = invalid;
	return record;
}

/** A contact's number as the stop log keys it: international digits. */
function contactDigits(contact) {
	return destinationDigits(contact.MobilePhone ?? '').replace(/[\s().-]/g, '');
}

function isInvalid(digits, account) {
	const { min, max } = TWO_SMS_DESTINATION_DIGITS;
	const notMobile = (account.nonMobilePrefixes ?? []).some((prefix) => digits.startsWith(prefix));
	return !new RegExp(`^\\d{${min},${max}}$`).test(digits) || notMobile;
}

/** The listing's optional filters (ASSUMED matching, assumed.js); absent or empty = not given. */
function readFilters(query) {
	const text = (name) => {
		const value = queryValue(query, name);
		return value === undefined || String(value).trim() === '' ? undefined : String(value).trim();
	};
	const list = (name, read) => {
		const value = text(name);
		return value === undefined
			? undefined
			: value
					.split(',')
					.map(read)
					.filter((part) => part !== '');
	};
	const numberOf = (part) => destinationDigits(part).replace(/[\s().-]/g, '');
	const filters = {
		mobilePhones: list('MobilePhone', numberOf),
		personNumbers: list('PersonNumbers', (part) => part.trim()),
		group: text('AddressBookGroupID'),
		email: text('EmailAddress')?.toLowerCase(),
		firstName: text('FirstName')?.toLowerCase(),
		lastName: text('LastName')?.toLowerCase(),
	};
	for (const name of Object.keys(filters)) if (filters[name] === undefined) delete filters[name];
	return filters;
}

function matchesFilters(contact, filters) {
	const same = (value, wanted) => wanted === undefined || String(value ?? '').toLowerCase() === wanted;
	if (filters.mobilePhones && !filters.mobilePhones.includes(contactDigits(contact))) return false;
	if (filters.personNumbers && !filters.personNumbers.includes(String(contact.PersonNumber ?? ''))) return false;
	if (filters.group !== undefined && String(contact.AddressBookGroupID ?? '') !== filters.group) return false;
	return same(contact.EmailAddress, filters.email) && same(contact.FirstName, filters.firstName) && same(contact.LastName, filters.lastName);
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

module.exports = { createStopLogSearch, contactDigits };
