'use strict';

const { success, failure, invalid } = require('./envelope');
const { presentLease } = require('./present');
const {
	OPENTACT_FOREIGN_LEASE_MESSAGE,
	OPENTACT_SEARCH_BODY_OVERRIDES_QUERY,
} = require('../assumed');

// FACT: "TNLease not found" is the documented 404 message.
const LEASE_NOT_FOUND = 'TNLease not found';
// FACT: search pages with take 1..100 (default 10) and skip.
const TAKE = Object.freeze({ default: 10, min: 1, max: 100 });
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The lease the caller may see, or the 404/403 to answer instead. */
function ownLease(state, account, tnOrUuid, location, value) {
	const record = state.find(tnOrUuid);
	if (!record)
		return {
			refused: failure(404, LEASE_NOT_FOUND, { [location]: { message: 'Not found', value } }),
		};
	if (record.account !== account) return { refused: failure(403, OPENTACT_FOREIGN_LEASE_MESSAGE) };
	return { record };
}

function createLeaseHandlers(state) {
	/** GET /rest/lease/tn/:tn/tn */
	function byTn(ctx) {
		const { tn } = ctx.params;
		if (!/^\d+$/.test(tn)) return invalid('params.tn', 'invalid integer number', tn);
		const { record, refused } = ownLease(state, ctx.account, Number(tn), 'params.tn', tn);
		return refused ?? success(presentLease(record, state.catalog));
	}

	/** GET /rest/lease/tn/:uuid */
	function byUuid(ctx) {
		const { uuid } = ctx.params;
		if (!UUID_PATTERN.test(uuid)) return invalid('params.uuid', 'invalid uuid', uuid);
		const { record, refused } = ownLease(state, ctx.account, uuid, 'params.uuid', uuid);
		return refused ?? success(presentLease(record, state.catalog));
	}

	/** POST /rest/lease/tn/search: the caller's leases, by number, filtered by tn pattern and autorenew. */
	function search(ctx) {
		const body =
			ctx.body.type === 'json' && ctx.body.value && typeof ctx.body.value === 'object'
				? ctx.body.value
				: {};
		const take = pagingValue(ctx.query, body, 'take', TAKE.default);
		if (!(Number.isInteger(take.value) && take.value >= TAKE.min && take.value <= TAKE.max)) {
			return invalid(
				take.location,
				`take must be an integer from ${TAKE.min} to ${TAKE.max}`,
				take.raw,
			);
		}
		const skip = pagingValue(ctx.query, body, 'skip', 0);
		if (!(Number.isInteger(skip.value) && skip.value >= 0)) {
			return invalid(skip.location, 'skip must be an integer >= 0', skip.raw);
		}
		if (body.tn !== undefined && !/^[\d*]+$/.test(String(body.tn))) {
			return invalid('body.tn', 'tn must be digits with optional * wildcards', body.tn);
		}
		if (body.autorenew !== undefined && typeof body.autorenew !== 'boolean') {
			return invalid('body.autorenew', 'autorenew must be a boolean', body.autorenew);
		}

		const tnPattern = body.tn === undefined ? null : String(body.tn);
		const matching = state
			.leasesInTnOrder()
			.filter((record) => record.account === ctx.account)
			.filter((record) => tnPattern === null || matchesWildcard(tnPattern, String(record.tn)))
			.filter((record) => body.autorenew === undefined || record.autorenew === body.autorenew);
		// OPENTACT_SEARCH_FULL_PAGES (assumed.js): `take` leases a page until the list ends, one `total`.
		const data = matching
			.slice(skip.value, skip.value + take.value)
			.map((record) => presentLease(record, state.catalog));
		return success({ take: take.value, skip: skip.value, total: matching.length, data });
	}

	return { byTn, byUuid, search };
}

/** take/skip from the body or the query string (ASSUMED: the body wins when both have it). */
function pagingValue(query, body, name, fallback) {
	const fromBody = body[name] !== undefined;
	const fromQuery = query[name] !== undefined;
	const useBody = fromBody && (OPENTACT_SEARCH_BODY_OVERRIDES_QUERY || !fromQuery);
	if (!useBody && !fromQuery) return { value: fallback, location: `query.${name}`, raw: undefined };
	const raw = useBody ? body[name] : query[name];
	const value = typeof raw === 'number' ? raw : /^-?\d+$/.test(String(raw)) ? Number(raw) : NaN;
	return { value, location: `${useBody ? 'body' : 'query'}.${name}`, raw };
}

/**
 * Whether `text` matches `pattern`, where `*` stands for any run of digits ("1201*" = area code
 * 201). A two-pointer scan, not a regex: a caller's "1*1*1*1*…" would make `\d*\d*…` backtrack
 * exponentially; this takes at most pattern × text steps.
 */
function matchesWildcard(pattern, text) {
	let p = 0;
	let t = 0;
	let star = -1;
	let resume = 0;
	while (t < text.length) {
		if (p < pattern.length && pattern[p] === '*') {
			star = p;
			p += 1;
			resume = t;
		} else if (p < pattern.length && pattern[p] === text[t]) {
			p += 1;
			t += 1;
		} else if (star !== -1) {
			p = star + 1;
			resume += 1;
			t = resume;
		} else {
			return false;
		}
	}
	while (p < pattern.length && pattern[p] === '*') p += 1;
	return p === pattern.length;
}

module.exports = { createLeaseHandlers, ownLease, matchesWildcard, LEASE_NOT_FOUND, UUID_PATTERN };
