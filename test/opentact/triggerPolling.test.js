'use strict';
// The Opentact Polling Trigger, poll by poll through n8n-core's real PollContext: the first poll
// of an active workflow emits nothing (a baseline, not the account's history), later polls emit
// each new inbound SMS once, oldest first, and "Fetch Test Event" shows one sample without moving
// the watermark. Then answers the simulator would never give: a search that ignores the filter or
// the order, pages longer than asked, an absurd total, pages that never end, entries without id.
const { pollTrigger, runWorkflow } = require('../../harness');
const { apiKeyCredentials, startSimulator } = require('./helpers');
const { startHostileOpentact, ok, API_KEY } = require('./hostileOpentact');
const { CUSTOMER, LINE, POLLER, AFTER, inboundBody, pollingWorkflow } = require('./triggerHelpers');

const SEARCH = '/rest/sms/search/inbound';

let sim;
beforeAll(async () => {
	sim = await startSimulator();
});
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());

const poll = async (staticData, options = {}) => {
	const { events, ...rest } = options;
	return await pollTrigger(pollingWorkflow({ events }), { credentials: { opentactApi: apiKeyCredentials(sim) }, staticData, ...rest });
};
const texts = (result) => (result.items?.[0] ?? []).map((item) => item.json.text);
const inject = async (message, createdOn) => await sim.opentact.injectInbound({ to: LINE, from: CUSTOMER, message, created_on: createdOn });
const searches = () => sim.requests().filter((r) => r.method === 'POST' && r.path === SEARCH);

test('the first poll emits nothing, however many messages the account has: it only notes where they end', async () => {
	await inject('STOP', '2025-05-01T10:00:00.000Z');
	await inject('START', '2025-05-01T10:05:00.000Z');
	const first = await poll({});
	expect(first.error).toBeUndefined();
	expect(first.items).toBeNull();
	expect(first.staticData[`node:${POLLER}`].inbound.watermark).toBe('2025-05-01T10:05:00.000Z');
	const [baseline] = searches();
	expect(baseline.query).toEqual({ take: '100', skip: '0' });
	expect(baseline.body).toEqual({ order: { created_on: 'DESC' } });
});

test('later polls emit each new message once, oldest first, and only the chosen events', async () => {
	await inject('STOP', '2025-05-01T10:00:00.000Z');
	const baseline = await poll({}, { events: ['optOut', 'optIn'] });
	await inject('stop.', '2025-05-01T11:00:00.000Z');
	await inject('hello there', '2025-05-01T11:01:00.000Z');
	await inject('Start', '2025-05-01T11:02:00.000Z');
	const second = await poll(baseline.staticData, { events: ['optOut', 'optIn'] });
	expect(second.items[0].map((item) => [item.json.event, item.json.keyword, item.json.from])).toEqual([
		['optOut', 'STOP', '+16465550101'],
		['optIn', 'START', '+16465550101'],
	]);
	const search = searches().at(-1);
	expect(search.body).toEqual({ order: { created_on: 'ASC' }, created_on_from: '2025-05-01T09:59:30.000Z' });
	const third = await poll(second.staticData, { events: ['optOut', 'optIn'] });
	expect(third.items).toBeNull();
	expect(third.staticData[`node:${POLLER}`].inbound.watermark).toBe('2025-05-01T11:02:00.000Z');
});

test('a message stored with a created_on just before the newest one already seen is still emitted, once', async () => {
	await inject('STOP', '2025-05-01T10:00:00.000Z');
	const baseline = await poll({});
	await inject('QUIT', '2025-05-01T09:59:50.000Z'); // committed late, 10 s "in the past"
	const second = await poll(baseline.staticData);
	expect(texts(second)).toEqual(['QUIT']);
	expect(texts(await poll(second.staticData))).toEqual([]);
});

test('an account without any message at the baseline emits its first message on the next poll', async () => {
	const baseline = await poll({});
	expect(baseline.staticData[`node:${POLLER}`].inbound).toEqual({ watermark: null, recent: [] });
	await inject('STOP', '2025-05-01T10:00:00.000Z');
	const next = await poll(baseline.staticData);
	expect(texts(next)).toEqual(['STOP']);
	expect(searches().at(-1).body).toEqual({ order: { created_on: 'ASC' } });
});

