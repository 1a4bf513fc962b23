'use strict';
// Counts what the simulator received, one finished request at a time (the simulator's `log`
// callback), so a 100,000-request run needs no request log: requests per route, statuses,
// faults, the first request's arrival, and how often each side effect was applied.
const diagnosticsChannel = require('node:diagnostics_channel');

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

/** The header the witness puts on each request the simulator receives (and so in its log entry). */
const TAG_HEADER = 'x-soak-answer-tag';

/**
 * Which of the simulator's answers reached the client, seen from both ends in this process
 * (the soak runs the simulator and the nodes in one process). Node's HTTP diagnostics channels
 * tell when the server starts a request (we tag it, and note the connection's client port) and
 * when the client has parsed an answer (on the socket with that local port: the connection's
 * latest request, since a connection carries one request at a time). An answer the server wrote
 * after the client had given up (its timeout fired first, e.g. while the process was stalled)
 * never reaches the client, however short the server's own time on it was.
 */
function createAnswerWitness() {
	let nextTag = 0;
	const latestByPort = new Map();
	const heard = new Set();
	const onServerRequest = ({ request, socket }) => {
		nextTag += 1;
		const tag = String(nextTag);
		request.headers[TAG_HEADER] = tag;
		latestByPort.set(socket.remotePort, tag);
	};
	const onClientResponse = ({ request }) => {
		const tag = latestByPort.get(request.socket?.localPort);
		if (tag !== undefined) heard.add(tag);
	};
	diagnosticsChannel.subscribe('http.server.request.start', onServerRequest);
	diagnosticsChannel.subscribe('http.client.response.finish', onClientResponse);
	return {
		tagOf: (entry) => entry.headers?.[TAG_HEADER],
		heard: (tag) => heard.has(tag),
		close() {
			diagnosticsChannel.unsubscribe('http.server.request.start', onServerRequest);
			diagnosticsChannel.unsubscribe('http.client.response.finish', onClientResponse);
		},
	};
}

/**
 * answerLostAfterMs: the client's timeout, when it has one. Without a witness, a request the
 * simulator took longer than that to answer counts as an answer the client never heard (as with
 * resetAfterCommit), so its re-send is an idempotent retry, not a duplicate. That rule sees only
 * the server's own time: a request that waited in a stalled process before the server read it
 * looks quick to the server although the client gave up on it. With a witness (see
 * createAnswerWitness) the client's own record decides, and the duration rule is still counted
 * beside it (`durationRule`) to show where the two disagree.
 */
function createRequestStats({ onText, answerLostAfterMs = Infinity, witness } = {}) {
	let stats;
	let effects; // key -> [{ seq, tag, lostByDuration }], one per applied request

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
		const attempt = {
			seq: entry.seq,
			tag: witness?.tagOf(entry),
			lostByDuration: entry.fault === 'resetAfterCommit' || entry.durationMs >= answerLostAfterMs,
			status: entry.status,
			fault: entry.fault,
			durationMs: entry.durationMs,
		};
		for (const key of effectKeys(entry)) {
			const attempts = effects.get(key) ?? [];
			attempts.push(attempt);
			effects.set(key, attempts);
		}
	}

	/** The server-side rule: re-sends are forgiven up to the answers that took past the timeout. */
	const byDuration = (attempts) => {
		const lost = attempts.filter((attempt) => attempt.lostByDuration).length;
		return { lostAnswer: lost, duplicate: attempts.length > 1 && !(lost > 0 && attempts.length - lost <= 1) };
	};

	/**
	 * The client's record: a duplicate is a request applied after the client had heard an earlier
	 * one applied (it knew, and sent again); re-sends after answers it never heard are retries.
	 */
	const byWitness = (attempts) => {
		const inOrder = [...attempts].sort((a, b) => a.seq - b.seq);
		let heardBefore = false;
		let duplicate = false;
		let lost = 0;
		for (const attempt of inOrder) {
			if (heardBefore) duplicate = true;
			const heard = attempt.tag !== undefined && witness.heard(attempt.tag);
			if (heard) heardBefore = true;
			else lost += 1;
		}
		return { lostAnswer: lost, duplicate };
	};

	const classify = (attempts) => (witness ? byWitness(attempts) : byDuration(attempts));

	/** "#812 resetAfterCommit, no answer; #905 200 in 3 ms, never reached the client; #1010 404, heard". */
	const describeAttempts = (attempts) =>
		[...attempts]
			.sort((a, b) => a.seq - b.seq)
			.map((attempt) => {
				const what = attempt.fault === 'resetAfterCommit' ? 'applied, then the connection reset' : `${attempt.status} in ${attempt.durationMs} ms`;
				const heard = attempt.tag !== undefined && witness.heard(attempt.tag);
				return `#${attempt.seq} ${what}, ${heard ? 'heard by the client' : 'never reached the client'}`;
			})
			.join('; ');

	function summary() {
		let appliedTwice = 0;
		let appliedTwiceAfterDroppedAnswer = 0;
		let durationRuleAppliedTwice = 0;
		const examples = [];
		const disagreements = [];
		for (const [key, attempts] of effects) {
			if (attempts.length < 2) continue;
			const durationSays = byDuration(attempts).duplicate;
			if (durationSays) durationRuleAppliedTwice += 1;
			if (witness && durationSays && !byWitness(attempts).duplicate && disagreements.length < 5) {
				disagreements.push(`${key} ×${attempts.length}: ${describeAttempts(attempts)}`);
			}
			if (classify(attempts).duplicate) {
				appliedTwice += 1;
				if (examples.length < 5) examples.push(`${key} ×${attempts.length}`);
			} else {
				appliedTwiceAfterDroppedAnswer += 1;
			}
		}
		return {
			...stats,
			effectKeys: effects.size,
			appliedTwice,
			appliedTwiceAfterDroppedAnswer,
			appliedTwiceExamples: examples,
			/** What the server-side duration rule alone says (the only rule without a witness), with examples it gets wrong. */
			durationRule: { appliedTwice: durationRuleAppliedTwice, disagreements },
			evidence: witness ? 'client' : 'server durations',
		};
	}

	/** How often one side effect was applied, and how many of those answers the client never heard. */
	const effect = (key) => {
		const attempts = effects.get(key);
		return attempts ? { applied: attempts.length, lostAnswer: classify(attempts).lostAnswer } : undefined;
	};

	return { onEntry, summary, reset, effect };
}

/**
 * Items claiming a change was already made ("already…" outcomes) although this run's own request
 * applied it: in the soak every lease starts with SMS on and every contact on the stop log, so
 * the first applied request for a key is the change, and an item saying it found the change
 * already made is claiming someone else's work. `outputs[index]` is item `index`'s json.
 */
function falseAlreadyClaims(outputs, { alreadyOutcomes, keyOf, stats }) {
	const claims = [];
	outputs.forEach((json, index) => {
		if (!json || !alreadyOutcomes.includes(json.outcome)) return;
		const effect = stats.effect(keyOf(index));
		if (effect?.applied > 0) claims.push({ index, outcome: json.outcome, applied: effect.applied, lostAnswer: effect.lostAnswer });
	});
	return claims;
}

module.exports = { createRequestStats, createAnswerWitness, falseAlreadyClaims, applied, effectKeys, routeOf, TAG_HEADER };
