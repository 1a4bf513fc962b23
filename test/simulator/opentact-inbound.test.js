'use strict';

const http = require('node:http');
const { call, opentact, startSimulator } = require('./helpers');

const PROFILE = 'd8ddc2c8-3e41-471f-83e7-3b2a771241f7'; // the profile of 12017771234's lease
const SEARCH = '/sms/search/inbound';
const ISMSI_FIELDS = [
	'uuid',
	'to',
	'from',
	'message',
	'thread',
	'state',
	'delivered',
	'readed',
	'tn',
	'tnlease',
	'provider_event',
	'account',
	'created_on',
];

/**
 * A webhook receiver on 127.0.0.1: records what it is sent; `answer(request)` returns the status
 * to send, or 'hang' to never answer.
 */
async function startReceiver(answer = () => 200) {
	const received = [];
	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (chunk) => {
			body += chunk;
		});
		req.on('end', () => {
			const entry = { method: req.method, path: req.url, headers: req.headers, body };
			received.push(entry);
			const status = answer(entry);
			if (status === 'hang') return;
			res.writeHead(status, { 'content-type': 'text/plain' });
			res.end('thanks');
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const base = `http://127.0.0.1:${server.address().port}`;
	return {
		url: (path) => `${base}${path}`,
		received,
		close: () =>
			new Promise((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

/** A port nothing listens on: bound, then released. */
async function closedPortUrl() {
	const server = http.createServer();
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address();
	await new Promise((resolve) => server.close(resolve));
	return `http://127.0.0.1:${port}/nobody-home`;
}

const setCallbacks = (sim, urls) =>
	call(`${sim.opentactBaseUrl}/profile/messaging/${PROFILE}`, {
		method: 'PATCH',
		headers: { 'x-auth-token': sim.credentials.opentact.apiKey },
		json: urls,
	});

const inbound = (sim, spec = {}) =>
	sim.opentact.injectInbound({
		to: '12017771234',
		from: '+1 (646) 555-0101',
		message: 'STOP',
		...spec,
	});

describe('Opentact inbound SMS', () => {
	let sim;
	let receiver;
	beforeAll(async () => {
		sim = await startSimulator({ opentactCallbackTimeoutMs: 300 });
		receiver = await startReceiver((entry) => (entry.path.startsWith('/fail') ? 503 : 200));
	});
	afterAll(async () => {
		await sim.close();
		await receiver.close();
	});
	beforeEach(() => {
		sim.reset();
		receiver.received.length = 0;
	});

	test('an inbound SMS is stored as an ISMSI with 11-digit string numbers and read back by UUID', async () => {
		const { message } = await inbound(sim, { from: '6465550101' });
		expect(Object.keys(message)).toEqual(ISMSI_FIELDS);
		expect(message).toMatchObject({
			to: '12017771234',
			from: '16465550101',
			message: 'STOP',
			state: 'success',
			readed: false,
			tn: { tn: 12017771234 },
			tnlease: 'adf7637d-3363-49d4-8922-112cc34a62bc',
			account: '6d18185e-c47f-4d58-8c1f-e2e17aee923c',
		});
		const read = await opentact(sim).get(`/sms/inbound/${message.uuid}`);
		expect(read.status).toBe(200);
		expect(read.body.payload).toEqual(message);

		const again = await inbound(sim, { from: '16465550101', message: 'hello' });
		expect(again.message.thread).toBe(message.thread);
		const other = await inbound(sim, { from: '16465550102' });
		expect(other.message.thread).not.toBe(message.thread);
	});

	test("unknown and another account's messages answer 404, a non-UUID 400; ours are not called for theirs", async () => {
		await setCallbacks(sim, { callback_url: receiver.url('/hook') });
		const { message, deliveries } = await inbound(sim, { to: '17185550123' });
		expect(message.account).toBe('956dab5c-61be-4157-a8ee-c8aa364b5523');
		expect(deliveries).toEqual([]);
		expect(receiver.received).toEqual([]);
		const foreign = await opentact(sim).get(`/sms/inbound/${message.uuid}`);
		expect(foreign.status).toBe(404);
		expect(foreign.body).toMatchObject({ success: false, status: 404 });
		const search = await opentact(sim).post(SEARCH, {});
		expect(search.body.payload.total).toBe(0);
		expect((await opentact(sim).get('/sms/inbound/12345')).status).toBe(400);
	});

	test('a message no carrier would deliver is refused: unknown number, SMS off, bad sender, bad date', async () => {
		await expect(inbound(sim, { to: '19995550000' })).rejects.toThrow(/not a number leased/);
		await expect(inbound(sim, { to: '12015550101' })).rejects.toThrow(/SMS is not enabled/);
		await expect(inbound(sim, { from: 'me' })).rejects.toThrow(/from must be a phone number/);
		await expect(inbound(sim, { created_on: 'yesterday' })).rejects.toThrow(/created_on/);
		await expect(inbound(sim, { state: 'read' })).rejects.toThrow(/state/);
		expect(sim.state.opentact.inboundSms()).toEqual([]);
	});

	test("the message is POSTed as flat JSON to the primary callback of its number's profile", async () => {
		await setCallbacks(sim, {
			callback_url: receiver.url('/hook'),
			callback_url2: receiver.url('/backup'),
		});
		const { message, deliveries } = await inbound(sim);
		expect(receiver.received).toHaveLength(1);
		const [posted] = receiver.received;
		expect(posted).toMatchObject({ method: 'POST', path: '/hook' });
		expect(posted.headers['content-type']).toBe('application/json');
		expect(JSON.parse(posted.body)).toEqual(message);
		expect(deliveries).toEqual([
			expect.objectContaining({
				message: message.uuid,
				target: 'primary',
				url: receiver.url('/hook'),
				status: 200,
				outcome: 'delivered',
				duplicate: false,
				fault: null,
				durationMs: expect.any(Number),
			}),
		]);
		expect(sim.state.opentact.callbackDeliveries()).toEqual(deliveries);
		const admin = await call(`${sim.url}/__sim/opentact/deliveries`);
		expect(admin.body).toEqual(deliveries);
	});

	test('a primary answering 5xx falls back to callback_url2; a 4xx is final', async () => {
		await setCallbacks(sim, {
			callback_url: receiver.url('/fail'),
			callback_url2: receiver.url('/backup'),
		});
		const { deliveries } = await inbound(sim);
		expect(deliveries.map((entry) => [entry.target, entry.status, entry.outcome])).toEqual([
			['primary', 503, 'serverError'],
			['secondary', 200, 'delivered'],
		]);
		expect(receiver.received.map((entry) => entry.path)).toEqual(['/fail', '/backup']);
		expect(receiver.received[1].body).toBe(receiver.received[0].body);

		const picky = await startReceiver(() => 410);
		try {
			await setCallbacks(sim, { callback_url: picky.url('/gone') });
			const gone = await inbound(sim);
			expect(gone.deliveries.map((entry) => entry.outcome)).toEqual(['rejected']);
			expect(receiver.received.map((entry) => entry.path)).toEqual(['/fail', '/backup']);
		} finally {
			await picky.close();
		}
	});

	test('a primary nobody listens on falls back to callback_url2', async () => {
		const down = await closedPortUrl();
		await setCallbacks(sim, { callback_url: down, callback_url2: receiver.url('/backup') });
		const { deliveries } = await inbound(sim);
		expect(deliveries.map((entry) => [entry.target, entry.outcome])).toEqual([
			['primary', 'unreachable'],
			['secondary', 'delivered'],
		]);
		expect(deliveries[0]).toMatchObject({ status: null, error: 'ECONNREFUSED' });
	});

	test('fault callbackDown: the primary counts as down, nothing reaches it, the secondary gets it', async () => {
		await setCallbacks(sim, {
			callback_url: receiver.url('/hook'),
			callback_url2: receiver.url('/backup'),
		});
		sim.addFault({ kind: 'callbackDown', route: 'POST /hook' });
		const { deliveries } = await inbound(sim);
		expect(receiver.received.map((entry) => entry.path)).toEqual(['/backup']);
		expect(deliveries.map((entry) => [entry.target, entry.outcome, entry.fault])).toEqual([
			['primary', 'unreachable', 'callbackDown'],
			['secondary', 'delivered', null],
		]);
		// API requests never trip a callback fault.
		expect((await opentact(sim).get('/lease/tn/12017771234/tn')).status).toBe(200);
	});

	test('fault callbackDuplicate: the same body is POSTed twice', async () => {
		await setCallbacks(sim, { callback_url: receiver.url('/hook') });
		sim.addFault({ kind: 'callbackDuplicate', times: 1 });
		const { deliveries } = await inbound(sim);
		expect(receiver.received).toHaveLength(2);
		expect(receiver.received[1].body).toBe(receiver.received[0].body);
		expect(deliveries.map((entry) => [entry.target, entry.duplicate, entry.outcome])).toEqual([
			['primary', false, 'delivered'],
			['primary', true, 'delivered'],
		]);
		await inbound(sim, { message: 'second' });
		expect(receiver.received).toHaveLength(3);
	});

	test('fault callbackTimeout: the primary got the body but its answer counts as too late, so the secondary gets it too', async () => {
		await setCallbacks(sim, {
			callback_url: receiver.url('/hook'),
			callback_url2: receiver.url('/backup'),
		});
		sim.addFault({ kind: 'callbackTimeout', times: 1 });
		const { deliveries } = await inbound(sim);
		expect(receiver.received.map((entry) => entry.path)).toEqual(['/hook', '/backup']);
		expect(deliveries.map((entry) => [entry.target, entry.status, entry.outcome])).toEqual([
			['primary', null, 'timeout'],
			['secondary', 200, 'delivered'],
		]);
	});

	test('a receiver that never answers times out after the configured time', async () => {
		const silent = await startReceiver(() => 'hang');
		try {
			await setCallbacks(sim, {
				callback_url: silent.url('/slow'),
				callback_url2: receiver.url('/backup'),
			});
			const { deliveries } = await inbound(sim);
			expect(silent.received).toHaveLength(1);
			expect(deliveries.map((entry) => [entry.target, entry.outcome])).toEqual([
				['primary', 'timeout'],
				['secondary', 'delivered'],
			]);
			expect(deliveries[0].durationMs).toBeGreaterThanOrEqual(290);
		} finally {
			await silent.close();
		}
	});

	test('no callback URL: stored, nothing sent; a non-loopback URL is never called', async () => {
		const { deliveries } = await inbound(sim);
		expect(deliveries).toEqual([]);
		expect(sim.state.opentact.inboundSms()).toHaveLength(1);

		await setCallbacks(sim, { callback_url: 'http://192.0.2.10/hook' });
		const away = await inbound(sim);
		expect(away.deliveries).toEqual([
			expect.objectContaining({
				outcome: 'unreachable',
				error: expect.stringMatching(/only to 127/),
			}),
		]);
		await setCallbacks(sim, { callback_url: 'not a url at all' });
		expect((await inbound(sim)).deliveries[0]).toMatchObject({ outcome: 'unreachable' });
	});

	test('callback_url2 alone is used when the profile has no primary', async () => {
		await setCallbacks(sim, { callback_url: null, callback_url2: receiver.url('/backup') });
		const { deliveries } = await inbound(sim);
		expect(deliveries.map((entry) => entry.target)).toEqual(['secondary']);
	});

	test('the admin route injects, waits for the delivery, and lists messages', async () => {
		await setCallbacks(sim, { callback_url: receiver.url('/hook') });
		const answer = await call(`${sim.url}/__sim/opentact/inbound`, {
			method: 'POST',
			json: { to: '12017771234', from: '16465550101', message: 'QUIT' },
		});
		expect(answer.status).toBe(201);
		expect(answer.body.deliveries).toHaveLength(1);
		expect(receiver.received).toHaveLength(1);
		const listed = await call(`${sim.url}/__sim/opentact/inbound`);
		expect(listed.body).toEqual([answer.body.message]);

		const refused = await call(`${sim.url}/__sim/opentact/inbound`, {
			method: 'POST',
			json: { to: '1', from: '16465550101', message: 'x' },
		});
		expect(refused.status).toBe(400);
		expect(sim.requests()).toEqual([expect.objectContaining({ method: 'PATCH' })]);
	});

	test('reset stops a delivery in flight and forgets messages and deliveries', async () => {
		const silent = await startReceiver(() => 'hang');
		try {
			await setCallbacks(sim, { callback_url: silent.url('/slow') });
			const pending = inbound(sim);
			while (silent.received.length === 0) await new Promise((resolve) => setImmediate(resolve));
			sim.reset();
			expect(await pending).toMatchObject({ deliveries: [] });
			await sim.opentact.settled();
			expect(sim.state.opentact.callbackDeliveries()).toEqual([]);
			expect(sim.state.opentact.inboundSms()).toEqual([]);
		} finally {
			await silent.close();
		}
	});

	describe('search', () => {
		const times = [
			'2025-05-01T10:00:00.000Z',
			'2025-05-01T11:00:00.000Z',
			'2025-05-01T11:00:00.000Z',
			'2025-05-01T12:00:00.000Z',
			'2025-05-02T09:00:00.000Z',
		];
		let stored;
		beforeEach(async () => {
			stored = [];
			for (const [index, created_on] of times.entries()) {
				const from = index === 4 ? '14155550000' : '16465550101';
				const message = index === 3 ? 'Please STOP texting' : `message ${index}`;
				stored.push((await inbound(sim, { created_on, from, message })).message);
			}
			// Written out of time order: the search sorts by created_on, not by arrival.
			stored.push((await inbound(sim, { created_on: '2025-04-30T00:00:00.000Z' })).message);
		});
		const uuids = (answer) => answer.body.payload.data.map((message) => message.uuid);

		test('created_on_from (inclusive) with order ASC pages by take/skip and counts the total', async () => {
			const body = { created_on_from: '2025-05-01T11:00:00.000Z', order: { created_on: 'ASC' } };
			const first = await opentact(sim).post(`${SEARCH}?take=2&skip=0`, body);
			expect(first.status).toBe(200);
			expect(first.body.payload).toMatchObject({ take: 2, skip: 0, total: 4 });
			const second = await opentact(sim).post(`${SEARCH}?take=2&skip=2`, body);
			expect([...uuids(first), ...uuids(second)]).toEqual(
				[stored[1], stored[2], stored[3], stored[4]].map((message) => message.uuid),
			);
			const beyond = await opentact(sim).post(`${SEARCH}?take=2&skip=4`, body);
			expect(beyond.body.payload).toMatchObject({ total: 4, data: [] });
		});

		test('without order the newest come first; created_on_to is inclusive', async () => {
			const answer = await opentact(sim).post(SEARCH, { created_on_to: '2025-05-01T11:00:00Z' });
			expect(uuids(answer)).toEqual(
				[stored[2], stored[1], stored[0], stored[5]].map((m) => m.uuid),
			);
			const desc = await opentact(sim).post(SEARCH, { order: { created_on: 'desc' } });
			expect(uuids(desc)[0]).toBe(stored[4].uuid);
			expect(desc.body.payload).toMatchObject({ take: 10, skip: 0, total: 6 });
		});

		test('filters: from, to, tn, state, readed and a case-insensitive message substring', async () => {
			const post = (body) => opentact(sim).post(SEARCH, body);
			expect((await post({ from: '+14155550000' })).body.payload.total).toBe(1);
			expect((await post({ to: '12017771234' })).body.payload.total).toBe(6);
			expect((await post({ tn: 12017771235 })).body.payload.total).toBe(0);
			expect((await post({ state: 'failed' })).body.payload.total).toBe(0);
			expect((await post({ readed: false })).body.payload.total).toBe(6);
			expect(uuids(await post({ message: 'stop' }))).toEqual([stored[3].uuid, stored[5].uuid]);
		});

		test('bad paging or filters answer 400 naming the field', async () => {
			const cases = [
				[`${SEARCH}?take=101`, {}, 'query.take'],
				[`${SEARCH}?take=0`, {}, 'query.take'],
				[`${SEARCH}?skip=-1`, {}, 'query.skip'],
				[SEARCH, { order: { created_on: 'UP' } }, 'body.order.created_on'],
				[SEARCH, { order: 'ASC' }, 'body.order.created_on'],
				[SEARCH, { created_on_from: 'yesterday' }, 'body.created_on_from'],
				[SEARCH, { state: 'done' }, 'body.state'],
				[SEARCH, { readed: 'no' }, 'body.readed'],
				[SEARCH, { from: 'someone' }, 'body.from'],
			];
			for (const [path, body, field] of cases) {
				const answer = await opentact(sim).post(path, body);
				expect([path, body, answer.status]).toEqual([path, body, 400]);
				expect(Object.keys(answer.body.fields)).toEqual([field]);
			}
		});
	});
});
