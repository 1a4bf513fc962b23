#!/usr/bin/env node
'use strict';
// npm run bench [-- --quick] [-- --scenario <name>]: our nodes against n8n's HTTP Request node,
// one child process per run (so CPU and RSS are that run's), through n8n's engine, against the
// simulator in a further process set up like a real API. Prints a table and writes
// docs/benchmark-results-engine.md (a diagnostic; `--no-write` leaves it alone). Needs
// `npm run build` first (the harness runs the built dist/).
// npm run bench -- --real-n8n [--cpu-profile]: the same scenarios in real n8n (realN8n.js), by
// default the three of issue 16; writes docs/benchmark-results.md, the figures users get.
const fs = require('node:fs');
const path = require('node:path');
const { parseArgs } = require('node:util');
const { allScenarios } = require('./scenarios');
const { runScenario } = require('./runScenario');
const { resultsMarkdown, machine, fixed } = require('./report');

const RESULTS_FILE = path.join(__dirname, '..', '..', 'docs', 'benchmark-results-engine.md');
const REAL_RESULTS_FILE = path.join(__dirname, '..', '..', 'docs', 'benchmark-results.md');
/** What --real-n8n runs unless --scenario says otherwise: the jobs issue 16 sets targets for. */
const REAL_N8N_SCENARIOS = ['twosms-remove-10000', 'opentact-disable-10000', 'opentact-disable-1000-rate50'];

function readOptions() {
	const { values } = parseArgs({
		options: {
			quick: { type: 'boolean', default: false },
			scenario: { type: 'string', multiple: true },
			'no-baseline': { type: 'boolean', default: false },
			'no-write': { type: 'boolean', default: false },
			from: { type: 'string' }, // re-render the table from a saved raw JSON (bench-raw.json)
			'real-n8n': { type: 'boolean', default: false },
			'cpu-profile': { type: 'boolean', default: false }, // with --real-n8n: profile our runs
			tarball: { type: 'string' }, // with --real-n8n: install this packed package instead of building one
			// with --real-n8n, diagnostics for the 2sms jobs (nothing is written to docs/):
			'lean-api': { type: 'boolean', default: false }, // the stop log served by leanTwoSmsApi.js, not the simulator
			'batch-size': { type: 'string' }, // our 2sms node's Options → Batch Size
			'bare-node': { type: 'boolean', default: false }, // Remove from Stop Log replaced by bareNode.js
			'n8n-version': { type: 'string' },
			help: { type: 'boolean', short: 'h', default: false },
		},
	});
	return values;
}

function selectScenarios(options) {
	let list = allScenarios();
	if (options['real-n8n'] && !options.scenario) list = list.filter((scenario) => REAL_N8N_SCENARIOS.includes(scenario.name));
	if (options.quick) list = list.filter((scenario) => scenario.count === 1000);
	if (options.scenario) {
		const wanted = new Set(options.scenario);
		const known = list.map((scenario) => scenario.name);
		for (const name of wanted) {
			if (!known.includes(name)) throw new Error(`unknown scenario ${name}; one of: ${known.join(', ')}`);
		}
		list = list.filter((scenario) => wanted.has(scenario.name));
	}
	return list;
}

async function main() {
	const options = readOptions();
	if (options.help) {
		console.log('usage: node scripts/bench [--quick] [--scenario name ...] [--no-baseline] [--no-write]');
		console.log('       node scripts/bench --real-n8n [--cpu-profile] [--scenario name ...] [--tarball file.tgz] [--n8n-version 2.41.1]');
		console.log('       node scripts/bench --real-n8n --scenario twosms-remove-10000 [--lean-api] [--batch-size 500] [--bare-node]   (diagnostics; nothing written)');
		console.log(`scenarios: ${allScenarios().map((scenario) => scenario.name).join(', ')}`);
		return;
	}
	if (options['real-n8n']) return await mainRealN8n(options);
	const saved = options.from ? JSON.parse(fs.readFileSync(options.from, 'utf8')) : undefined;
	const scenarios = saved ? [] : selectScenarios(options);
	if (!saved) require('../lib/snapshot').snapshotPackage(); // one build for every run, whatever happens to dist/
	const machineLines = saved?.machineLines ?? machine();
	console.log(machineLines.join('\n'));
	const pairs = saved?.pairs ?? [];
	const started = Date.now();
	for (const scenario of scenarios) {
		process.stdout.write(`${scenario.name}: ours … `);
		const ours = await runScenario(scenario, 'ours');
		process.stdout.write(`${fixed(ours.wallSeconds, 2)} s`);
		let baseline;
		let floor;
		if (!scenario.memoryOnly && !options['no-baseline']) {
			process.stdout.write('; HTTP Request baseline … ');
			baseline = await runScenario(scenario, 'baseline');
			process.stdout.write(`${fixed(baseline.wallSeconds, 2)} s`);
		}
		if (!scenario.memoryOnly) {
			process.stdout.write('; floor … ');
			floor = await runScenario(scenario, 'floor');
			process.stdout.write(`${fixed(floor.wallSeconds, 2)} s`);
		}
		process.stdout.write('\n');
		pairs.push({ scenario, ours, baseline, floor });
	}
	const args = saved ? saved.args : process.argv.slice(2).join(' ');
	const markdown = resultsMarkdown({
		command: `node scripts/bench${args ? ` ${args}` : ''}`,
		seconds: saved?.seconds ?? (Date.now() - started) / 1000,
		machineLines,
		pairs,
	});
	console.log(`\n${markdown}`);
	if (!options['no-write']) {
		fs.writeFileSync(RESULTS_FILE, markdown);
		console.log(`written to ${path.relative(process.cwd(), RESULTS_FILE)}`);
	}
	if (!saved) {
		const raw = { args: process.argv.slice(2).join(' '), seconds: (Date.now() - started) / 1000, machineLines, pairs };
		fs.writeFileSync(path.join(__dirname, '..', '..', '.tmp', 'bench-raw.json'), JSON.stringify(raw, null, 1));
	}
}

