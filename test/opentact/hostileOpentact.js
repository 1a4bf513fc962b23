'use strict';
// A small stand-in for Opentact on 127.0.0.1 that answers what a test tells it to: answers our
// simulator would never give (another number's lease, a page without total, a refusal in other
// words). It records every request, so a test can assert what the node sent, or did not send.
const http = require('node:http');
const { runWorkflow } = require('../../harness');
const { opentactWorkflow } = require('./helpers');

const API_KEY = 'hostileApiKey0123456789abcdefghijklmnopqrstuvwxyzAB';

/** The success envelope Opentact wraps every payload in. */
const ok = (payload) => ({ status: 200, body: { success: true, payload } });
/** The error envelope, HTTP status equal to `status`. */
const refuse = (status, message, fields = {}) => ({ status, body: { success: false, message, status, meta: 'Error', fields } });

/** A lease in Opentact's shape; `sms` says whether it carries an SMS subscription. */
function lease(tn, uuid, { sms = true } = {}) {
	return {
		uuid,
		tn: { tn: Number(tn), country_code: 1 },
		autorenew: true,
		expired_on: null,
		messaging_profile: null,
		subscriptions: sms ? [{ uuid: 'c5cc6326-0023-43d8-81a5-e7b7e019919d', type: 'sms' }] : [],
	};
}

/** A subscription object as DELETE and POST answer it (the documented one, trimmed). */
const subscription = () => ({ uuid: 'c5cc6326-0023-43d8-81a5-e7b7e019919d', type: 'sms', messaging_profile: { uuid: 'd8ddc2c8-3e41-471f-83e7-3b2a771241f7', name: 'p' } });

/**
 * Starts the stand-in. `answer({method, path, query, body}, requestsSoFar)` returns (or resolves
 * to) {status, body} (body JSON), 'drop' to close the connection without an answer, or undefined
 * for a 404 "no such route".
 */
async function startHostileOpentact(answer) {
	const requests = [];
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			const url = new URL(req.url, 'http://127.0.0.1');
			const raw = Buffer.concat(chunks).toString('utf8');
			const request = {
				method: req.method,
				path: url.pathname.replace(/^\/rest/, ''),
				query: Object.fromEntries(url.searchParams),
				body: raw ? JSON.parse(raw) : null,
				apiKey: req.headers['x-auth-token'] === API_KEY,
			};
			requests.push(request);
			void Promise.resolve(answer(request, requests)).then((given) => {
				const reply = given ?? refuse(404, `Cannot ${req.method} ${url.pathname}`);
				if (reply === 'drop') return req.socket.destroy();
				const text = JSON.stringify(reply.body);
				res.writeHead(reply.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
				res.end(text);
			});
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const baseUrl = `http://127.0.0.1:${server.address().port}/rest`;
	return {
		baseUrl,
		requests,
		/** Requests other than the sign-in, e.g. sent('DELETE'). */
		sent: (method, path) => requests.filter((entry) => entry.method === method && (path === undefined || entry.path === path)),
		close: () =>
			new Promise((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

/** Runs a fixture workflow (test/workflows/opentact) against the stand-in with an API key. */
async function runAgainst(hostile, name, input, overrides = {}) {
	return await runWorkflow(opentactWorkflow(name, overrides), {
		credentials: { opentactApi: { environment: 'custom', baseUrl: hostile.baseUrl, authentication: 'apiKey', apiKey: API_KEY } },
		input: input.map((json) => ({ json })),
	});
}

module.exports = { startHostileOpentact, runAgainst, ok, refuse, lease, subscription, API_KEY };
