'use strict';
// Counts what the simulator received, one finished request at a time (the simulator's `log`
// callback), so a 100,000-request run needs no request log: requests per route, statuses,
// faults, the first request's arrival, and how often each side effect was applied.

/** '/rest/lease/tn/12015550001/tn' → '/rest/lease/tn/:tn/tn' */
const routeOf = (entry) =>
	`${entry.method} ${entry.path.replace(/\/\d{6,}(?=\/|$)/g, '/:tn').replace(/\/[0-9a-f-]{36}$/i, '/:uuid')}`;

const SMS_ROUTE = '/rest/lease/tn/number/subscription/sms';
const STOP_LOG = /^\/api\/v1\/addressbook\/stoplog$/i;

/**
 * Whether the request reached the API and changed (or re-answered) its state. A faulted request
 * never does (the simulator decides faults before state is touched, and rolls `truncated` back),
 * except `resetAfterCommit`, which is applied and then dropped.
 */
function applied(entry) {
	if (entry.fault === 'resetAfterCommit') return true;
	if (entry.fault !== null && entry.fault !== 'latency') return false;
	const { status } = entry;
	return status !== null && status < 500 && status !== 429 && status !== 401;
}

/** The side-effect keys one request carries: a lease for Opentact, destinations for 2sms. */
function effectKeys(entry) {
	if (entry.api === 'opentact' && entry.path === SMS_ROUTE) {
		return [`${entry.method} lease ${entry.query.tn_lease}`];
	}
	if (entry.api === 'twoSms' && STOP_LOG.test(entry.path) && Array.isArray(entry.body)) {
		return entry.body.map(
			(record) =>
				`${entry.method} stoplog ${String(record?.Destination ?? record?.destination ?? '').replace(/\D/g, '')}`,
		);
	}
	return [];
}

/**
 * answerLostAfterMs: the client's timeout, when it has one. A request the simulator took longer
 * than that to answer was applied after the client had given up, so the client never heard the
 * answer (as with resetAfterCommit) and a re-send is an idempotent retry, not a duplicate.
 */
function createRequestStats({ onText, answerLostAfterMs = Infinity } = {}) {
	let stats;
	let effects; // key -> { applied, lostAnswer }

	function reset() {
		stats = {
			requests: 0,
			firstRequestAt: null,
			lastRequestAt: null,
			byRoute: {},
			byStatus: {},
			byFault: {},
		};
		effects = new Map();
	}
	reset();

	function onEntry(text, entry) {
		if (onText) onText(text, entry);
		stats.requests += 1;
		const at = Date.parse(entry.at);
		if (stats.firstRequestAt === null || at < stats.firstRequestAt) stats.firstRequestAt = at;
		if (stats.lastRequestAt === null || at > stats.lastRequestAt) stats.lastRequestAt = at;
		const route = `${entry.api} ${routeOf(entry)}`;
		stats.byRoute[route] = (stats.byRoute[route] ?? 0) + 1;
		const status = entry.status === null ? 'none' : String(entry.status);
		stats.byStatus[status] = (stats.byStatus[status] ?? 0) + 1;
		if (entry.fault) stats.byFault[entry.fault] = (stats.byFault[entry.fault] ?? 0) + 1;
		if (!applied(entry)) return;
		for (const key of effectKeys(entry)) {
			const effect = effects.get(key) ?? { applied: 0, lostAnswer: 0 };
			effect.applied += 1;
			if (entry.fault === 'resetAfterCommit' || entry.durationMs >= answerLostAfterMs) effect.lostAnswer += 1;
			effects.set(key, effect);
		}
	}

	function summary() {
		let appliedTwice = 0;
		let appliedTwiceAfterDroppedAnswer = 0;
		const examples = [];
		for (const [key, effect] of effects) {
			if (effect.applied < 2) continue;
			// A change whose answer the client never heard, then retried: the idempotent case.
			if (effect.lostAnswer > 0 && effect.applied - effect.lostAnswer <= 1) {
				appliedTwiceAfterDroppedAnswer += 1;
			} else {
				appliedTwice += 1;
				if (examples.length < 5) examples.push(`${key} ×${effect.applied}`);
			}
		}
		return {
			...stats,
			effectKeys: effects.size,
			appliedTwice,
			appliedTwiceAfterDroppedAnswer,
			appliedTwiceExamples: examples,
		};
	}

	/** How often one side effect was applied: { applied, lostAnswer } or undefined. */
	const effect = (key) => effects.get(key);

	return { onEntry, summary, reset, effect };
}

module.exports = { createRequestStats, applied, effectKeys, routeOf };
