'use strict';

const { spawn } = require('node:child_process');
const path = require('node:path');
const { call, loadDefaultFixture } = require('./helpers');

const CLI = path.join(__dirname, '..', '..', 'simulator', 'cli.js');

/** Starts the CLI and resolves once it has printed its banner. */
function startCli(args) {
	const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	const ready = new Promise((resolve, reject) => {
		child.stdout.on('data', (chunk) => {
			output += chunk;
			if (output.includes('Ctrl+C')) resolve();
		});
		child.stderr.on('data', (chunk) => {
			output += chunk;
		});
		child.on('exit', (code) => reject(new Error(`CLI exited early (${code}): ${output}`)));
	});
	const exited = new Promise((resolve) =>
		child.on('exit', (code, signal) => resolve({ code, signal })),
	);
	return { child, ready, exited, output: () => output };
}

describe('simulator CLI', () => {
	test('starts standalone, prints both base URLs and credentials, and stops cleanly on SIGTERM', async () => {
		const cli = startCli(['--port', '0', '--latency', '1', '--log']);
		try {
			await cli.ready;
			const printed = cli.output();
			const { opentact, twoSms } = loadDefaultFixture();
			for (const value of [
				opentact.apiKey,
				opentact.user.email,
				opentact.user.password,
				twoSms.clientId,
				twoSms.clientSecret,
			]) {
				expect(printed).toContain(value);
			}
			const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(printed)[1];
			expect(printed).toContain(`${url}/rest`);
			expect(printed).toContain('/__sim/requests.txt');

			const answer = await call(`${url}/rest/lease/tn/12017771234/tn`, {
				headers: { 'x-auth-token': opentact.apiKey },
			});
			expect(answer.status).toBe(200);
			await new Promise((resolve) => setTimeout(resolve, 50));
			expect(cli.output()).toContain('GET /rest/lease/tn/12017771234/tn -> 200');
		} finally {
			cli.child.kill('SIGTERM');
		}
		expect(await cli.exited).toEqual({ code: 0, signal: null });
	});
});
