#!/usr/bin/env node
'use strict';
// npm run soak (npm run soak:ci for the short CI version). Bounded; stops by itself.
// `-- --without expireToken,status503` leaves fault kinds out, to tell which one a failure comes from.
// `-- --busy` blocks the process 1.3 s every 4 s during the faults phase, as another busy n8n on the
// same cores does: answers the nodes stop waiting for, which only the client's record can tell.
//
// 1. Faults: 100,000 items across both nodes (Opentact Disable SMS, 2sms Remove from Stop Log)
//    with ~10% of requests faulted by the simulator from a fixed seed: 429 + Retry-After, 500,
//    503, connection reset, a hang past the node's timeout, truncated JSON, an HTML error page,
//    an expired token (and an answer lost after the change was applied, to prove retries are
//    idempotent). Afterwards the simulator's state must equal what the outputs say, no side
//    effect applied twice beyond those idempotent retries, and every failed item must carry its
//    index and the provider's reason.
// 2. Hostile input: 10,000 property-generated bad items (fast-check, seeded): no crash, no
//    unhandled rejection, each one a clear per-item error naming its index and field.
// 3. Secrets: the fixture's recognisable credential values and the tokens issued during the run
//    must appear in no output, error, log line (this process captures the worker's stdout and
//    stderr, n8n logging at debug) or the simulator's recorded requests.
//
// Needs `npm run build` first. Exit code 0 only when every check passes.
const path = require('node:path');
const { spawn } = require('node:child_process');

const CI = process.argv.includes('--ci');
const withoutAt = process.argv.indexOf('--without');
const WITHOUT = withoutAt > 0 ? process.argv[withoutAt + 1].split(',') : [];
const BUSY = process.argv.includes('--busy');
const RESULTS_FILE = path.join(__dirname, '..', '..', 'docs', 'soak-results.md');

if (process.argv.includes('--worker')) {
	require('./worker')
		.main({ ci: CI, without: WITHOUT, busy: BUSY })
		.catch((error) => {
			console.error(error);
			process.exit(1);
		});
} else {
	parent();
}

/** PASS, FAIL, or SKIP for a check that could not apply (it says why, and what it saw). */
const verdictOf = (check, fail) => (check.skipped ? 'SKIP' : check.ok ? 'PASS' : fail);

/** docs/soak-results.md: the last full soak, with the machine it ran on (docs/performance.md links it). */
function writeResults(checks, counts, verdict, stdout) {
	const os = require('node:os');
	const fs = require('node:fs');
	const lines = [
		'# Soak results',
		'',
		`Written by \`npm run soak\` (node scripts/soak): ${verdict}.`,
		'',
		`- CPU: ${os.cpus()[0]?.model ?? 'unknown'}, ${os.cpus().length} cores; Node ${process.version}; ${new Date().toISOString()}; load average at the end ${os.loadavg().map((value) => value.toFixed(2)).join(', ')}`,
		'',
		'## Checks',
		'',
		...checks.map((check) => `- ${verdictOf(check, '**FAIL**')} ${check.name}${check.skipped ? ` — skipped: ${check.skipped}` : ''}${check.detail ? ` — ${check.detail.replace(/\s+/g, ' ')}` : ''}`),
		'',
		'## Progress and counts',
		'',
		'```',
		...stdout.split('\n').filter((line) => line.startsWith('[soak]') && !line.startsWith('[soak] counts:') && !line.includes('requests so far')),
		'```',
		'',
		'```json',
		JSON.stringify(counts, null, 1),
		'```',
		'',
	];
	fs.writeFileSync(RESULTS_FILE, lines.join('\n'));
}

function parent() {
	const started = Date.now();
	require('../lib/snapshot').snapshotPackage(); // the worker runs this copy of the build
	const args = [...(CI ? ['--ci'] : []), ...(WITHOUT.length ? ['--without', WITHOUT.join(',')] : []), ...(BUSY ? ['--busy'] : [])];
	const child = spawn(process.execPath, [__filename, '--worker', ...args], {
		stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
		env: { ...process.env, N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL ?? 'debug' },
		cwd: path.join(__dirname, '..', '..'),
	});
	// Whatever happens inside, the soak ends: the worker is stopped after this long.
	const limitMs = (CI ? 4 : 20) * 60_000;
	const guard = setTimeout(() => child.kill('SIGKILL'), limitMs);
	let stdout = '';
	let stderr = '';
	let secrets = [];
	let report;
	child.stdout.on('data', (chunk) => {
		stdout += chunk;
		// The worker's own progress lines; n8n's debug log stays captured (and scanned), not shown.
		for (const line of String(chunk).split('\n')) if (line.startsWith('[soak]')) console.log(line);
	});
	child.stderr.on('data', (chunk) => (stderr += chunk));
	child.on('message', (message) => {
		if (message.type === 'secrets') secrets = message.secrets;
		if (message.type === 'report') report = message.report;
	});
	child.on('exit', (code, signal) => {
		clearTimeout(guard);
		const logLeaks = secrets.filter((secret) => stdout.includes(secret) || stderr.includes(secret));
		const checks = [...(report?.checks ?? [])];
		checks.push({
			name: `secret scan of the worker's stdout and stderr (${Math.round(stdout.length / 1024)} KiB + ${Math.round(stderr.length / 1024)} KiB, n8n log level ${process.env.N8N_LOG_LEVEL ?? 'debug'}; ${secrets.length} secret values)`,
			ok: secrets.length > 0 && logLeaks.length === 0,
			detail: logLeaks.length ? `${logLeaks.length} secret value(s) found in the logs` : undefined,
		});
		if (code !== 0 || !report) {
			checks.push({ name: 'worker finished', ok: false, detail: `exit ${code ?? signal}\n${stderr.slice(-4000)}` });
		}
		console.log('');
		for (const check of checks) {
			const skipped = check.skipped ? `\n      skipped: ${check.skipped}` : '';
			console.log(`${verdictOf(check, 'FAIL')}  ${check.name}${skipped}${check.detail ? `\n      ${check.detail}` : ''}`);
		}
		const failed = checks.filter((check) => !check.ok && !check.skipped).length;
		const verdict = `${failed === 0 ? 'soak passed' : `soak FAILED (${failed} check(s))`} in ${((Date.now() - started) / 1000).toFixed(0)} s`;
		console.log(`\n${verdict}`);
		if (!CI && !WITHOUT.length && !BUSY && report) writeResults(checks, report.counts, verdict, stdout);
		process.exit(failed === 0 ? 0 : 1);
	});
}
