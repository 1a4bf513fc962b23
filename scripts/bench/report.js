'use strict';
// The benchmark's results as a reader sees them: one table row per run, the targets met or not,
// the machine it ran on, and the Markdown written to docs/benchmark-results-engine.md (a diagnostic; real n8n's
// figures are in docs/benchmark-results.md, realReport.js).
const os = require('node:os');
const { LATENCY_MS, MAX_CONCURRENT, RATE_PER_SECOND } = require('./scenarios');

const fixed = (value, digits = 1) => (value === null || value === undefined ? '–' : value.toFixed(digits));
const int = (value) => Math.round(value).toLocaleString('en-US');

function rowsFor(scenario, ours, baseline, floor) {
	const rows = [];
	for (const result of [ours, baseline, floor]) {
		if (!result) continue;
		const itemsPerSecond = result.succeeded / result.wallSeconds;
		const baselineRate = baseline ? baseline.succeeded / baseline.wallSeconds : null;
		let vsBaseline = '–';
		if (result === ours && baseline) {
			vsBaseline = baselineRate > 0 ? `${fixed(itemsPerSecond / baselineRate, 1)}×` : 'baseline completed 0';
		}
		rows.push({
			scenario: scenario.name,
			impl: { ours: 'ours', baseline: 'HTTP Request', floor: 'floor: plain node:http' }[result.impl],
			requests: int(result.requests),
			wall: fixed(result.wallSeconds, 2),
			itemsPerSecond: int(itemsPerSecond),
			vsBaseline,
			vsLimit: `${fixed(result.wallSeconds / scenario.physicalLimitSeconds, 2)}× (${fixed(scenario.physicalLimitSeconds, 2)} s)`,
			cpu: fixed(result.cpuMsPerItem, 3),
			rss: result.impl === 'floor' ? '–' : int(result.peakRssMb),
			firstRequest: result.firstRequestFromNodeMs === null ? '–' : int(result.firstRequestFromNodeMs),
			lost: scenario.rateLimited ? int(result.itemsLost) : result.itemsLost === 0 ? '0' : int(result.itemsLost),
			twice: int(result.sentTwice),
			load: `${fixed(result.loadBefore, 1)}`,
			simCpu: fixed(result.simulatorCpuMs / Math.max(1, result.requests), 2),
			status: result.status === 'success' ? 'ok' : `${result.status}: ${String(result.error).slice(0, 90)}`,
		});
	}
	return rows;
}

const COLUMNS = [
	['scenario', 'scenario'],
	['impl', 'run by'],
	['requests', 'requests'],
	['wall', 'wall s'],
	['itemsPerSecond', 'items/s'],
	['vsBaseline', '× baseline'],
	['vsLimit', '× physical limit'],
	['cpu', 'CPU ms/item'],
	['rss', 'peak RSS MB'],
	['firstRequest', '1st request ms'],
	['lost', 'items lost'],
	['twice', 'DELETEs twice'],
	['simCpu', 'sim CPU ms/req'],
	['load', 'load avg'],
	['status', 'run status'],
];

function markdownTable(rows) {
	const header = `| ${COLUMNS.map(([, title]) => title).join(' | ')} |`;
	const rule = `| ${COLUMNS.map(() => '---').join(' | ')} |`;
	const body = rows.map((row) => `| ${COLUMNS.map(([key]) => row[key]).join(' | ')} |`);
	return [header, rule, ...body].join('\n');
}

