#!/usr/bin/env node
'use strict';
// npm run bench [-- --quick] [-- --scenario <name>]: our nodes against n8n's HTTP Request node,
// one child process per run (so CPU and RSS are that run's), through n8n's engine, against the
// simulator in a further process set up like a real API. Prints a table and writes
// docs/benchmark-results.md (docs/performance.md links it; `--no-write` leaves it alone).
// Needs `npm run build` first (the harness runs the built dist/).
const fs = require('node:fs');
const path = require('node:path');
const { parseArgs } = require('node:util');
const { allScenarios } = require('./scenarios');
const { runScenario } = require('./runScenario');
const { resultsMarkdown, machine, fixed } = require('./report');

const RESULTS_FILE = path.join(__dirname, '..', '..', 'docs', 'benchmark-results.md');

function readOptions() {
	const { values } = parseArgs({
		options: {
			quick: { type: 'boolean', default: false },
			scenario: { type: 'string', multiple: true },
			'no-baseline': { type: 'boolean', default: false },
			'no-write': { type: 'boolean', default: false },
			from: { type: 'string' }, // re-render the table from a saved raw JSON (bench-raw.json)
			help: { type: 'boolean', short: 'h', default: false },
		},
	});
	return values;
}

function selectScenarios(options) {
	let list = allScenarios();
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
		console.log(`scenarios: ${allScenarios().map((scenario) => scenario.name).join(', ')}`);
		return;
	}
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

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
