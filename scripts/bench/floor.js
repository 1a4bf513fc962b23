'use strict';
// The machine's floor for the same requests without n8n: plain node:http, a new connection per
// request (as n8n's request helper does), 10 at a time, Retry-After honoured. Tells how much of
// the gap to the physical limit is this machine's CPU rather than n8n or our node. With
// `keepAlive` (keepAliveCost.js), one keep-alive agent instead: what a reused connection saves.
const { opentactTn, twoSmsDestination, REASON } = require('../lib/fixture');
const { twoSmsToken } = require('./implementations');

async function floorRun(scenario, sim, { keepAlive = false } = {}) {
	// Loaded inside the timed run, as the floor always has: its figures stay comparable with earlier runs.
	const http = require('node:http');
	const agent = keepAlive ? new http.Agent({ keepAlive: true, maxSockets: 10 }) : false;
	const { job, count } = scenario;
	const send = (method, url, headers, body) =>
		new Promise((resolve, reject) => {
			const sized = body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) };
			const request = http.request(url, { method, headers: sized, agent }, (response) => {
				const chunks = [];
				response.on('data', (chunk) => chunks.push(chunk));
				response.on('end', () =>
					resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks).toString() }),
				);
			});
			request.on('error', reject);
			request.end(body);
		});
	const withRetry = async (...args) => {
		for (;;) {
			const answer = await send(...args);
			if (answer.status !== 429) return answer;
			await new Promise((resolve) => setTimeout(resolve, Number(answer.headers['retry-after'] ?? 1) * 1000));
		}
	};
	const pool = async (total, task) => {
		let next = 0;
		await Promise.all(
			Array.from({ length: 10 }, async () => {
				while (next < total) await task(next++);
			}),
		);
	};
	let succeeded = 0;
	if (job === 'opentact') {
		const headers = { 'x-auth-token': sim.credentials.opentact.apiKey, 'content-type': 'application/json' };
		const leaseOf = new Map();
		await pool(Math.ceil(count / 100), async (page) => {
			const answer = await withRetry('POST', `${sim.opentactBaseUrl}/lease/tn/search`, headers, JSON.stringify({ take: 100, skip: page * 100 }));
			for (const lease of JSON.parse(answer.body).payload.data ?? JSON.parse(answer.body).payload) leaseOf.set(lease.tn?.tn ?? lease.tn, lease.uuid);
		});
		await pool(count, async (index) => {
			const uuid = leaseOf.get(opentactTn(index));
			const answer = await withRetry('DELETE', `${sim.opentactBaseUrl}/lease/tn/number/subscription/sms?tn_lease=${uuid}`, headers);
			if (answer.status === 200) succeeded += 1;
		});
	} else {
		const token = `Bearer ${await twoSmsToken(sim)}`; // the same one request the baseline's user makes
		const headers = { authorization: token, 'content-type': 'application/json' };
		await pool(Math.ceil(count / 100), async (batch) => {
			const records = [];
			for (let index = batch * 100; index < Math.min(count, batch * 100 + 100); index++)
				records.push({ Destination: twoSmsDestination(index), Reason: REASON, SendConfirmation: false });
			const answer = await withRetry('DELETE', `${sim.twoSmsBaseUrl}/api/v1/addressbook/stoplog`, headers, JSON.stringify(records));
			if (answer.status === 200) succeeded += records.length;
			else if (process.env.BENCH_DEBUG) console.error(answer.status, answer.body.slice(0, 300));
		});
	}
	if (agent) agent.destroy();
	return { status: 'success', succeeded };
}

module.exports = { floorRun };