test('250 new messages are read in three pages of 100 and emitted in one run', async () => {
	const baseline = await poll({});
	for (let i = 0; i < 250; i++) await sim.opentact.injectInbound({ to: LINE, from: CUSTOMER, message: 'STOP', created_on: new Date(Date.UTC(2025, 4, 1, 12, 0, i)).toISOString() });
	const next = await poll(baseline.staticData);
	expect(next.items[0]).toHaveLength(250);
	expect(searches().slice(1).map((s) => s.query.skip)).toEqual(['0', '100', '200']);
});

test('"Fetch Test Event" shows the newest message of a chosen event and leaves the watermark where it was', async () => {
	await inject('STOP', '2025-05-01T10:00:00.000Z');
	await inject('hello', '2025-05-01T10:01:00.000Z');
	const saved = { [`node:${POLLER}`]: { inbound: { watermark: '2025-04-01T00:00:00.000Z', recent: [] } } };
	const sample = await poll(saved, { mode: 'manual' });
	expect(sample.items[0].map((item) => item.json.text)).toEqual(['STOP']);
	expect(sample.staticData).toEqual(saved);
});

test('"Fetch Test Event" runs as a manual execution of the workflow, through the engine', async () => {
	await inject('stop', '2025-05-01T10:00:00.000Z');
	const run = await runWorkflow(pollingWorkflow(), { credentials: { opentactApi: apiKeyCredentials(sim) } });
	expect(run.status).toBe('success');
	expect(run.items(AFTER).map((item) => item.json.event)).toEqual(['optOut']);
});

test("a poll Opentact refuses fails with Opentact's words, and the watermark does not move", async () => {
	await inject('STOP', '2025-05-01T10:00:00.000Z');
	const baseline = await poll({});
	sim.addFault({ route: `POST ${SEARCH}`, kind: 'status', status: 403, times: 1 });
	const failed = await poll(baseline.staticData);
	expect(failed.error.message).toBe('While reading new inbound SMS, Opentact answered 403: Forbidden');
	expect(failed.error.description).toBe('Nothing was emitted, and the watermark did not move: the next poll reads the same messages again.');
	expect(failed.staticData).toEqual(baseline.staticData);
});

