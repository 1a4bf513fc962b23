'use strict';
// The whole setup a person or the acceptance suite needs around one real n8n: the simulator
// (standalone, as `node simulator/cli.js`), this package packed and installed into n8n's
// community-package folder from a local registry, credentials pointing at the simulator, and
// the example workflows imported (and the webhook ones published).
const fs = require('node:fs');
const path = require('node:path');
const { startSimulatorProcess } = require('../lib/simulatorProcess');
const { startRegistry } = require('../lib/registry');
const { REPO, buildAndPack, installCommunityPackage } = require('../lib/pack');
const { N8nInstance } = require('../lib/instance');
const { runtimeEnv, log } = require('../lib/runtime');
const { n8nCredentialImport } = require('../../harness/simulatorCredentials');

const EXAMPLES_DIR = path.join(REPO, 'examples');

/** Every example workflow in examples/, with a stable 16-character id derived from its file name. */
function exampleWorkflows() {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => {
			const workflow = JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8'));
			const id = `ex${file.replace(/\.json$/, '').replace(/[^a-zA-Z0-9]/g, '')}`
				.padEnd(16, '0')
				.slice(0, 16);
			const webhook = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.webhook');
			return {
				file,
				id,
				name: workflow.name,
				workflow,
				webhookPath: webhook?.parameters?.path,
				webhookMethod: webhook?.parameters?.httpMethod ?? 'GET',
			};
		});
}

/**
 * Prepares an n8n user folder: installs the packed package from the local registry, imports the
 * credentials and the examples (the files as shipped, plus an id so they can be run by id), and
 * publishes (2.x) or activates (1.x) the webhook examples. Returns the example list.
 */
async function prepareInstance(n8n, { sim, registry, workDir, keepExamples = false }) {
	const env = runtimeEnv(n8n.version);
	const started = Date.now();
	await installCommunityPackage({
		nodesDir: n8n.nodesDir,
		registryUrl: registry.url,
		name: registry.name,
		version: registry.version,
		env,
	});
	log(
		`installed ${registry.name}@${registry.version} into ${n8n.nodesDir} (${Date.now() - started} ms)`,
	);

	const credentialsFile = path.join(workDir, 'credentials.json');
	fs.writeFileSync(credentialsFile, JSON.stringify(n8nCredentialImport(sim), null, 2));
	await n8n.cli(['import:credentials', `--input=${credentialsFile}`]);

	const examples = exampleWorkflows();
	// Kept from an earlier run (launch --keep): the user may have changed the examples, so they are
	// imported once only. The credentials above are always re-imported: the simulator's port is new.
	const importedMarker = path.join(workDir, 'examples-imported');
	if (keepExamples && fs.existsSync(importedMarker)) return examples;
	const workflowsDir = path.join(workDir, 'workflows');
	fs.rmSync(workflowsDir, { recursive: true, force: true });
	fs.mkdirSync(workflowsDir, { recursive: true });
	for (const example of examples) {
		fs.writeFileSync(
			path.join(workflowsDir, example.file),
			JSON.stringify({ ...example.workflow, id: example.id }, null, 2),
		);
	}
	await n8n.cli(['import:workflow', '--separate', `--input=${workflowsDir}`]);
	for (const example of examples.filter((entry) => entry.webhookPath)) {
		if (n8n.major >= 2) await n8n.cli(['publish:workflow', `--id=${example.id}`]);
		else await n8n.cli(['update:workflow', `--id=${example.id}`, '--active=true']);
	}
	fs.writeFileSync(importedMarker, `${new Date().toISOString()}\n`);
	return examples;
}

/** Simulator + registry + a prepared n8n (not started). `close()` stops everything it started. */
async function createStack({ version, workDir, port, onOutput, build = true, tarball: packed, keepExamples = false }) {
	fs.mkdirSync(workDir, { recursive: true });
	const opened = [];
	try {
		const sim = await startSimulatorProcess({ onOutput });
		opened.push(() => sim.stop());
		const tarball = packed ?? (await buildAndPack(path.join(workDir, 'pack'), { build })).tarball;
		const registry = await startRegistry({ tarball });
		opened.push(() => registry.close());
		const n8n = await new N8nInstance({
			version,
			userFolder: path.join(workDir, 'n8n-user'),
			port,
			onOutput,
		}).init();
		opened.push(() => n8n.stopAll());
		const examples = await prepareInstance(n8n, { sim, registry, workDir, keepExamples });
		return {
			sim,
			registry,
			tarball,
			n8n,
			examples,
			close: async () => {
				for (const close of opened.reverse()) await close().catch(() => {});
			},
		};
	} catch (error) {
		for (const close of opened.reverse()) await close().catch(() => {});
		throw error;
	}
}

module.exports = {
	createStack,
	exampleWorkflows,
	prepareInstance,
};
