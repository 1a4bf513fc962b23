'use strict';
// The soak's work, in the child process index.js starts (so index.js can scan this process's
// stdout and stderr for secrets). Reports checks and counts to the parent over IPC.
const { runWorkflow, loadWorkflowFixture } = require('../../harness');
const { simulatorCredentials } = require('../../harness/simulatorCredentials');
const { startSimulator } = require('../../simulator');
const { buildFixture, opentactItems, twoSmsItems, opentactTn, twoSmsDestination } = require('../lib/fixture');
const { createRequestStats, createAnswerWitness, falseAlreadyClaims } = require('../lib/requestStats');
const { opentactBadItem, twoSmsBadItem, sample } = require('./badInputs');
const path = require('node:path');
require('../lib/snapshot').useSnapshot();

const SEED = 20261125;
const FAULT_SHARE = 0.1;
/** Every kind the issue names, plus an answer lost after the change was applied. */
const FAULT_KINDS = [
	{ kind: 'rateLimit', retryAfterSeconds: 1 },
	{ kind: 'status', status: 500 },
	{ kind: 'status', status: 503 },
	{ kind: 'reset' },
	{ kind: 'hang' },
	{ kind: 'truncated' },
	{ kind: 'html', status: 502 },
	{ kind: 'expireToken' },
	{ kind: 'resetAfterCommit' },
];
const SUCCESS = new Set(['disabled', 'alreadyDisabled', 'removed', 'notOnStopLog']);
/** What proves a change's outcome (the vocabulary both nodes share). */
const CONFIRMED_BY = new Set(['answer', 'readBack', 'retryAfterLostAnswer']);
const CHUNK = 1000; // bad items per execution
/** The nodes' request timeout in the fault phase: short, so hangs cost little. */
const CLIENT_TIMEOUT_MS = 1000;

/** Longer than any legitimate wait here (Retry-After 1 s, timeouts 1 s, backoff ≤ 8 s). */
const STALL_MS = 60_000;

/**
 * --busy: the process is blocked for BUSY_BLOCK_MS every BUSY_EVERY_MS during the fault phase,
 * as when another n8n run keeps the machine's cores busy. Blocks longer than the nodes' 1 s
 * timeout make the client give up on requests the simulator then still serves: lost answers the
 * server's own clock cannot see (see createAnswerWitness in scripts/lib/requestStats.js).
 */
const BUSY_EVERY_MS = 4000;
const BUSY_BLOCK_MS = 1300;

function startBusyStalls() {
	let stalls = 0;
	const timer = setInterval(() => {
		stalls += 1;
		const until = Date.now() + BUSY_BLOCK_MS;
		while (Date.now() < until); // deliberately blocking: this is the load being simulated
	}, BUSY_EVERY_MS);
	return { stop: () => clearInterval(timer), count: () => stalls };
}

const log = (line) => process.stdout.write(`[soak] ${line}\n`);
const leaseUuid = (index) => `5eed0001-0000-4000-8000-${index.toString(16).padStart(12, '0')}`; // generateLeases

function workflow(file, nodeName, options) {
	const flow = loadWorkflowFixture(path.join(__dirname, '..', 'lib', 'workflows', file));
	const node = flow.nodes.find((candidate) => candidate.name === nodeName);
	node.onError = 'continueRegularOutput';
	node.parameters.options = { ...node.parameters.options, ...options };
	if (nodeName === '2sms') {
		node.parameters.shortCode = '={{ $json.shortCode }}';
		node.parameters.sendConfirmation = '={{ $json.sendConfirmation }}';
	}
	return flow;
}

// Opentact by email and password: a token that can expire and be renewed mid-run.
const credentials = (sim) => simulatorCredentials(sim, { opentact: 'emailPassword' });

/** Secret values in a credential store beyond what was configured: the tokens n8n saved. */
function issuedTokens(store, configured) {
	const tokens = [];
	for (const type of store.types()) {
		for (const [key, value] of Object.entries(store.get(type))) {
			if (typeof value === 'string' && value.length >= 16 && configured[type]?.[key] !== value) tokens.push(value);
		}
	}
	return tokens;
}

