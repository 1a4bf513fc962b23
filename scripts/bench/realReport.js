'use strict';
// The real-n8n bench's results as issue 16 states its targets: one line per job with the figure
// that decides it, then every run in detail, then the CPU profiles when they were taken.
const { LATENCY_MS, MAX_CONCURRENT, RATE_PER_SECOND } = require('./scenarios');
const { profileLines } = require('./cpuProfile');

const fixed = (value, digits = 1) => (value === null || value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits));
const int = (value) => (value === null || value === undefined ? '–' : Math.round(value).toLocaleString('en-US'));
const mark = (ok) => (ok ? 'met' : 'NOT met');
const rate = (result) => result.succeeded / result.wallSeconds;

/** The three rows (those of the scenarios that ran). */
function targetRows(pairs) {
	const rows = [];
	for (const { scenario, ours, baseline } of pairs) {
		const limit = scenario.physicalLimitSeconds;
		if (scenario.name === 'twosms-remove-10000' && baseline) {
			const ratio = rate(ours) / rate(baseline);
			rows.push([
				'2sms Remove, 10,000 contacts',
				`${fixed(ours.wallSeconds, 2)} s = ${fixed(ratio, 1)}× the HTTP Request node measured in the same run (${fixed(baseline.wallSeconds, 1)} s); ${int(ours.requests)} requests, ${ours.itemsLost} lost`,
				`≥ 50×: ${mark(ratio >= 50 && ours.itemsLost === 0)}`,
			]);
		} else if (scenario.job === 'opentact' && !scenario.rateLimited) {
			const ratio = ours.wallSeconds / limit;
			rows.push([
				`Opentact Disable, ${int(scenario.count)} numbers`,
				`${fixed(ours.wallSeconds, 1)} s = ${fixed(ratio, 2)}× the limit of ${fixed(limit, 1)} s (${int(ours.requests)} requests, ${int(ours.connections)} TCP connections; ${ours.itemsLost} lost)` +
					(baseline ? `; HTTP Request node: ${fixed(baseline.wallSeconds, 1)} s, ${int(baseline.requests)} requests` : ''),
				`≤ 1.1×: ${mark(ratio <= 1.1 && ours.itemsLost === 0)}`,
			]);
		} else if (scenario.rateLimited) {
			const ratio = ours.wallSeconds / limit;
			const refusedShare = ours.refused / Math.max(1, ours.requests);
			const ok = ratio <= 1.1 && ours.itemsLost === 0 && ours.sentTwice === 0 && refusedShare <= 0.05;
			rows.push([
				`${scenario.job === 'opentact' ? 'Opentact Disable' : '2sms Remove'}, ${int(scenario.count)}, API limit ${RATE_PER_SECOND} req/s answering 429 with Retry-After`,
				`${fixed(ours.wallSeconds, 1)} s = ${fixed(ratio, 2)}× of N÷${RATE_PER_SECOND} (${fixed(limit, 1)} s), ${int(ours.refused)} of ${int(ours.requests)} requests refused (${fixed(refusedShare * 100, 1)}%), ${ours.itemsLost} lost, ${ours.sentTwice} twice` +
					(baseline ? `; HTTP Request node: ${baseline.status}, ${int(baseline.itemsLost)} lost` : ''),
				`≤ 1.1×, 0 lost, 0 twice, ≤ 5% refused: ${mark(ok)}`,
			]);
		}
	}
	return rows;
}

