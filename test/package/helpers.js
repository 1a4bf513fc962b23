'use strict';
// A fresh copy of the project, as a clone would have it: the files git knows (committed, or new
// and not ignored), no dist/, node_modules linked from this checkout (no install). Used to check
// what packing, publishing and linting do on sources nobody has built.
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { REPO_ROOT } = require('../../harness/env');

function projectFiles() {
	const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
		cwd: REPO_ROOT,
		encoding: 'utf8',
	});
	// A file deleted in the working tree but not yet in a commit is still listed: skip it.
	return listed.split('\0').filter((file) => file && fs.existsSync(path.join(REPO_ROOT, file)));
}

/** Copies the project into a new temp folder; returns { dir, remove }. */
function freshCopy() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-opentact-2sms-copy-'));
	for (const file of projectFiles()) {
		const target = path.join(dir, file);
		fs.mkdirSync(path.dirname(target), { recursive: true });
		fs.copyFileSync(path.join(REPO_ROOT, file), target);
	}
	fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'));
	return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Environment for an npm run in a test: nothing from the jest run (NODE_ENV=test makes
 * eslint-plugin-n8n-nodes-base check made-up file names), the npm run or the CI job that started it
 * (npm_* settings, the CI markers npm reads to pick a provenance provider), and no update checks.
 */
function cleanEnv(extra = {}) {
	const env = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (key === 'NODE_ENV' || key.startsWith('JEST_')) continue;
		if (/^npm_/i.test(key) || key === 'CI' || key.startsWith('GITHUB_') || key.startsWith('GITLAB_') || key.startsWith('RUNNER_')) continue;
		if (key === 'ACTIONS_ID_TOKEN_REQUEST_URL' || key === 'ACTIONS_ID_TOKEN_REQUEST_TOKEN') continue;
		env[key] = value;
	}
	return { ...env, npm_config_update_notifier: 'false', npm_config_audit: 'false', npm_config_fund: 'false', ...extra };
}

/** Runs a command to completion; resolves { code, stdout, stderr } (never rejects on exit codes). */
function run(command, args, { cwd, env = cleanEnv(), timeoutMs = 240_000 } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`${command} ${args.join(' ')} did not finish within ${timeoutMs} ms\n${stdout}\n${stderr}`));
		}, timeoutMs);
		child.on('error', reject);
		child.on('close', (code) => {
			clearTimeout(timer);
			resolve({ code, stdout, stderr });
		});
	});
}

module.exports = { freshCopy, cleanEnv, run, REPO_ROOT };