function createScanner(secrets) {
	const found = new Map();
	return {
		secrets,
		scan(where, text) {
			for (const secret of secrets) if (text.includes(secret)) found.set(where, (found.get(where) ?? 0) + 1);
		},
		leaks: () => [...found.entries()],
	};
}

/** Scans a big output in slices, so 100,000 items never become one string. */
function scanItems(scanner, where, items) {
	for (let start = 0; start < items.length; start += 5000) {
		scanner.scan(where, JSON.stringify(items.slice(start, start + 5000).map((item) => item.json)));
	}
}

/** An item error's json: index first, then the field or the provider's reason. */
function errorShape(json, index) {
	const match = /^Item (\d+): (.+)$/s.exec(String(json.error ?? ''));
	if (!match) return { ok: false, why: 'no "Item N:" prefix' };
	if (Number(match[1]) !== index) return { ok: false, why: `says item ${match[1]}` };
	if (match[2].trim().length < 8) return { ok: false, why: 'no reason' };
	return { ok: true, text: match[2] };
}

async function faultPhase({ ci, without, busy, checks, counts, scanner, stores }) {
	const sizes = ci ? { opentact: 2000, twoSms: 3000 } : { opentact: 30_000, twoSms: 70_000 };
	// The client's own record of which answers reached it: the evidence for "lost answer".
	const witness = createAnswerWitness();
	const stats = createRequestStats({
		onText: (text) => scanner.scan('simulator request log (every entry)', text),
		answerLostAfterMs: CLIENT_TIMEOUT_MS,
		witness,
	});
	const sim = await startSimulator({
		fixture: buildFixture({ leases: sizes.opentact, stopLog: sizes.twoSms }),
		seed: SEED,
		recordRequests: 5000,
		log: stats.onEntry,
	});
	// --without kind[,kind]: leave fault kinds out, to tell which one a failure comes from.
	const kinds = FAULT_KINDS.filter((spec) => !without.includes(spec.kind) && !without.includes(`${spec.kind}${spec.status ?? ''}`));
	const perKind = 1 - (1 - FAULT_SHARE) ** (1 / kinds.length);
	for (const spec of kinds) sim.addFault({ ...spec, rate: perKind });
	if (without.length) log(`fault kinds left out: ${without.join(', ')}`);
	const creds = credentials(sim);
	// Bounded: when no request has finished for STALL_MS, say which requests are still open
	// (the simulator's log) and end the soak as failed instead of waiting for ever.
	let lastCount = -1;
	let lastChange = Date.now();
	let lastLog = 0;
	const progress = setInterval(() => {
		const { requests } = stats.summary();
		if (requests !== lastCount) {
			lastCount = requests;
			lastChange = Date.now();
			if (lastChange - lastLog >= 15_000) {
				lastLog = lastChange;
				log(`  … ${requests} requests so far`);
			}
			return;
		}
		if (Date.now() - lastChange < STALL_MS) return;
		const open = sim.requests().filter((entry) => entry.durationMs === null);
		const detail = `no request finished for ${STALL_MS / 1000} s after ${requests}; still open in the simulator: ${open
			.map((entry) => `#${entry.seq} ${entry.method} ${entry.path} (fault: ${entry.fault ?? 'none'}, since ${entry.at})`)
			.join('; ')}`;
		log(`STALLED: ${detail}`);
		checks.push({ name: 'the run stays bounded: no stall', ok: false, detail });
		process.send({ type: 'secrets', secrets: scanner.secrets });
		process.send({ type: 'report', report: { checks, counts } }, () => process.exit(1));
	}, 5_000);
	const stalls = busy ? startBusyStalls() : undefined;
	if (busy) log(`busy machine: the process is blocked ${BUSY_BLOCK_MS} ms every ${BUSY_EVERY_MS} ms`);
	try {
		const jobs = [
			{
				name: 'Opentact Disable SMS',
				node: 'Opentact',
				flow: workflow('ours-opentact-disable.json', 'Opentact', { timeoutMs: CLIENT_TIMEOUT_MS }),
				input: opentactItems(sizes.opentact),
				applied: (index) => !sim.state.opentact.smsEnabled(opentactTn(index)),
				key: (index) => `DELETE lease ${leaseUuid(index)}`,
				alreadyOutcomes: ['alreadyDisabled'],
				speaksVocabulary: true,
			},
			{
				name: '2sms Remove from Stop Log (batches of 10)',
				node: '2sms',
				flow: workflow('ours-twosms-remove.json', '2sms', { timeoutMs: CLIENT_TIMEOUT_MS, batchSize: 10 }),
				input: twoSmsItems(sizes.twoSms),
				applied: (index) => !sim.state.twoSms.isOnStopLog(twoSmsDestination(index)),
				key: (index) => `DELETE stoplog ${twoSmsDestination(index)}`,
				alreadyOutcomes: ['notOnStopLog'],
				speaksVocabulary: true,
			},
		];
		for (const job of jobs) {
			const started = Date.now();
			const requestsBefore = stats.summary().requests;
			const result = await runWorkflow(job.flow, { credentials: creds, input: job.input, timeoutMs: 3_600_000 });
			stores.push({ store: result.credentialStore, configured: creds });
			const out = result.ran(job.node) ? result.items(job.node) : [];
			scanItems(scanner, `${job.name} output`, out);
			if (result.error) scanner.scan(`${job.name} run error`, JSON.stringify(result.error));
			const tally = { outcomes: {}, confirmedBy: {}, failed: 0, badErrors: [], stateMismatch: [], appliedButFailedAfterLostAnswer: 0, failedExamples: [] };
			const byIndex = new Array(job.input.length);
			for (const item of out) byIndex[item.pairedItem.item] = item.json;
			for (let index = 0; index < job.input.length; index++) {
				const json = byIndex[index];
				const applied = job.applied(index);
				if (json && SUCCESS.has(json.outcome)) {
					tally.outcomes[json.outcome] = (tally.outcomes[json.outcome] ?? 0) + 1;
					const proof = json.confirmedBy === undefined ? 'none' : String(json.confirmedBy);
					tally.confirmedBy[proof] = (tally.confirmedBy[proof] ?? 0) + 1;
					if (!applied) tally.stateMismatch.push(`${index}: output ${json.outcome}, simulator unchanged`);
					continue;
				}
				tally.failed += 1;
				const shape = json ? errorShape(json, index) : { ok: false, why: 'no output item' };
				if (!shape.ok) tally.badErrors.push(`${index}: ${shape.why}: ${JSON.stringify(json).slice(0, 200)}`);
				else if (tally.failedExamples.length < 5) tally.failedExamples.push(`${json.error} (${json.message})`);
				if (applied) {
					// Applied, and the answer was lost (reset after commit, or past the timeout) on every try: honest failure.
					if (stats.effect(job.key(index))?.lostAnswer > 0) tally.appliedButFailedAfterLostAnswer += 1;
					else tally.stateMismatch.push(`${index}: failed in the output, applied in the simulator`);
				}
			}
			const seconds = (Date.now() - started) / 1000;
			// Every number starts with SMS on, every contact on the stop log: an "already…" for a key
			// this run's own request applied claims the run's change as someone else's.
			const falseClaims = falseAlreadyClaims(byIndex, { alreadyOutcomes: job.alreadyOutcomes, keyOf: job.key, stats });
			const successes = Object.values(tally.outcomes).reduce((a, b) => a + b, 0);
			const unproven = successes - [...CONFIRMED_BY].reduce((sum, proof) => sum + (tally.confirmedBy[proof] ?? 0), 0);
			log(
				`${job.name}: ${job.input.length} items, ${stats.summary().requests - requestsBefore} requests, ${seconds.toFixed(1)} s, run ${result.status}; ` +
					`outcomes ${JSON.stringify(tally.outcomes)}, confirmedBy ${JSON.stringify(tally.confirmedBy)}, failed ${tally.failed}`,
			);
			for (const claim of falseClaims.slice(0, 3)) log(`  false "${claim.outcome}": item ${claim.index}, its change applied ${claim.applied}× by this run (${claim.lostAnswer} answer(s) never reached the node)`);
			for (const example of tally.failedExamples) log(`  failed item: ${example}`);
			counts[job.name] = {
				items: job.input.length,
				seconds,
				status: result.status,
				...tally,
				stateMismatch: tally.stateMismatch.length,
				badErrors: tally.badErrors.length,
				falseAlreadyClaims: falseClaims.length,
			};
			checks.push({ name: `${job.name}: the run finished (status ${result.status})`, ok: result.status === 'success', detail: result.error?.message });
			checks.push({
				name: `${job.name}: simulator state equals the outputs for all ${job.input.length} items`,
				ok: tally.stateMismatch.length === 0,
				detail: tally.stateMismatch.length ? tally.stateMismatch.slice(0, 5).join('; ') : undefined,
			});
			// Each request is tried 5 times and ~10% of tries fault independently: a fault alone should
			// fail about 1 item in 100,000. More failures mean the node gave up on something retryable.
			const allowed = Math.max(10, Math.ceil(job.input.length * 0.001));
			checks.push({
				name: `${job.name}: the faults were absorbed: ${tally.failed} of ${job.input.length} items failed (at most ${allowed} allowed)`,
				ok: tally.failed <= allowed,
				detail: tally.failed > allowed ? `e.g. ${tally.failedExamples.slice(0, 2).join(' | ')}` : undefined,
			});
			// The shared vocabulary (confirmedBy) is what makes "a change this run made is never
			// 'already'" a promise. A node not yet known to speak it has its claims counted and
			// shown, and this check skipped, until its items carry confirmedBy; Opentact always does.
			const speaksVocabulary = job.speaksVocabulary || (successes > 0 && tally.confirmedBy.none !== successes);
			checks.push({
				name: `${job.name}: no item claims "${job.alreadyOutcomes.join('/')}" for a change its own run applied (${falseClaims.length} of ${job.input.length})`,
				ok: falseClaims.length === 0,
				skipped: speaksVocabulary ? undefined : `its items carry no confirmedBy yet (${falseClaims.length} such claims in this run)`,
				detail: falseClaims.length
					? falseClaims
							.slice(0, 5)
							.map((claim) => `item ${claim.index}: ${claim.outcome}, applied ${claim.applied}× by this run`)
							.join('; ')
					: undefined,
			});
			if (speaksVocabulary) {
				checks.push({
					name: `${job.name}: every successful item says what proves it (confirmedBy: ${[...CONFIRMED_BY].join(' | ')})`,
					ok: unproven === 0,
					detail: unproven ? `${unproven} of ${successes} without one: ${JSON.stringify(tally.confirmedBy)}` : undefined,
				});
			}
			checks.push({
				name: `${job.name}: every failed item (${tally.failed}) carries its index and the provider's reason`,
				ok: tally.badErrors.length === 0,
				detail: tally.badErrors.length ? tally.badErrors.slice(0, 5).join('\n      ') : undefined,
			});
		}
	} finally {
		clearInterval(progress);
		stalls?.stop();
	}
	if (stalls) counts.busyStalls = stalls.count();
	const summary = stats.summary();
	witness.close();
	const fired = {};
	for (const fault of sim.faults()) fired[fault.kind === 'status' ? `status ${fault.status}` : fault.kind] = fault.fired;
	counts.faults = { requests: summary.requests, faulted: Object.values(fired).reduce((a, b) => a + b, 0), fired, byStatus: summary.byStatus };
	log(`requests ${summary.requests}, faulted ${counts.faults.faulted} (${((counts.faults.faulted / summary.requests) * 100).toFixed(1)}%): ${JSON.stringify(fired)}`);
	counts.sideEffects = {
		appliedTwice: summary.appliedTwice,
		idempotentResends: summary.appliedTwiceAfterDroppedAnswer,
		durationRuleAppliedTwice: summary.durationRule.appliedTwice,
		durationRuleExamples: summary.durationRule.disagreements,
	};
	log(
		`side effects applied twice: ${summary.appliedTwice} (plus ${summary.appliedTwiceAfterDroppedAnswer} idempotent re-sends after an answer that never reached the node, by the client's own record); ` +
			`the server's durations alone would count ${summary.durationRule.appliedTwice} as applied twice`,
	);
	for (const example of summary.durationRule.disagreements) log(`  counted twice by the durations alone, a retry by the client's record: ${example}`);
	checks.push({
		name: `no side effect applied twice beyond idempotent retries (${summary.appliedTwiceAfterDroppedAnswer} idempotent re-sends after an answer that never reached the node)`,
		ok: summary.appliedTwice === 0,
		detail: summary.appliedTwice ? summary.appliedTwiceExamples.join('; ') : undefined,
	});
	checks.push({
		name: `about 10% of requests faulted (${counts.faults.faulted} of ${summary.requests})`,
		ok: counts.faults.faulted / summary.requests > 0.07 && Object.values(fired).every((n) => n > 0),
	});
	scanner.scan('simulator recorded requests view (JSON)', JSON.stringify(sim.requests()));
	scanner.scan('simulator recorded requests view (text)', sim.requestsText());
	await sim.close();
}

