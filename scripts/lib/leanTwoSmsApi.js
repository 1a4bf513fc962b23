'use strict';
// A 2sms stop-log API that spends next to no CPU per record, for the bench's real-n8n mode
// (`--lean-api`, a diagnostic). The simulator answers a 100-record batch in 2-4 ms of its own
// CPU, on the same two cores as n8n, and writes the ten answers of a round one after another, so
// with it a batch holds a serving slot 30-38 ms where the issue's set-up names 20 ms. This API
// keeps the set-up (the same latency and cap on requests served at once, through the
// simulator's own `createLimits`, so "API ms per slot" means the same) and the stop log's state
// (so the bench still counts changes not made and made twice), signs in and checks tokens with
// the simulator's own 2sms auth, and does little else: no faults,
// no rate limit, no request log, no validation beyond what the bench's own workflow sends.
// Only the routes the 2sms Remove/Add job uses: POST /Token, DELETE and POST
// api/v1/addressbook/stoplog. Not a stand-in for the simulator anywhere else.
const http = require('node:http');
const { createLimits } = require('../../simulator/control/limits');
const { jsonResponse } = require('../../simulator/http/respond');
const { createTwoSmsAuth } = require('../../simulator/twoSms/auth');
const { successEnvelope } = require('../../simulator/twoSms/envelope');
const { destinationDigits } = require('../../simulator/twoSms/records');
const { TWO_SMS_STOP_LOG_STATUS } = require('../../simulator/assumed');

const STOP_LOG_PATH = '/api/v1/addressbook/stoplog';

/**
 * Starts the API on 127.0.0.1. `destinations`: the numbers (digits) on the stop log at the start,
 * all for `shortCode`; `credentials`: { clientId, clientSecret } a sign-in must present;
 * `onEntry(text, entry)`: called once per answered request with an entry shaped like the
 * simulator's request log entries (requestStats.js counts them), `text` empty.
 * Resolves to { url, isOnStopLog(digits), slotUsage(), resetSlotUsage(), close() }.
 */
async function startLeanTwoSmsApi({ latencyMs, maxConcurrent, destinations, shortCode, credentials, userId = 'lean-2sms-user', onEntry }) {
	const limits = createLimits({ latencyMs, maxConcurrent });
	const onLog = new Set(destinations);
	const auth = createTwoSmsAuth({ account: credentials, ttlSeconds: 28_800 });
	let seq = 0;

	/** A response description (simulator/http/respond.js), plus the records a stop-log change carried. */
	function serve(method, path, headers, raw) {
		if (method === 'POST' && path === '/Token') {
			return auth.issueToken({ headers, body: { type: 'form', value: Object.fromEntries(new URLSearchParams(raw)) } });
		}
		if ((method === 'DELETE' || method === 'POST') && path.toLowerCase() === STOP_LOG_PATH) {
			const { denied } = auth.authenticate(headers);
			if (denied) return denied;
			const records = JSON.parse(raw);
			const adding = method === 'POST';
			const Records = records.map((record) => {
				const digits = destinationDigits(record.Destination);
				const changed = onLog.has(digits) !== adding;
				if (adding) onLog.add(digits);
				else onLog.delete(digits);
				const status = adding
					? changed ? TWO_SMS_STOP_LOG_STATUS.added : TWO_SMS_STOP_LOG_STATUS.alreadyOnStopLog
					: changed ? TWO_SMS_STOP_LOG_STATUS.removed : TWO_SMS_STOP_LOG_STATUS.notOnStopLog;
				return { Destination: digits, MessageID: null, Status: status, ShortCode: record.ShortCode ?? shortCode };
			});
			return { ...jsonResponse(200, successEnvelope(userId, { Records, CreditsUsed: 0, CreditsRemaining: 1000 })), records };
		}
		return jsonResponse(404, { Message: 'No such route in the lean 2sms API' });
	}

	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', async () => {
			const at = new Date().toISOString();
			const started = performance.now();
			const release = await limits.acquire();
			setTimeout(() => {
				const path = new URL(req.url, 'http://lean.invalid').pathname;
				let served;
				try {
					served = serve(req.method, path, req.headers, Buffer.concat(chunks).toString('utf8'));
				} catch (error) {
					served = jsonResponse(400, { Message: `unreadable request: ${error.message}` });
				}
				res.writeHead(served.status, { ...served.headers, 'content-length': Buffer.byteLength(served.body) });
				res.end(served.body);
				release();
				seq += 1;
				onEntry?.('', {
					seq,
					at,
					api: 'twoSms',
					method: req.method,
					path,
					query: {},
					headers: {},
					body: served.records ?? null,
					status: served.status,
					fault: null,
					durationMs: Math.round((performance.now() - started) * 10) / 10,
				});
			}, limits.latencyMs);
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${server.address().port}`,
		isOnStopLog: (digits) => onLog.has(digits),
		slotUsage: () => limits.slotUsage(),
		resetSlotUsage: () => limits.resetUsage(),
		close: () =>
			new Promise((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

module.exports = { startLeanTwoSmsApi };
