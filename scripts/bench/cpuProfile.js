'use strict';
// Where the CPU of `n8n execute` went: V8's .cpuprofile (NODE_OPTIONS=--cpu-prof) read sample by
// sample. Each sample is charged to a category by its stack, from the running function up: the
// first frame that belongs to a category decides, so time in Node's internals, native code or a
// shared library (JSON, streams, crypto) is charged to what called it (a TypeORM query, the
// credential's decryption, the HTTP client). Printed as milliseconds in total and per item.
const fs = require('node:fs');
const path = require('node:path');

/**
 * Our package's code: installed under some node_modules (real n8n), or this clone's dist/. Not
 * any path with the name in it: the n8n cache folder (~/.cache/n8n-nodes-opentact-2sms) holds
 * all of n8n.
 */
const isOurs = (frame) => /\/node_modules\/n8n-nodes-opentact-2sms\//.test(frame.url);

/** [category, test(frame)] in the order they are tried on each frame, leaf first. */
const RULES = [
	['garbage collection', (f) => f.functionName === '(garbage collector)'],
	['idle', (f) => f.functionName === '(idle)'],
	['our nodes', (f) => isOurs(f)],
	[
		'credential load and decryption',
		(f) =>
			/^(getDecrypted|decrypt|getCredentials|getCredentialsProperties|applyDefaultsAndOverwrites)$/.test(f.functionName) ||
			/credentials-helper|credentials\.js|cipher/.test(f.url),
	],
	['SQLite / TypeORM', (f) => /typeorm|sqlite|@n8n\/db\b|\/db\/dist\//.test(f.url)],
	[
		'network (HTTP client, TCP, proxy)',
		(f) =>
			/node:(net|_http_|http|https|tls|dns)|internal\/(net|http|dns|stream_base_commons)|axios|follow-redirects|agent-base|proxy-agent|backend-network|undici/.test(
				f.url,
			),
	],
	['n8n expressions', (f) => /expression|tournament|@n8n\/tournament|esprima|recast|ast-types/.test(f.url)],
	['n8n engine (n8n-core, n8n-workflow, cli)', (f) => /n8n-core|n8n-workflow|node_modules\/n8n\/|@n8n\//.test(f.url)],
];
const LIBRARY = '(program, natives, modules loaded)';

function categorize(node, byId, parentOf) {
	for (let current = node; current; current = byId.get(parentOf.get(current.id))) {
		const frame = current.callFrame;
		for (const [category, test] of RULES) if (test(frame)) return category;
	}
	return node.callFrame.functionName === '(program)' ? 'V8 / native (program)' : LIBRARY;
}

/**
 * Whether each node's stack is our package at work: a frame of ours on it, and no module loading
 * (n8n loads community packages at start-up, so our modules' own code runs long before the job).
 */
function oursInStack(profile, byId, parentOf) {
	const known = new Map();
	const check = (node) => {
		if (known.has(node.id)) return known.get(node.id);
		const parent = byId.get(parentOf.get(node.id));
		const above = parent ? check(parent) : { ours: false, loading: false };
		const { url } = node.callFrame;
		const found = { ours: above.ours || isOurs(node.callFrame), loading: above.loading || url.startsWith('node:internal/modules/') };
		known.set(node.id, found);
		return found;
	};
	for (const node of profile.nodes) check(node);
	return new Map([...known].map(([id, { ours, loading }]) => [id, ours && !loading]));
}

/**
 * { totalMs, jobMs, byCategory: { category: ms }, topFunctions: [{ name, ms }] } of one
 * .cpuprofile, counting only the samples of the job: from the first to the last sample with our
 * code at work on the stack (n8n's start-up, loading modules and opening its database, is left out;
 * `processMs` says how much the whole process spent).
 */
function summarizeProfile(file) {
	const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parentOf = new Map();
	for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
	const ours = oursInStack(profile, byId, parentOf);
	let first = -1;
	let last = -1;
	profile.samples.forEach((id, index) => {
		if (!ours.get(id)) return;
		if (first < 0) first = index;
		last = index;
	});
	const selfUs = new Map();
	let processUs = 0;
	let jobUs = 0;
	profile.samples.forEach((id, index) => {
		const delta = profile.timeDeltas[index] ?? 0;
		const idle = byId.get(id).callFrame.functionName === '(idle)';
		if (!idle) processUs += delta;
		if (index < first || index > last) return;
		if (!idle) jobUs += delta;
		selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
	});
	const byCategory = {};
	const byFunction = new Map();
	let totalUs = 0;
	for (const [id, us] of selfUs) {
		const node = byId.get(id);
		const category = categorize(node, byId, parentOf);
		byCategory[category] = (byCategory[category] ?? 0) + us / 1000;
		if (category === 'idle') continue;
		totalUs += us;
		const { functionName, url, lineNumber } = node.callFrame;
		const where = url ? `${url.replace(/^.*node_modules\//, '').replace(/^file:\/\//, '')}:${lineNumber + 1}` : '';
		const name = `${functionName || '(anonymous)'} ${where}`.trim();
		byFunction.set(name, (byFunction.get(name) ?? 0) + us / 1000);
	}
	const topFunctions = [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([name, ms]) => ({ name, ms }));
	return { file, totalMs: totalUs / 1000, processMs: processUs / 1000, jobMs: jobUs / 1000, byCategory, topFunctions };
}

/**
 * The busiest profile in `dir` (n8n's main process; task runners and helpers write their own),
 * with per-item and per-request figures.
 */
function summarizeProfiles(dir, { items, requests }) {
	const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => name.endsWith('.cpuprofile')) : [];
	if (!files.length) return { error: `no .cpuprofile in ${dir}` };
	const summaries = files.map((name) => summarizeProfile(path.join(dir, name)));
	const main = summaries.sort((a, b) => b.processMs - a.processMs)[0];
	return { ...main, items, requests, processes: files.length };
}

const ms = (value) => value.toFixed(0).padStart(7);
const perItem = (value, count) => (value / count).toFixed(3).padStart(6);

/** Lines a reader can compare across runs: CPU per category, in ms, per item and share. */
function profileLines(label, summary) {
	if (summary.error) return [`${label}: ${summary.error}`];
	const categories = Object.entries(summary.byCategory)
		.filter(([category]) => category !== 'idle')
		.sort((a, b) => b[1] - a[1]);
	return [
		`${label}: ${(summary.totalMs / 1000).toFixed(1)} s of CPU in n8n's main process during the job (${(summary.processMs / 1000).toFixed(1)} s with start-up; ${summary.items} items, ${summary.requests} requests; ${path.basename(summary.file)})`,
		'   ms total  ms/item  share  category',
		...categories.map(
			([category, value]) =>
				`   ${ms(value)}   ${perItem(value, summary.items)}  ${((value / summary.totalMs) * 100).toFixed(0).padStart(4)}%  ${category}`,
		),
		'  top functions by self time:',
		...summary.topFunctions.slice(0, 10).map(({ name, ms: value }) => `   ${ms(value)}  ${name}`),
	];
}

module.exports = { summarizeProfile, summarizeProfiles, profileLines };