async function badInputPhase({ ci, checks, counts, scanner, stores }) {
	const total = ci ? 1000 : 10_000;
	const stats = createRequestStats({ onText: (text) => scanner.scan('simulator request log (every entry)', text) });
	const sim = await startSimulator({ fixture: buildFixture({ leases: 10, stopLog: 10 }), seed: SEED, recordRequests: 5000, log: stats.onEntry });
	const creds = credentials(sim);
	const jobs = [
		{ name: 'Opentact', node: 'Opentact', flow: workflow('ours-opentact-disable.json', 'Opentact', {}), items: sample(opentactBadItem, total / 2, SEED) },
		{ name: '2sms', node: '2sms', flow: workflow('ours-twosms-remove.json', '2sms', {}), items: sample(twoSmsBadItem, total / 2, SEED + 1) },
	];
	const FIELD = { phone: /Phone Number/, reason: /Reason/, shortCode: /Short Code/, sendConfirmation: /Send Confirmation/ };
	for (const job of jobs) {
		const tally = { items: job.items.length, perItemErrors: 0, providerErrors: 0, accepted: [], unclear: [], crashedRuns: [], byKind: {} };
		for (let start = 0; start < job.items.length; start += CHUNK) {
			const chunk = job.items.slice(start, start + CHUNK);
			let result;
			try {
				result = await runWorkflow(job.flow, { credentials: creds, input: chunk.map((item) => ({ json: item.json })), timeoutMs: 600_000 });
			} catch (error) {
				tally.crashedRuns.push(`items ${start}…: ${error.message}`);
				continue;
			}
			stores.push({ store: result.credentialStore, configured: creds });
			if (result.status !== 'success') {
				tally.crashedRuns.push(`items ${start}…: run ${result.status}: ${result.error?.message}`);
				continue;
			}
			const out = result.items(job.node);
			scanItems(scanner, `bad input ${job.name} output`, out);
			const byIndex = new Array(chunk.length);
			for (const item of out) byIndex[item.pairedItem.item] = item.json;
			chunk.forEach(({ kind, json: input }, index) => {
				tally.byKind[kind] = (tally.byKind[kind] ?? 0) + 1;
				const json = byIndex[index];
				if (!json?.error) {
					tally.accepted.push(`${kind} ${JSON.stringify(input).slice(0, 120)} → ${JSON.stringify(json).slice(0, 160)}`);
					return;
				}
				const shape = errorShape(json, index);
				const provider = /answered \d{3}/.test(json.error);
				if (shape.ok && (FIELD[kind].test(json.error) || provider)) {
					tally.perItemErrors += 1;
					if (provider) tally.providerErrors += 1;
				} else {
					tally.unclear.push(`${kind} ${JSON.stringify(input).slice(0, 80)} → ${String(json.error).slice(0, 200)}`);
				}
			});
		}
		log(
			`bad input, ${job.name}: ${tally.items} items (${JSON.stringify(tally.byKind)}): ${tally.perItemErrors} clear per-item errors (${tally.providerErrors} from the provider), ` +
				`${tally.accepted.length} accepted, ${tally.unclear.length} unclear, ${tally.crashedRuns.length} runs failed as a whole`,
		);
		for (const example of [...tally.accepted, ...tally.unclear, ...tally.crashedRuns].slice(0, 8)) log(`  ${example}`);
		counts[`bad input ${job.name}`] = { ...tally, accepted: tally.accepted.length, unclear: tally.unclear.length, crashedRuns: tally.crashedRuns.length };
		checks.push({
			name: `bad input, ${job.name}: ${tally.items} generated items, each a clear per-item error naming its index and field (or the provider's reason)`,
			ok: tally.perItemErrors === tally.items && tally.crashedRuns.length === 0,
			detail:
				tally.perItemErrors === tally.items
					? undefined
					: `${tally.accepted.length} accepted, ${tally.unclear.length} unclear, ${tally.crashedRuns.length} whole-run failures; e.g.\n        ${[...tally.accepted, ...tally.unclear, ...tally.crashedRuns].slice(0, 6).join('\n        ')}`,
		});
	}
	counts['bad input requests'] = stats.summary().byRoute;
	scanner.scan('simulator recorded requests view (JSON)', JSON.stringify(sim.requests()));
	await sim.close();
}