const DETAIL_COLUMNS = [
	['scenario', (s) => s.name],
	['run by', (s, r) => (r.impl === 'ours' ? 'ours' : 'HTTP Request')],
	['execution s', (s, r) => fixed(r.wallSeconds, 2)],
	['from 1st job node s', (s, r) => fixed(r.jobSeconds, 2)],
	['× limit', (s, r) => fixed(r.wallSeconds / s.physicalLimitSeconds, 2)],
	['requests', (s, r) => int(r.requests)],
	['TCP conns', (s, r) => int(r.connections)],
	['API all busy %', (s, r) => (r.apiAllBusyShare === null ? '–' : fixed(r.apiAllBusyShare * 100, 0))],
	['API ms per slot', (s, r) => (r.apiMeanHoldMs === null ? '–' : fixed(r.apiMeanHoldMs, 1))],
	['429s', (s, r) => int(r.refused)],
	['items lost', (s, r) => int(r.itemsLost)],
	['twice', (s, r) => int(r.sentTwice)],
	['CPU s (n8n)', (s, r) => fixed(r.cpuSeconds, 1)],
	['peak RSS MB', (s, r) => int(r.peakRssMb)],
	['1st request ms', (s, r) => int(r.firstRequestFromNodeMs)],
	['load', (s, r) => fixed(r.loadBefore, 1)],
	['status', (s, r) => (r.status === 'success' ? 'ok' : `${r.status}: ${String(r.error).slice(0, 80)}`)],
];

function detailTable(pairs) {
	const lines = [`| ${DETAIL_COLUMNS.map(([title]) => title).join(' | ')} |`, `| ${DETAIL_COLUMNS.map(() => '---').join(' | ')} |`];
	for (const { scenario, ours, baseline } of pairs) {
		for (const result of [ours, baseline].filter(Boolean)) {
			lines.push(`| ${DETAIL_COLUMNS.map(([, cell]) => cell(scenario, result)).join(' | ')} |`);
		}
	}
	return lines.join('\n');
}

/** The Markdown of a real-n8n run. */
function realMarkdown({ command, seconds, machineLines, version, pairs, diagnostics = [] }) {
	const profiles = pairs.filter((pair) => pair.ours.profile);
	return [
		'# Benchmark results: real n8n',
		'',
		`Written by \`${command}\` (it builds and packs the package itself) in ${fixed(seconds, 0)} s. The engine figures (n8n-core in our harness, a diagnostic) are in [benchmark-results-engine.md](benchmark-results-engine.md).`,
		'',
		...machineLines,
		`- n8n ${version} (Node 24 from the scripts/n8n cache), SQLite, this package installed from its \`npm pack\` tarball as a community package`,
		'',
		...diagnostics.flatMap((line) => [`**Diagnostic, not the bench's figures:** ${line}`, '']),
		`Each run: one \`n8n execute --id=… --rawOutput\` of a workflow Manual Trigger → Edit Fields (the list) → Split Out → the job's node(s), against the simulator in its own process (${LATENCY_MS} ms added latency, ${MAX_CONCURRENT} requests served at once; \`-rate50\`: ${RATE_PER_SECOND} req/s, 429 with Retry-After: 1 beyond). Time: n8n's record of the execution, \`stoppedAt − startedAt\` of the run it printed. A fresh process per run, so no warm-up.`,
		'',
		'| job | real n8n | target |',
		'| --- | --- | --- |',
		...targetRows(pairs).map((row) => `| ${row.join(' | ')} |`),
		'',
		detailTable(pairs),
		'',
		'Columns: *execution s* — n8n\'s startedAt to stoppedAt; *from 1st job node s* — from the first node that sends requests starting to the end (without making the items); *× limit* — execution ÷ (fewest requests × latency ÷ 10, or ÷ the rate limit); *TCP conns* — connections the simulator accepted; *API all busy %* — of the simulator\'s time from the first request served to the last answered, the share during which all 10 serving slots were in use (below 100: the API waited for the client\'s next request); *API ms per slot* — how long a request held its serving slot on average: the 20 ms latency plus what the simulator\'s timer and answer added (its real capacity is 10 requests per that many ms; the limit in *× limit* counts 20 ms); *429s* — requests refused by the rate limit; *twice* — side effects applied more than once; *CPU s (n8n)*, *peak RSS* — of the `n8n execute` process and its children (GNU time), including start-up; *load* — 1-minute load average before the run (2 shared cores).',
		...(profiles.length
			? ['', '## CPU profiles (our runs, NODE_OPTIONS=--cpu-prof; slower than unprofiled runs)', '', '```', ...profiles.flatMap((pair) => [...profileLines(pair.scenario.name, pair.ours.profile), '']), '```']
			: []),
		'',
	].join('\n');
}

module.exports = { realMarkdown, targetRows };
