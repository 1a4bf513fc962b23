'use strict';

const { destinationDigits } = require('./records');
const {
	TWO_SMS_DESTINATION_DIGITS,
	TWO_SMS_STOP_REPLY_KEYWORDS,
	TWO_SMS_STOP_REPLY_REASON,
	TWO_SMS_STOP_REPLY_LONG_NUMBER_USES_DEFAULT_SHORT_CODE,
} = require('../assumed');

// Punctuation and symbols: ignored when a reply is read as a keyword (spaces inside are not).
const NOT_PART_OF_A_KEYWORD = /[\p{P}\p{S}]/gu;

/**
 * Two-way messages people send to the account's short codes and inbound numbers. FACT: a reply
 * of STOP, CANCEL or QUIT adds the sender to the stop log by itself; here that goes through the
 * same state module the stop-log routes use, so GET api/v2/addressbook/stoplog shows it.
 * Stored as {id, to, from, message, at, reference}; inboundReport.js shows them in the API's shape.
 */
function createTwoSmsInbound({ state, account, ids }) {
	let messages = [];

	/**
	 * One message arrives {from, to, message, at?, reference?}. Returns the stored message and what
	 * it did to the stop log ({added, entry} or null). Throws a TypeError for impossible input.
	 */
	function receive(spec) {
		if (!spec || typeof spec !== 'object') throw new TypeError('inbound message must be an object');
		const from = destinationDigits(spec.from ?? '').replace(/[\s().-]/g, '');
		const { min, max } = TWO_SMS_DESTINATION_DIGITS;
		if (!new RegExp(`^\\d{${min},${max}}$`).test(from))
			throw new TypeError('from must be a phone number');
		const to = destinationDigits(spec.to ?? '');
		const isShortCode = account.shortCodes.includes(to);
		if (!isShortCode && !(account.inboundNumbers ?? []).includes(to)) {
			throw new TypeError(`to ${to} is neither a short code nor an inbound number of the account`);
		}
		if (typeof spec.message !== 'string') throw new TypeError('message must be a string');
		const at = spec.at === undefined ? Date.now() : Date.parse(String(spec.at));
		if (Number.isNaN(at)) throw new TypeError('at must be an ISO 8601 date');
		if (
			spec.reference !== undefined &&
			spec.reference !== null &&
			typeof spec.reference !== 'string'
		)
			throw new TypeError('reference must be a string');

		const message = {
			id: ids.uuid(),
			to,
			from,
			message: spec.message,
			at: new Date(at).toISOString(),
			reference: spec.reference ?? null,
		};
		messages.push(message);
		return { message: { ...message }, stopLog: applyStopReply(message, isShortCode) };
	}

	function applyStopReply(message, isShortCode) {
		const keyword = stopKeyword(message.message);
		if (!keyword) return null;
		if (!isShortCode && !TWO_SMS_STOP_REPLY_LONG_NUMBER_USES_DEFAULT_SHORT_CODE) return null;
		const shortCode = isShortCode ? message.to : account.defaultShortCode;
		if (state.has(message.from, shortCode)) {
			const entry = state
				.entries()
				.find(
					(candidate) =>
						candidate.Destination === message.from && candidate.ShortCode === shortCode,
				);
			return { added: false, entry: { ...entry } };
		}
		const entry = {
			Destination: message.from,
			ShortCode: shortCode,
			Reason: TWO_SMS_STOP_REPLY_REASON(keyword),
			DateAdded: message.at,
		};
		state.add(entry);
		return { added: true, entry: { ...entry } };
	}

	return {
		receive,
		/** In arrival order. */
		all: () => messages.map((message) => ({ ...message })),
		load() {
			messages = [];
		},
	};
}

/** 'STOP' for " Stop! ", null for "stop it" (ASSUMED rule, assumed.js). */
function stopKeyword(text) {
	const word = String(text).replace(NOT_PART_OF_A_KEYWORD, '').trim().toUpperCase();
	return TWO_SMS_STOP_REPLY_KEYWORDS.includes(word) ? word : null;
}

module.exports = { createTwoSmsInbound, stopKeyword };