async function main({ ci, without = [], busy = false }) {
	const unhandled = [];
	process.on('unhandledRejection', (reason) => unhandled.push(`unhandledRejection: ${reason?.stack ?? reason}`));
	process.on('uncaughtException', (error) => unhandled.push(`uncaughtException: ${error?.stack ?? error}`));

	const fixtureSecrets = (() => {
		const { opentact, twoSms } = buildFixture();
		return [opentact.apiKey, opentact.user.password, twoSms.clientSecret];
	})();
	const scanner = createScanner(fixtureSecrets);
	const checks = [];
	const counts = {};
	const stores = [];
	const started = Date.now();
	log(`${ci ? 'CI soak' : 'soak'}: faults phase (seed ${SEED})`);
	await faultPhase({ ci, without, busy, checks, counts, scanner, stores });
	log(`bad input phase (${((Date.now() - started) / 1000).toFixed(0)} s so far)`);
	await badInputPhase({ ci, checks, counts, scanner, stores });

	// Tokens issued during the run are secrets too: scan what was kept for them as well.
	const tokens = [...new Set(stores.flatMap(({ store, configured }) => issuedTokens(store, configured)))];
	const allSecrets = [...fixtureSecrets, ...tokens];
	const late = createScanner(tokens);
	late.scan('counts and checks', JSON.stringify({ counts, checks }));
	const leaks = [...scanner.leaks(), ...late.leaks()];
	checks.push({
		name: `secret scan of outputs, errors and the simulator's recorded requests (${fixtureSecrets.length} credential values; ${tokens.length} issued tokens checked against what was kept)`,
		ok: leaks.length === 0,
		detail: leaks.length ? leaks.map(([where, n]) => `${where}: ${n}`).join('; ') : undefined,
	});
	checks.push({ name: 'no unhandled rejection or uncaught exception', ok: unhandled.length === 0, detail: unhandled.slice(0, 3).join('\n') || undefined });
	log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
	log(`counts: ${JSON.stringify(counts)}`);
	process.send({ type: 'secrets', secrets: allSecrets });
	process.send({ type: 'report', report: { checks, counts } });
	process.disconnect();
}

module.exports = { main };
