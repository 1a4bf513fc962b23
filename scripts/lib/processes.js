'use strict';
// Child processes of the suite and of `npm run n8n`: each runs in its own process group, is
// remembered, and is killed (group-wide, so n8n's task runners go too) on exit, Ctrl+C or an
// uncaught error. Every wait has a deadline.
const { spawn } = require('node:child_process');
const net = require('node:net');

const running = new Set();

function killGroup(child, signal) {
	if (child.exitCode !== null || child.signalCode !== null) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		try {
			child.kill(signal);
		} catch {
			/* already gone */
		}
	}
}

function killAllNow() {
	for (const child of running) killGroup(child, 'SIGKILL');
}

let hooked = false;
function hookExit() {
	if (hooked) return;
	hooked = true;
	process.on('exit', killAllNow);
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		process.on(signal, () => {
			killAllNow();
			process.exit(signal === 'SIGINT' ? 130 : 143);
		});
	}
}

/**
 * Spawns `command args` in its own process group. Output goes to `onOutput(text)` (and is kept,
 * capped, in `child.output()`). Returns the ChildProcess with `done` (a promise of the exit code).
 */
function startProcess(command, args, { env, cwd, onOutput, name = command } = {}) {
	hookExit();
	const child = spawn(command, args, {
		env,
		cwd,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	running.add(child);
	let output = '';
	const keep = (chunk) => {
		const text = chunk.toString();
		output = (output + text).slice(-2_000_000);
		onOutput?.(text);
	};
	child.stdout.on('data', keep);
	child.stderr.on('data', keep);
	child.name = name;
	child.output = () => output;
	child.done = new Promise((resolve) => {
		child.on('error', (error) => {
			keep(`\n[spawn error] ${error.message}\n`);
			running.delete(child);
			resolve(-1);
		});
		child.on('close', (code, signal) => {
			running.delete(child);
			resolve(code ?? (signal ? 128 : -1));
		});
	});
	return child;
}

/** Runs to completion within `timeoutMs` (then kills the group and rejects). Resolves {code, output}. */
async function runProcess(command, args, { timeoutMs = 120_000, ...options } = {}) {
	const child = startProcess(command, args, options);
	let timer;
	const timedOut = new Promise((_, reject) => {
		timer = setTimeout(() => {
			killGroup(child, 'SIGKILL');
			reject(
				new Error(
					`${options.name ?? command} ${args.join(' ')} did not finish within ${timeoutMs} ms\n${child.output().slice(-4000)}`,
				),
			);
		}, timeoutMs);
	});
	try {
		const code = await Promise.race([child.done, timedOut]);
		return { code, output: child.output() };
	} finally {
		clearTimeout(timer);
	}
}

/** SIGTERM the group, then SIGKILL if it is still there after `graceMs`. */
async function stopProcess(child, graceMs = 10_000) {
	if (!child || child.exitCode !== null || child.signalCode !== null) return;
	killGroup(child, 'SIGTERM');
	const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
	await child.done;
	clearTimeout(timer);
}

/** A TCP port free on 127.0.0.1 right now (the OS picks it). */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/** Rejects if something already listens on 127.0.0.1:port. */
function assertPortFree(port) {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', () =>
			reject(
				new Error(`port ${port} on 127.0.0.1 is in use; stop what uses it or choose another port`),
			),
		);
		server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
	});
}

/** Polls `check()` until it returns a truthy value or `timeoutMs` passes. */
async function waitFor(what, check, { timeoutMs = 60_000, intervalMs = 250, child } = {}) {
	const deadline = Date.now() + timeoutMs;
	let lastError;
	while (Date.now() < deadline) {
		if (child && (child.exitCode !== null || child.signalCode !== null)) {
			throw new Error(
				`${child.name} exited (${child.exitCode ?? child.signalCode}) while waiting for ${what}\n${child.output().slice(-6000)}`,
			);
		}
		try {
			const value = await check();
			if (value) return value;
		} catch (error) {
			lastError = error;
		}
		await new Promise((resolve) => setTimeout(resolve, intervalMs));
	}
	throw new Error(
		`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${lastError.message})` : ''}${child ? `\n${child.output().slice(-6000)}` : ''}`,
	);
}

module.exports = {
	startProcess,
	runProcess,
	stopProcess,
	freePort,
	assertPortFree,
	waitFor,
	killAllNow,
};