describe('answers the simulator would never give', () => {
	let hostile;
	afterEach(async () => await hostile?.close());
	const pollHostile = async (staticData, events) =>
		await pollTrigger(pollingWorkflow({ events }), {
			credentials: { opentactApi: { environment: 'custom', baseUrl: hostile.baseUrl, authentication: 'apiKey', apiKey: API_KEY } },
			staticData,
		});
	const page = (data, extra = {}) => ok({ take: 100, skip: 0, total: data.length, data, ...extra });
	const message = (n, at, text = 'STOP') => inboundBody({ uuid: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, created_on: at, message: text });
	const watermarked = (at, ids = []) => ({ [`node:${POLLER}`]: { inbound: { watermark: at, recent: ids.map((id) => [id, Date.parse(at)]) } } });

	test('a search that ignores created_on_from and lists everything again re-emits nothing already seen', async () => {
		const all = [message(1, '2025-05-01T08:00:00.000Z'), message(2, '2025-05-01T10:00:00.000Z'), message(3, '2025-05-01T11:00:00.000Z', 'QUIT')];
		hostile = await startHostileOpentact(() => page(all));
		const result = await pollHostile(watermarked('2025-05-01T10:00:00.000Z', [all[1].uuid]));
		expect(result.items[0].map((item) => item.json.text)).toEqual(['QUIT']);
	});

	test('a search that answers newest first when asked oldest first fails the poll instead of skipping messages', async () => {
		hostile = await startHostileOpentact(() => page([message(2, '2025-05-01T11:00:00.000Z'), message(1, '2025-05-01T10:30:00.000Z')]));
		const saved = watermarked('2025-05-01T10:00:00.000Z');
		const result = await pollHostile(saved);
		expect(result.error.message).toBe("While reading new inbound SMS, Opentact's answer could not be used: the inbound search did not list messages oldest first, as asked");
		expect(result.staticData).toEqual(saved);
	});

	test('a page longer than asked fails the poll', async () => {
		hostile = await startHostileOpentact(() => page(Array.from({ length: 101 }, (_, i) => message(i, '2025-05-01T11:00:00.000Z'))));
		const result = await pollHostile(watermarked('2025-05-01T10:00:00.000Z'));
		expect(result.error.message).toMatch(/a page of the inbound search held 101 messages where at most 100 were asked for$/);
	});

	test('an absurd total does not make the poll read more pages: a short page ends the list', async () => {
		hostile = await startHostileOpentact(() => page([message(1, '2025-05-01T11:00:00.000Z')], { total: 1e12 }));
		const result = await pollHostile(watermarked('2025-05-01T10:00:00.000Z'));
		expect(result.items[0]).toHaveLength(1);
		expect(hostile.requests).toHaveLength(1);
	});

	test('pages that never end are read at most 10 times a poll; what they held is emitted once and the watermark moves to the last one read', async () => {
		let served = 0;
		hostile = await startHostileOpentact(() => {
			const start = served;
			served += 100;
			return page(Array.from({ length: 100 }, (_, i) => message(start + i, new Date(Date.UTC(2025, 4, 1, 12, 0, 0, start + i)).toISOString())));
		});
		const result = await pollHostile(watermarked('2025-05-01T10:00:00.000Z'));
		expect(hostile.requests).toHaveLength(10);
		expect(result.items[0]).toHaveLength(1000);
		expect(result.staticData[`node:${POLLER}`].inbound.watermark).toBe(new Date(Date.UTC(2025, 4, 1, 12, 0, 0, 999)).toISOString());
	});

	test('pages that repeat the same messages for ever fail the poll after 10 pages, saying so', async () => {
		hostile = await startHostileOpentact(() => page(Array.from({ length: 100 }, (_, i) => message(i, '2025-05-01T10:00:00.000Z'))));
		const seen = Array.from({ length: 100 }, (_, i) => message(i, '2025-05-01T10:00:00.000Z').uuid);
		const result = await pollHostile(watermarked('2025-05-01T10:00:00.000Z', seen));
		expect(hostile.requests).toHaveLength(10);
		expect(result.error.message).toBe("While reading new inbound SMS, Opentact's answer could not be used: 10 pages of the inbound search held no new message, all within 30 seconds");
	});

	test.each([
		['no uuid', { uuid: undefined }, 'has no uuid'],
		['no created_on', { created_on: null }, 'has no readable created_on'],
		['a created_on that is no date', { created_on: 'soon' }, 'has no readable created_on'],
	])('a message with %s fails the poll: it could not be told apart from one already emitted', async (_, overrides, words) => {
		hostile = await startHostileOpentact(() => page([{ ...message(1, '2025-05-01T11:00:00.000Z'), ...overrides }]));
		const result = await pollHostile(watermarked('2025-05-01T10:00:00.000Z'));
		expect(result.error.message).toContain(`message 0 of the inbound search ${words}`);
	});

	test('a page that is no page fails the poll, quoting nothing of it', async () => {
		hostile = await startHostileOpentact(() => ok(`secret ${API_KEY}`));
		const result = await pollHostile(watermarked('2025-05-01T10:00:00.000Z'));
		expect(result.error.message).toBe("While reading new inbound SMS, Opentact's answer could not be used: the inbound search answered a string where a page {take, skip, total, data} was expected");
	});

	test('a message whose body cannot be read as an inbound SMS is emitted as unrecognized, whatever events were chosen', async () => {
		hostile = await startHostileOpentact(() => page([{ ...message(1, '2025-05-01T11:00:00.000Z'), from: 'unknown' }]));
		const result = await pollHostile(watermarked('2025-05-01T10:00:00.000Z'), ['help']);
		expect(result.items[0].map((item) => item.json.event)).toEqual(['unrecognized']);
	});
});
