'use strict';

const { readBody } = require('./body');

/**
 * /__sim/…: the simulator's own controls over HTTP, for a test or tool in another process
 * (e.g. n8n running real workflows). These requests are neither recorded nor limited nor faulted.
 */
function createAdmin(sim) {
	const routes = {
		'GET /__sim/requests': () => json(200, sim.requests()),
		'GET /__sim/requests.txt': () => ({
			status: 200,
			type: 'text/plain; charset=utf-8',
			body: sim.requestsText(),
		}),
		'DELETE /__sim/requests': () => {
			sim.clearRequests();
			return empty();
		},
		'POST /__sim/reset': () => {
			sim.reset();
			return json(200, { reset: true });
		},
		'GET /__sim/state': () => json(200, sim.state.snapshot()),
		'GET /__sim/faults': () => json(200, sim.faults()),
		'POST /__sim/faults': (body) => {
			const specs = Array.isArray(body) ? body : [body];
			return json(201, { added: specs.map((spec) => sim.addFault(spec)) });
		},
		'DELETE /__sim/faults': () => {
			sim.clearFaults();
			return empty();
		},
		'POST /__sim/limits': (body) => json(200, sim.setLimits(body ?? {})),
		'POST /__sim/expire-tokens': () => {
			sim.expireTokens();
			return empty();
		},
		// Inbound messages. The Opentact one answers once its callback deliveries are over.
		'POST /__sim/opentact/inbound': async (body) =>
			json(201, await sim.opentact.injectInbound(body)),
		'GET /__sim/opentact/inbound': () => json(200, sim.state.opentact.inboundSms()),
		'GET /__sim/opentact/deliveries': () => json(200, sim.state.opentact.callbackDeliveries()),
		'POST /__sim/twosms/inbound': (body) => json(201, sim.twoSms.injectInbound(body)),
		'GET /__sim/twosms/inbound': () => json(200, sim.state.twoSms.inbound()),
		'POST /__sim/twosms/contacts': (body) => json(201, sim.twoSms.addContact(body)),
		'GET /__sim/twosms/contacts': () => json(200, sim.state.twoSms.addressBook()),
	};

	return async function handleAdmin(req, res, url) {
		const route = routes[`${req.method} ${url.pathname.replace(/\/$/, '')}`];
		const { raw } = await readBody(req);
		let answer;
		if (!route) {
			answer = json(404, {
				error: `no simulator control ${req.method} ${url.pathname}`,
				routes: Object.keys(routes),
			});
		} else {
			try {
				answer = await route(raw.trim() === '' ? undefined : JSON.parse(raw));
			} catch (error) {
				// Bad JSON, a refused fault/limit spec or inbound message: the caller's mistake, told back to them.
				answer = json(400, { error: error.message });
			}
		}
		res.writeHead(answer.status, answer.type ? { 'content-type': answer.type } : {});
		res.end(answer.body);
	};
}

function json(status, value) {
	return { status, type: 'application/json; charset=utf-8', body: JSON.stringify(value, null, 2) };
}

function empty() {
	return { status: 204, type: null, body: undefined };
}

module.exports = { createAdmin };
