'use strict';

const http = require('node:http');
const https = require('node:https');
const { OPENTACT_CALLBACK_SECONDARY_WITHOUT_PRIMARY } = require('../assumed');

// The simulator calls back only to this machine, so no fixture or test typo sends data elsewhere.
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
// What an attempt came to; the first two are final, the others let Opentact try callback_url2.
const FINAL = new Set(['delivered', 'rejected']);

/**
 * Opentact's webhook for inbound SMS: POST the message as flat JSON to the profile's callback_url,
 * and to callback_url2 when the primary cannot be reached, answers 5xx or times out (ASSUMED
 * details in assumed.js). Every attempt is recorded; deliver() resolves when the message's
 * attempts are over, settled() when every delivery started so far is.
 */
function createCallbacks({ faults, timeoutMs }) {
	let attempts = [];
	let seq = 0;
	let generation = 0; // reset() starts a new one; older deliveries stop and record nothing more
	const running = new Set();
	const open = new Set(); // abort functions of requests in flight

	function deliver(message, profile) {
		const delivery = run(message, profile);
		running.add(delivery);
		delivery.finally(() => running.delete(delivery)).catch(() => {});
		return delivery;
	}

	async function run(message, profile) {
		const mine = generation;
		const made = [];
		const primary = profile?.callback_url ?? null;
		const useSecondary = Boolean(primary) || OPENTACT_CALLBACK_SECONDARY_WITHOUT_PRIMARY;
		const targets = [
			['primary', primary],
			['secondary', useSecondary ? (profile?.callback_url2 ?? null) : null],
		].filter(([, url]) => url);
		const payload = JSON.stringify(message);

		for (const [target, url] of targets) {
			const fault = faults.pickCallback('POST', pathOf(url));
			const sends = fault?.kind === 'callbackDuplicate' ? 2 : 1;
			const outcomes = [];
			for (let send = 1; send <= sends; send++) {
				const result = await attempt(url, payload, send === 1 ? fault : null);
				if (generation !== mine) return made;
				const entry = {
					seq: ++seq,
					at: result.at,
					message: message.uuid,
					to: message.to,
					target,
					url,
					duplicate: send > 1,
					fault: fault?.kind ?? null,
					status: result.status,
					outcome: result.outcome,
					error: result.error,
					durationMs: result.durationMs,
				};
				attempts.push(entry);
				made.push({ ...entry });
				outcomes.push(result.outcome);
			}
			if (outcomes.some((outcome) => FINAL.has(outcome))) break;
		}
		return made;
	}

	/** One POST; resolves to {at, status, outcome, error, durationMs}, never rejects. */
	function attempt(url, payload, fault) {
		const at = new Date().toISOString();
		const started = performance.now();
		const done = (outcome, status, error) => ({
			at,
			status,
			outcome,
			error,
			durationMs: Math.round((performance.now() - started) * 10) / 10,
		});
		if (fault?.kind === 'callbackDown')
			return Promise.resolve(done('unreachable', null, 'connection refused (fault callbackDown)'));
		const target = loopbackUrl(url);
		if (target.error) return Promise.resolve(done('unreachable', null, target.error));

		return new Promise((resolve) => {
			let settled = false;
			const client = target.url.protocol === 'https:' ? https : http;
			const request = client.request(target.url, {
				method: 'POST',
				agent: false,
				headers: {
					'content-type': 'application/json',
					'content-length': Buffer.byteLength(payload),
					connection: 'close',
				},
			});
			const finish = (outcome, status, error) => {
				if (settled) return;
				settled = true;
				clearTimeout(timer);
				open.delete(abort);
				request.destroy();
				resolve(done(outcome, status, error));
			};
			const abort = () => finish('aborted', null, 'simulator reset or closed');
			open.add(abort);
			const timer = setTimeout(
				() => finish('timeout', null, `no answer within ${timeoutMs} ms`),
				timeoutMs,
			);
			request.on('response', (response) => {
				response.resume(); // the answer's body means nothing to Opentact
				response.on('end', () => {
					const status = response.statusCode;
					if (fault?.kind === 'callbackTimeout') {
						finish('timeout', null, `answered ${status} too late (fault callbackTimeout)`);
					} else finish(classify(status), status, null);
				});
				response.on('error', (error) => finish('unreachable', null, error.code ?? error.message));
				response.on('close', () => finish('unreachable', null, 'connection closed mid-answer'));
			});
			request.on('error', (error) => finish('unreachable', null, error.code ?? error.message));
			request.end(payload);
		});
	}

	return {
		deliver,
		/** Resolves when every delivery started so far (and any they lead to) is over. */
		async settled() {
			while (running.size > 0) await Promise.allSettled([...running]);
		},
		attempts: () => attempts.map((entry) => ({ ...entry })),
		/** sim.reset() and close(): stop what is in flight and forget every attempt. */
		reset() {
			generation += 1;
			for (const abort of [...open]) abort();
			attempts = [];
			seq = 0;
		},
	};
}

function classify(status) {
	if (status >= 200 && status < 300) return 'delivered';
	return status >= 500 ? 'serverError' : 'rejected';
}

function loopbackUrl(text) {
	let url;
	try {
		url = new URL(text);
	} catch {
		return { error: 'not a valid URL' };
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:')
		return { error: `unsupported protocol ${url.protocol}` };
	if (!LOOPBACK_HOSTS.has(url.hostname))
		return { error: `the simulator calls back only to 127.0.0.1/localhost, not ${url.hostname}` };
	return { url };
}

function pathOf(text) {
	try {
		return new URL(text).pathname;
	} catch {
		return '/';
	}
}

module.exports = { createCallbacks };
