'use strict';
// A 2sms stop-log API that spends next to no CPU per record, for the bench's real-n8n mode
// (`--lean-api`, a diagnostic). The simulator answers a 100-record batch in 2-4 ms of its own
// CPU, on the same two cores as n8n, and writes the ten answers of a round one after another, so
// with it a batch holds a serving slot 30-38 ms where the set-up names 20 ms. This API
// keeps the set-up (the same latency and cap on requests served at once, through the
// simulator's own `createLimits`, so "API ms per slot" means the same) and the stop log's state
// (so the bench still counts changes not made and made twice), and does little else: no faults,
// no rate limit, no request log, no validation beyond what the bench's own workflow sends.
// Only the routes the 2sms Remove/Add job uses: POST /Token, DELETE and POST
// api/v1/addressbook/stoplog. Not a stand-in for the simulator anywhere else.
const http = require('node:http');
const crypto = require('node:crypto');
const { createLimits } = require('../../simulator/control/limits');
const { successEnvelope } = require('../../simulator/twoSms/envelope');
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
	const tokens = new Set();
	let seq = 0;

	const answer = (res, status, body) => {
		const text = JSON.stringify(body);
		res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
		res.end(text);
	};

	function serve(method, path, headers, raw) {
		if (method === 'POST' && path === '/Token') {
			const form = new URLSearchParams(raw);
			if (form.get('client_id') !== credentials.clientId || form.get('client_secret') !== credentials.clientSecret) {
				return { status: 400, body: { error: 'invalid_client' } };
			}
			const token = crypto.randomBytes(24).toString('base64url');
			tokens.add(token);
			return { status: 200, body: { access_token: token, token_type: 'bearer', expires_in: 28800 } };
		}
		if ((method === 'DELETE' || method === 'POST') && path.toLowerCase() === STOP_LOG_PATH) {
			const token = /^Bearer (\S+)$/.exec(String(headers.authorization ?? ''))?.[1];
			if (!token || !tokens.has(token)) return { status: 401, body: { Message: 'Authorization has been denied for this request.' } };
			const records = JSON.parse(raw);
			const adding = method === 'POST';
			const Records = records.map((record) => {
				const digits = String(record.Destination).replace(/^\+/, '');
				const changed = onLog.has(digits) !== adding;
				if (adding) onLog.add(digits);
				else onLog.delete(digits);
				const status = adding
					? changed ? TWO_SMS_STOP_LOG_STATUS.added : TWO_SMS_STOP_LOG_STATUS.alreadyOnStopLog
					: changed ? TWO_SMS_STOP_LOG_STATUS.removed : TWO_SMS_STOP_LOG_STATUS.notOnStopLog;
				return { Destination: digits, MessageID: null, Status: status, ShortCode: record.ShortCode ?? shortCode };
			});
			return { status: 200, body: successEnvelope(userId, { Records, CreditsUsed: 0, CreditsRemaining: 1000 }), records };
		}
		return { status: 404, body: { Message: 'No such route in the lean 2sms API' } };
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
					served = { status: 400, body: { Message: `unreadable request: ${error.message}` } };
				}
				answer(res, served.status, served.body);
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