function targets(pairs) {
	const lines = [];
	const find = (name) => pairs.find((pair) => pair.scenario.name === name);
	const mark = (ok) => (ok ? 'met' : 'NOT met');
	const twoSms = find('twosms-remove-10000');
	if (twoSms?.baseline) {
		const ratio =
			twoSms.ours.succeeded / twoSms.ours.wallSeconds / (twoSms.baseline.succeeded / twoSms.baseline.wallSeconds);
		const deletes = twoSms.ours.byRoute['twoSms DELETE /api/v1/addressbook/stoplog'] ?? 0;
		const perHundred = (deletes / twoSms.scenario.count) * 100;
		const floorRatio = twoSms.floor
			? twoSms.floor.succeeded / twoSms.floor.wallSeconds / (twoSms.baseline.succeeded / twoSms.baseline.wallSeconds)
			: null;
		lines.push(
			`- 2sms Remove, 10,000: ${fixed(ratio, 1)}× the baseline's throughput (target ≥ 50×: ${mark(ratio >= 50)})` +
				(floorRatio ? `; the plain node:http floor reaches ${fixed(floorRatio, 1)}× on this machine` : '') +
				`; ${fixed(perHundred, 2)} DELETEs per 100 items, plus ${int(twoSms.ours.requests - deletes)} token request(s) (target ≤ 1: ${mark(perHundred <= 1)})`,
		);
	}
	const opentact = find('opentact-disable-10000');
	if (opentact) {
		const ratio = opentact.ours.wallSeconds / opentact.scenario.physicalLimitSeconds;
		lines.push(
			`- Opentact Disable, 10,000: ${fixed(ratio, 2)}× the physical limit of ${fixed(opentact.scenario.physicalLimitSeconds, 1)} s (target ≤ 1.1×: ${mark(ratio <= 1.1)})` +
				(opentact.floor
					? `; a plain node:http client doing the same ${int(opentact.floor.requests)} requests on this machine: ${fixed(opentact.floor.wallSeconds / opentact.scenario.physicalLimitSeconds, 2)}×`
					: '') +
				(opentact.baseline
					? `; ${fixed(opentact.baseline.wallSeconds / opentact.ours.wallSeconds, 2)}× faster than the two-request baseline`
					: ''),
		);
	}
	const firstRequests = pairs.map((pair) => pair.ours.firstRequestFromNodeMs).filter((ms) => ms !== null);
	if (firstRequests.length) {
		const worst = Math.max(...firstRequests);
		lines.push(`- First request after the node starts: at most ${int(worst)} ms over all our runs (target ≤ 200 ms: ${mark(worst <= 200)})`);
	}
	for (const name of ['opentact-disable-10000', 'twosms-remove-10000']) {
		const pair = find(name);
		if (!pair?.baseline) continue;
		const share = pair.ours.peakRssMb / pair.baseline.peakRssMb;
		lines.push(`- ${name}: peak RSS ${int(pair.ours.peakRssMb)} MB = ${fixed(share * 100, 0)}% of the baseline's ${int(pair.baseline.peakRssMb)} MB (target ≤ 60%: ${mark(share <= 0.6)})`);
	}
	for (const pair of pairs.filter((candidate) => candidate.scenario.rateLimited)) {
		const { ours, scenario } = pair;
		const ratio = ours.wallSeconds / scenario.physicalLimitSeconds;
		const ok = ours.itemsLost === 0 && ours.sentTwice === 0 && ratio <= 1.1;
		const applied = (result) => (result.notApplied < scenario.count ? `, ${int(scenario.count - result.notApplied)} changes applied` : '');
		lines.push(
			`- ${scenario.name}: ${ours.status}${applied(ours)}, ${ours.itemsLost} lost, ${ours.sentTwice} DELETEs twice, ${fixed(ratio, 2)}× of ${int(scenario.fewestRequests)} requests ÷ ${RATE_PER_SECOND}/s (target 0, 0, ≤ 1.1×: ${mark(ok)})` +
				(pair.baseline
					? `; baseline: ${pair.baseline.status}${applied(pair.baseline)}, ${pair.baseline.itemsLost} lost, ${pair.baseline.sentTwice} twice`
					: ''),
		);
	}
	const big = find('twosms-remove-100000');
	if (big) {
		lines.push(
			`- 2sms Remove, 100,000 in one execution: peak RSS ${int(big.ours.peakRssMb)} MB (${int(big.ours.rssBeforeMb)} MB before the run), ${fixed(big.ours.wallSeconds, 1)} s, ${int(big.ours.requests)} requests, ${big.ours.itemsLost} lost`,
		);
	}
	return lines;
}

function machine() {
	const cpus = os.cpus();
	return [
		`- CPU: ${cpus[0]?.model ?? 'unknown'}, ${cpus.length} cores; ${int(os.totalmem() / 2 ** 20)} MB RAM; ${os.type()} ${os.release()}`,
		`- Node ${process.version}; n8n-core ${require('n8n-core/package.json').version}, n8n-nodes-base ${require('n8n-nodes-base/package.json').version} (HTTP Request node v4.5, default settings)`,
		`- Date: ${new Date().toISOString()}; load average when the run started: ${os.loadavg().map((value) => value.toFixed(2)).join(', ')}`,
	];
}


/**
 * The results page. `command`: how the run was started (`node scripts/bench …`); `seconds`: how
 * long it took; `pairs`: [{ scenario, ours, baseline?, floor? }]; `machineLines`: machine().
 */
function resultsMarkdown({ command, seconds, machineLines, pairs }) {
	const rows = pairs.flatMap(({ scenario, ours, baseline, floor }) => rowsFor(scenario, ours, baseline, floor));
	return [
		'# Benchmark results: the engine harness (a diagnostic)',
		'',
		`Written by \`${command}\` (after \`npm run build\`) in ${fixed(seconds, 0)} s. Rerun: \`npm run build && npm run bench\` (\`-- --quick\` for 1,000 numbers only, \`-- --scenario <name>\` for one).`,
		'',
		...machineLines,
		'',
		`Simulator in its own process: ${LATENCY_MS} ms added latency, at most ${MAX_CONCURRENT} requests served at once (more wait in line); \`-rate50\`: also ${RATE_PER_SECOND} req/s, answered 429 + Retry-After. Each run is one child process running the workflow through n8n-core's WorkflowExecute (harness/) on the built dist/.`,
		'',
		markdownTable(rows),
		'',
		'Columns: *requests* — what the simulator received during the run (the baseline\'s 2sms token is fetched once before it); *× baseline* — our items/s ÷ the HTTP Request node\'s; *× physical limit* — wall time ÷ (fewest requests the job needs × latency ÷ 10, or ÷ the rate limit); *CPU ms/item* — CPU time of the run\'s process (n8n\'s engine + the node; the simulator is another process) ÷ items; *peak RSS* — sampled every 25 ms during the run, whole process; *1st request ms* — from the node\'s start (n8n\'s task start time) to the first request the simulator saw; *items lost* — items without a successful output item; *DELETEs twice* — side effects the simulator applied more than once (same lease or destination); *floor* — the same requests from a plain node:http client, no n8n, a new connection per request like n8n\'s helper, 10 at a time, Retry-After honoured: what this machine can do at best; *sim CPU ms/req* — the simulator process\'s CPU per request (it shares the 2 cores); *load avg* — 1-minute load average before the run (2-core machine shared with other work).',
		'',
		'## Targets',
		'',
		...targets(pairs),
		'',
	].join('\n');
}

module.exports = { resultsMarkdown, machine, fixed };
