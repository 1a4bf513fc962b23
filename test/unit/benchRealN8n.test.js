'use strict';
// The real-n8n bench's readers: the CPU profile summary charges samples to the right category
// and leaves n8n's start-up out, and the workflow given to `n8n execute` makes the bench's items.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { summarizeProfile } = require('../../scripts/bench/cpuProfile');
const { forRealN8n, itemsExpression } = require('../../scripts/bench/n8nWorkflow');
const { loadWorkflow } = require('../../scripts/bench/implementations');
const { opentactItems, twoSmsItems } = require('../../scripts/lib/fixture');

const OURS = '/root/.n8n/nodes/node_modules/n8n-nodes-opentact-2sms/dist/nodes/Opentact/transport/client.js';
const CACHE = '/root/.cache/n8n-nodes-opentact-2sms/n8n-2.41.1/node_modules';

function frame(id, functionName, url, children = []) {
	return { id, callFrame: { functionName, url, lineNumber: 0, columnNumber: 0, scriptId: '0' }, children };
}

test('a profile is summarized by category over the job only: start-up before our first sample is left out, our modules loading included', () => {
	const nodes = [
		frame(1, '(root)', '', [2, 3, 4, 8, 9, 10]),
		frame(2, 'wrapSafe', 'node:internal/modules/cjs/loader', []), // start-up
		frame(3, 'send', `file://${OURS}`, [5, 6]),
		frame(4, '(garbage collector)', ''),
		frame(5, 'getDecrypted', `file://${CACHE}/n8n/dist/credentials-helper.js`, [7]),
		frame(6, 'internalConnect', 'node:net'),
		frame(7, 'hkdfSync', 'node:internal/crypto/hkdf'),
		frame(8, '(anonymous)', `file://${CACHE}/sqlite3/lib/sqlite3.js`), // in the cache folder's name, not ours
		frame(9, '(idle)', ''),
		frame(10, 'wrapModuleLoad', 'node:internal/modules/cjs/loader', [11]), // n8n loading our package at start-up
		frame(11, '', `file://${OURS}`),
	];
	// Samples 1 ms apart: start-up (2, and our module loading: 11), then the job from our first to our last sample.
	const samples = [11, 2, 2, 3, 7, 8, 4, 6, 9, 3, 2];
	const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'profile-')), 'CPU.test.cpuprofile');
	fs.writeFileSync(file, JSON.stringify({ nodes, startTime: 0, endTime: 10_000, samples, timeDeltas: samples.map(() => 1000) }));

	const summary = summarizeProfile(file);
	expect(summary.byCategory).toEqual({
		'our nodes': 2,
		'credential load and decryption': 1,
		'SQLite / TypeORM': 1,
		'garbage collection': 1,
		'network (HTTP client, TCP, proxy)': 1,
		idle: 1,
	});
	expect(summary.totalMs).toBe(6);
	expect(summary.processMs).toBe(10);
});

test.each([
	['opentact', opentactItems],
	['twoSms', twoSmsItems],
])('the %s workflow for n8n execute makes the bench items and names the credential', (job, itemsOf) => {
	const credential = { id: 'benchCredential1', name: 'bench', type: job === 'opentact' ? 'opentactApi' : 'twoSmsApi' };
	const workflow = forRealN8n(loadWorkflow('ours', job, 'http://127.0.0.1:1'), { job, count: 1000, credential, id: 'benchWorkflow001', name: 'bench' });
	const made = new Function(`return ${itemsExpression(job, 1000)}`)();
	expect(made).toEqual(itemsOf(1000).map((item) => item.json));
	const ours = workflow.nodes.find((node) => node.type.startsWith('n8n-nodes-opentact-2sms.'));
	expect(ours.credentials).toEqual({ [credential.type]: { id: credential.id, name: credential.name } });
	expect(workflow.connections['One item each'].main[0][0].node).toBe(ours.name);
});

describe("the real-n8n run writes the README's figures (docs/benchmark-results.md) only when it is the full run", () => {
	const { whyNotWritten } = require('../../scripts/bench/realN8n');
	const { allScenarios } = require('../../scripts/bench/scenarios');
	const fullSet = ['twosms-remove-10000', 'opentact-disable-10000', 'opentact-disable-1000-rate50'];
	const full = {
		scenarios: allScenarios().filter((scenario) => fullSet.includes(scenario.name)),
		fullSet,
		baseline: true,
		tarball: undefined,
		version: undefined,
		cpuProfile: false,
		diagnostics: [],
		noWrite: false,
	};

	test('a full run of this checkout on the default n8n, with its baselines, is written', () => {
		expect(whyNotWritten(full)).toBeUndefined();
		expect(whyNotWritten({ ...full, version: '2.41.1' })).toBeUndefined();
	});

	test.each([
		['one scenario', { scenarios: full.scenarios.slice(0, 1) }, /partial run/],
		['another scenario instead of one of the set', { scenarios: [...full.scenarios.slice(1), allScenarios()[0]] }, /partial run/],
		['no baseline', { baseline: false }, /baseline/],
		['a package from --tarball', { tarball: '/tmp/old.tgz' }, /--tarball/],
		['another n8n', { version: '1.123.81' }, /1\.123\.81/],
		['a profiled run', { cpuProfile: true }, /profiled/],
		['a diagnostic', { diagnostics: ['lean'] }, /diagnostics/],
		['--no-write', { noWrite: true }, /--no-write/],
	])('%s is not', (_, change, why) => {
		expect(whyNotWritten({ ...full, ...change })).toMatch(why);
	});
});