async function mainRealN8n(options) {
	const { runRealN8nBench, whyNotWritten } = require('./realN8n');
	const { realMarkdown } = require('./realReport');
	const { profileLines } = require('./cpuProfile');
	const os = require('node:os');
	const machineLines = machine().filter((line) => !line.startsWith('- Node '));
	console.log(machineLines.join('\n'));
	const started = Date.now();
	let loadBefore = os.loadavg()[0];
	const diagnostics = [
		...(options['lean-api'] ? ['the 2sms routes were served by scripts/lib/leanTwoSmsApi.js (the same latency and cap on requests served at once, next to no CPU per record, no faults), not by the simulator.'] : []),
		...(options['batch-size'] !== undefined ? [`our 2sms node ran with Batch Size ${options['batch-size']}, not its default.`] : []),
		...(options['bare-node'] ? ["\"ours\" is the bare node (scripts/bench/bareNode.js): our package with Remove from Stop Log replaced by the least a node can do through n8n's helper (the same credential read once, sign-in, batches and senders; no checks, no read-back, no retries)."] : []),
	];
	const { pairs, version } = await runRealN8nBench({
		scenarios: selectScenarios(options),
		baseline: !options['no-baseline'],
		cpuProfile: options['cpu-profile'],
		leanApi: options['lean-api'],
		batchSize: options['batch-size'] === undefined ? undefined : Number(options['batch-size']),
		bareNode: options['bare-node'],
		tarball: options.tarball && path.resolve(options.tarball),
		version: options['n8n-version'],
		log: (line) => console.log(line),
		onResult(scenario, impl, result) {
			result.loadBefore = loadBefore;
			loadBefore = os.loadavg()[0];
			console.log(
				`${scenario.name} ${impl}: ${fixed(result.wallSeconds, 2)} s (n8n's record), ${result.requests} requests, ${result.connections} TCP connections, ${result.refused} refused, ${result.itemsLost} lost, ${result.sentTwice} twice, ${result.status}`,
			);
			if (result.profile) console.log(profileLines(`CPU profile of ${scenario.name}`, result.profile).join('\n'));
		},
	});
	const args = process.argv.slice(2).join(' ');
	const markdown = realMarkdown({ command: `node scripts/bench ${args}`, seconds: (Date.now() - started) / 1000, machineLines, version, pairs, diagnostics });
	console.log(`\n${markdown}`);
	fs.mkdirSync(path.join(__dirname, '..', '..', '.tmp'), { recursive: true });
	fs.writeFileSync(path.join(__dirname, '..', '..', '.tmp', 'bench-real-n8n-raw.json'), JSON.stringify({ args, machineLines, version, pairs }, null, 1));
	const refusal = whyNotWritten({
		scenarios: pairs.map((pair) => pair.scenario),
		fullSet: REAL_N8N_SCENARIOS,
		baseline: !options['no-baseline'],
		tarball: options.tarball,
		version: options['n8n-version'],
		cpuProfile: options['cpu-profile'],
		diagnostics,
		noWrite: options['no-write'],
	});
	if (refusal) console.log(`not written to ${path.relative(process.cwd(), REAL_RESULTS_FILE)}: ${refusal}`);
	else {
		fs.writeFileSync(REAL_RESULTS_FILE, markdown);
		console.log(`written to ${path.relative(process.cwd(), REAL_RESULTS_FILE)}`);
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
