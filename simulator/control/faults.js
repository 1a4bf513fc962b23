'use strict';

const { compileRoute } = require('../http/router');

/**
 * Injected misbehaviour. Every kind except 'resetAfterCommit' is decided and applied before the
 * request touches any state, so a faulted request changes nothing and a retry is always safe.
 *
 *   status            answer `status` (default 500) in the API's own error envelope
 *   rateLimit         429 with Retry-After: retryAfterSeconds (default 1)
 *   reset             destroy the connection without answering
 *   hang              never answer; the socket stays open until the client gives up or the sim closes
 *   truncated         200 with the route's real body cut in half (state changes are rolled back)
 *   html              `status` (default 502) with an HTML page, as a proxy in front of the API sends
 *   latency           latencyMs (default 1000) extra before the request is served; combines with others
 *   expireToken       the presented token is treated as expired from now on: 401
 *   errorCode200      2sms only: 200 with Error.ErrorCode set (errorCode, errorReason) and no records
 *   resetAfterCommit  APPLIED THEN FAILED: the request is served and changes state, then the
 *                     connection is destroyed before the answer; tests that retries are idempotent
 *
 * Callback kinds act on the simulator's own outgoing webhook POSTs (Opentact inbound SMS), never on
 * requests it receives; `route` is matched against 'POST <path of the callback URL>':
 *   callbackDown       the URL counts as unreachable: nothing is sent (Opentact then tries callback_url2)
 *   callbackTimeout    the body is sent and answered, but the answer counts as too late (then callback_url2)
 *   callbackDuplicate  the same body is POSTed to the same URL twice
 */
const FAULT_KINDS = Object.freeze([
	'status',
	'rateLimit',
	'reset',
	'hang',
	'truncated',
	'html',
	'latency',
	'expireToken',
	'errorCode200',
	'resetAfterCommit',
	'callbackDown',
	'callbackTimeout',
	'callbackDuplicate',
]);
const CALLBACK_KINDS = Object.freeze(['callbackDown', 'callbackTimeout', 'callbackDuplicate']);

const KIND_DEFAULTS = Object.freeze({
	status: { status: 500 },
	html: { status: 502 },
	rateLimit: { retryAfterSeconds: 1 },
	latency: { latencyMs: 1000 },
	errorCode200: { errorCode: 'InternalError', errorReason: 'An internal error occurred.' },
});

function createFaultPlan(prng) {
	let faults = [];
	let nextId = 1;

	function add(spec) {
		const fault = normalise(spec, nextId);
		nextId += 1;
		faults.push(fault);
		return describe(fault);
	}

	/**
	 * Which faults fire for this request. Every matching fault counts the request (for `after`
	 * and `times`); the first firing non-latency fault is the one applied, latency faults add up.
	 * `presentsToken: false` (a login) leaves out expireToken faults: there is no token to expire.
	 */
	function pick(apiName, method, path, { presentsToken = true } = {}) {
		let chosen = null;
		let latencyMs = 0;
		for (const fault of faults) {
			if (CALLBACK_KINDS.includes(fault.kind)) continue;
			if (fault.kind === 'errorCode200' && apiName !== 'twoSms') continue;
			if (fault.kind === 'expireToken' && !presentsToken) continue;
			if (!mayFire(fault, method, path)) continue;
			if (fault.kind === 'latency') {
				fault.fired += 1;
				latencyMs += fault.latencyMs;
			} else if (!chosen) {
				fault.fired += 1;
				chosen = fault;
			}
		}
		const name = chosen ? chosen.kind : latencyMs > 0 ? 'latency' : null;
		return { fault: chosen, latencyMs, name };
	}

	/** Counts the request for `after` and `times`; whether the fault fires for it (not yet counted as fired). */
	function mayFire(fault, method, path) {
		if (!fault.matcher.match(method, path)) return false;
		fault.matched += 1;
		if (fault.matched <= fault.after) return false;
		if (fault.times !== undefined && fault.fired >= fault.times) return false;
		return !(fault.rate < 1 && prng.next() >= fault.rate);
	}

	/** The callback fault for one outgoing webhook POST to `path`, or null; counted like pick(). */
	function pickCallback(method, path) {
		let chosen = null;
		for (const fault of faults) {
			if (!CALLBACK_KINDS.includes(fault.kind)) continue;
			if (!mayFire(fault, method, path) || chosen) continue;
			fault.fired += 1;
			chosen = fault;
		}
		return chosen ? describe(chosen) : null;
	}

	return {
		add,
		pick,
		pickCallback,
		list: () => faults.map(describe),
		clear() {
			faults = [];
		},
	};
}

function normalise(spec, id) {
	if (!spec || typeof spec !== 'object') throw new TypeError('a fault spec must be an object');
	const { kind, route = '*', rate = 1, times, after = 0 } = spec;
	if (!FAULT_KINDS.includes(kind)) {
		throw new TypeError(
			`fault kind must be one of ${FAULT_KINDS.join(', ')}; got ${JSON.stringify(kind)}`,
		);
	}
	if (!(rate > 0 && rate <= 1)) throw new TypeError('fault rate must be in (0, 1]');
	if (times !== undefined && !(Number.isInteger(times) && times > 0)) {
		throw new TypeError('fault times must be a positive integer');
	}
	if (!(Number.isInteger(after) && after >= 0))
		throw new TypeError('fault after must be an integer >= 0');
	if (kind === 'errorCode200' && / \/rest(\/|$)/.test(route)) {
		throw new TypeError('errorCode200 is a 2sms behaviour; it cannot target an Opentact route');
	}
	const settings = { ...KIND_DEFAULTS[kind] };
	for (const key of ['status', 'retryAfterSeconds', 'latencyMs', 'errorCode', 'errorReason']) {
		if (spec[key] !== undefined) settings[key] = spec[key];
	}
	if (
		settings.status !== undefined &&
		!(Number.isInteger(settings.status) && settings.status >= 100 && settings.status <= 599)
	) {
		throw new TypeError('fault status must be an HTTP status code');
	}
	const matcher = compileRoute(route, { caseInsensitive: true });
	return { id, route, kind, rate, times, after, ...settings, matched: 0, fired: 0, matcher };
}

function describe({ matcher, ...fault }) {
	return fault;
}

module.exports = { createFaultPlan, FAULT_KINDS, CALLBACK_KINDS };
