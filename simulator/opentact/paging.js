'use strict';

const { invalid } = require('./envelope');
const { OPENTACT_SEARCH_BODY_OVERRIDES_QUERY } = require('../assumed');

// FACT: Opentact's searches page with take 1..100 (default 10) and skip.
const TAKE = Object.freeze({ default: 10, min: 1, max: 100 });

/**
 * take and skip of a search, or the 400 naming the bad one. The same reading as the lease search
 * (leases.js keeps its own copy): query or body, the body winning (ASSUMED, assumed.js).
 */
function readPaging(query, body) {
	const take = pagingValue(query, body, 'take', TAKE.default);
	if (!(Number.isInteger(take.value) && take.value >= TAKE.min && take.value <= TAKE.max)) {
		const message = `take must be an integer from ${TAKE.min} to ${TAKE.max}`;
		return { refused: invalid(take.location, message, take.raw) };
	}
	const skip = pagingValue(query, body, 'skip', 0);
	if (!(Number.isInteger(skip.value) && skip.value >= 0)) {
		return { refused: invalid(skip.location, 'skip must be an integer >= 0', skip.raw) };
	}
	return { take: take.value, skip: skip.value };
}

function pagingValue(query, body, name, fallback) {
	const fromBody = body[name] !== undefined;
	const fromQuery = query[name] !== undefined;
	const useBody = fromBody && (OPENTACT_SEARCH_BODY_OVERRIDES_QUERY || !fromQuery);
	if (!useBody && !fromQuery) return { value: fallback, location: `query.${name}`, raw: undefined };
	const raw = useBody ? body[name] : query[name];
	const value = typeof raw === 'number' ? raw : /^-?\d+$/.test(String(raw)) ? Number(raw) : NaN;
	return { value, location: `${useBody ? 'body' : 'query'}.${name}`, raw };
}

module.exports = { readPaging, TAKE };
