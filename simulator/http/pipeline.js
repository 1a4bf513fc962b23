'use strict';

const http = require('node:http');
const { readBody } = require('./body');
const { jsonResponse, proxyErrorPage, truncate, retryAfterHeader } = require('./respond');

/**
 * One API request, start to finish: read and record it, apply the rate limit, pick faults,
 * wait for a serving slot and the configured latency, then answer — or misbehave as told.
 *
 * An API is an object with: name, owns(path), parseBody(contentType, raw), serve(ctx) → response,
 * presentsToken(ctx),
 * failures.{status, rateLimited, expiredToken, errorCode200}, save() / restore(saved).
 */
function createPipeline({ apis, recorder, limits, faults, admin }) {
	async function handle(req, res) {
		const url = new URL(req.url, 'http://simulator.invalid');
		if (url.pathname === '/__sim' || url.pathname.startsWith('/__sim/'))
			return admin(req, res, url);

		const api = apis.find((candidate) => candidate.owns(url.pathname));
		const { raw, tooLarge } = await readBody(req);
		const body = api.parseBody(req.headers['content-type'], raw);
		const query = Object.fromEntries(url.searchParams);
		const ctx = { method: req.method, path: url.pathname, query, headers: req.headers, body };
		const record = recorder.begin({ api: api.name, ...ctx });
		// Whatever happens below, the log gets the status the client saw, or null for none.
		res.on('close', () => record.finish(res.writableFinished ? res.statusCode : null));

		const retryAfter = limits.takeToken(api.name);
		if (retryAfter > 0) return send(res, api.failures.rateLimited(retryAfter, ctx));

		const { fault, latencyMs, name } = faults.pick(api.name, req.method, url.pathname, {
			presentsToken: api.presentsToken(ctx),
		});
		record.setFault(name);
		const release = await limits.acquire();
		try {
			await delay(limits.latencyMs + latencyMs);
			if (res.destroyed) return; // the client gave up while waiting
			if (tooLarge) return send(res, api.failures.status(413, ctx));
			respond(api, ctx, fault, res);
		} finally {
			release();
		}
	}

	return function onRequest(req, res) {
		handle(req, res).catch((error) => {
			// A bug in the simulator, not a simulated failure: say so plainly.
			if (!res.headersSent)
				send(res, jsonResponse(500, { simulatorError: String(error?.stack ?? error) }));
			else res.destroy();
		});
	};
}

function respond(api, ctx, fault, res) {
	switch (fault?.kind) {
		case 'reset':
			return dropConnection(res);
		case 'hang':
			return undefined; // no answer; the socket stays open until the client or close() ends it
		case 'status':
			return send(res, withRetryAfter(api.failures.status(fault.status, ctx), fault));
		case 'rateLimit':
			return send(res, api.failures.rateLimited(fault.retryAfterSeconds, ctx));
		case 'html':
			return send(
				res,
				withRetryAfter(proxyErrorPage(fault.status, http.STATUS_CODES[fault.status]), fault),
			);
		case 'expireToken':
			return send(res, api.failures.expiredToken(ctx));
		case 'errorCode200':
			return send(res, api.failures.errorCode200(ctx, fault));
		case 'truncated':
			return send(res, truncate({ ...serveWithoutSideEffects(api, ctx), status: 200 }));
		case 'resetAfterCommit':
			api.serve(ctx); // applied: the state changes ...
			return dropConnection(res); // ... but the client never hears so
		default:
			return send(res, api.serve(ctx));
	}
}

/** The route's real answer, with any state change rolled back (handlers are synchronous). */
function serveWithoutSideEffects(api, ctx) {
	const saved = api.save();
	try {
		return api.serve(ctx);
	} finally {
		api.restore(saved);
	}
}

function send(res, response) {
	if (res.destroyed) return;
	const headers = { ...response.headers, 'content-length': Buffer.byteLength(response.body) };
	res.writeHead(response.status, headers);
	res.end(response.body);
}

function withRetryAfter(response, fault) {
	if (fault.retryAfterSeconds === undefined) return response;
	return {
		...response,
		headers: { ...response.headers, ...retryAfterHeader(fault.retryAfterSeconds) },
	};
}

/** A TCP reset where the platform offers it (the client sees ECONNRESET), else a plain close. */
function dropConnection(res) {
	const { socket } = res;
	if (!socket) return;
	if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
	else socket.destroy();
}

function delay(ms) {
	return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

module.exports = { createPipeline };
