// The bench's lean 2sms API (`npm run bench -- --real-n8n --lean-api`, a diagnostic): it must keep
// the set-up the bench names (latency, a cap on requests served at once), keep the stop log's
// state so the bench can count changes not made and made twice, and refuse what the simulator
// refuses for the routes it serves (a wrong client secret, a request without a live token).
const { startLeanTwoSmsApi } = require('../../scripts/lib/leanTwoSmsApi');
const { startSimulatorProcess } = require('../../scripts/lib/simulatorProcess');
const { createRequestStats } = require('../../scripts/lib/requestStats');
const { checkDiagnostics, withBatchSize } = require('../../scripts/bench/realN8n');
const { allScenarios } = require('../../scripts/bench/scenarios');
const { twoSmsDestination } = require('../../scripts/lib/fixture');

const CREDENTIALS = { clientId: 'lean-client', clientSecret: 'lean-secret' };
const NUMBERS = ['447500000001', '447500000002', '447500000003'];

async function signIn(url, secret = CREDENTIALS.clientSecret) {
	return await fetch(`${url}/Token`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ grant_type: 'client_credentials', client_id: CREDENTIALS.clientId, client_secret: secret }).toString(),
	});
}

const change = (url, method, token, records) =>
	fetch(`${url}/api/v1/addressbook/stoplog`, {
		method,
		headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
		body: JSON.stringify(records),
	});

describe('the lean 2sms API', () => {
	let api;
	let stats;
	afterEach(async () => {
		await api?.close();
		api = undefined;
	});

	async function start(options = {}) {
		stats = createRequestStats();
		api = await startLeanTwoSmsApi({
			latencyMs: 0,
			maxConcurrent: 10,
			destinations: NUMBERS,
			shortCode: '60777',
			credentials: CREDENTIALS,
			onEntry: stats.onEntry,
			...options,
		});
		return api;
	}

	test('signs in only with the right client secret, and changes the stop log only with a token it issued', async () => {
		const { url } = await start();
		expect((await signIn(url, 'wrong')).status).toBe(400);
		const noToken = await change(url, 'DELETE', undefined, [{ Destination: NUMBERS[0], Reason: 'r' }]);
		expect(noToken.status).toBe(401);
		const madeUp = await change(url, 'DELETE', 'made-up', [{ Destination: NUMBERS[0], Reason: 'r' }]);
		expect(madeUp.status).toBe(401);
		expect(api.isOnStopLog(NUMBERS[0])).toBe(true);
	});

	test('removes and adds by number, answering each record with the words the simulator uses, and keeps the state', async () => {
		const { url } = await start();
		const { access_token: token } = await (await signIn(url)).json();
		const removed = await change(url, 'DELETE', token, [
			{ Destination: `+${NUMBERS[0]}`, Reason: 'opted in', SendConfirmation: false, ShortCode: '60777' },
			{ Destination: '447500000099', Reason: 'opted in', SendConfirmation: false },
		]);
		expect(removed.status).toBe(200);
		const body = await removed.json();
		expect(body.ResponseData.Result).toBe('Success');
		expect(body.ResponseData.Detail.Records).toEqual([
			{ Destination: NUMBERS[0], MessageID: null, Status: 'Removed', ShortCode: '60777' },
			{ Destination: '447500000099', MessageID: null, Status: 'NotOnStopLog', ShortCode: '60777' },
		]);
		expect(api.isOnStopLog(NUMBERS[0])).toBe(false);
		expect(api.isOnStopLog(NUMBERS[1])).toBe(true);

		const added = await (await change(url, 'POST', token, [{ Destination: NUMBERS[0], Reason: 'STOP' }, { Destination: NUMBERS[1], Reason: 'STOP' }])).json();
		expect(added.ResponseData.Detail.Records.map((record) => record.Status)).toEqual(['Added', 'AlreadyOnStopLog']);
		expect(api.isOnStopLog(NUMBERS[0])).toBe(true);
		// The bench counts what it received: the sign-ins, the refused and the applied requests.
		const summary = stats.summary();
		expect(summary.requests).toBe(3);
		expect(summary.byStatus).toEqual({ 200: 3 });
	});

	test('a change applied twice is counted twice, as the bench must see it', async () => {
		const { url } = await start();
		const { access_token: token } = await (await signIn(url)).json();
		for (let attempt = 0; attempt < 2; attempt++) await change(url, 'DELETE', token, [{ Destination: NUMBERS[2], Reason: 'r' }]);
		expect(stats.summary().appliedTwice).toBe(1);
	});

	test('serves at most maxConcurrent at once, each held for the latency', async () => {
		const { url } = await start({ latencyMs: 30, maxConcurrent: 2 });
		const { access_token: token } = await (await signIn(url)).json();
		api.resetSlotUsage();
		const started = performance.now();
		await Promise.all(Array.from({ length: 6 }, (_, index) => change(url, 'DELETE', token, [{ Destination: `4475000001${index}0`, Reason: 'r' }])));
		const elapsed = performance.now() - started;
		expect(elapsed).toBeGreaterThanOrEqual(3 * 30 - 5); // three rounds of two
		const usage = api.slotUsage();
		expect(usage.meanHoldMs).toBeGreaterThanOrEqual(29);
		expect(usage.allBusyShare).toBeGreaterThan(0.5);
	});
});

describe('the counting simulator with leanTwoSmsApi', () => {
	test('hands out the lean API for 2sms and checks the stop log there', async () => {
		const sim = await startSimulatorProcess({
			counting: { options: { latencyMs: 0, maxConcurrent: 10, leanTwoSmsApi: true }, fixture: { stopLog: 3 } },
		});
		try {
			expect(sim.twoSmsBaseUrl).not.toBe(sim.url);
			const { clientId, clientSecret } = sim.credentials.twoSms;
			const token = await fetch(`${sim.twoSmsBaseUrl}/Token`, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }).toString(),
			});
			const { access_token: accessToken } = await token.json();
			await sim.resetStats();
			const removed = await change(sim.twoSmsBaseUrl, 'DELETE', accessToken, [{ Destination: twoSmsDestination(1), Reason: 'r' }]);
			expect(removed.status).toBe(200);
			const { stats, state } = await sim.stats({ stopLog: 3 });
			expect(state.stillOnStopLog).toBe(2);
			expect(stats.requests).toBe(1);
			expect(stats.slots.meanHoldMs).not.toBeNull();
		} finally {
			await sim.stop();
		}
	});
});

describe('the real-n8n diagnostics', () => {
	const byName = (name) => allScenarios().find((scenario) => scenario.name === name);

	test('are refused for the Opentact jobs and the rate-limited ones, and for a batch size that is not a whole number', () => {
		expect(() => checkDiagnostics([byName('twosms-remove-10000')], { leanApi: true, batchSize: 500 })).not.toThrow();
		expect(() => checkDiagnostics([byName('opentact-disable-10000')], { leanApi: true })).toThrow(/opentact-disable-10000/);
		expect(() => checkDiagnostics([byName('twosms-remove-1000-rate50')], { batchSize: 500 })).toThrow(/rate50/);
		expect(() => checkDiagnostics([byName('twosms-remove-10000')], { batchSize: 0 })).toThrow(/--batch-size/);
		expect(() => checkDiagnostics([byName('twosms-remove-10000')], { batchSize: Number('five') })).toThrow(/--batch-size/);
		expect(() => checkDiagnostics([byName('opentact-disable-10000')], {})).not.toThrow();
	});

	test('Batch Size is set on our 2sms node only, keeping its other options', () => {
		const workflow = {
			nodes: [
				{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', parameters: {} },
				{ name: '2sms', type: 'n8n-nodes-opentact-2sms.twoSms', parameters: { operation: 'remove', options: { defaultCountry: 'US' } } },
			],
		};
		const changed = withBatchSize(workflow, 500);
		expect(changed.nodes[1].parameters).toEqual({ operation: 'remove', options: { defaultCountry: 'US', batchSize: 500 } });
		expect(changed.nodes[0]).toEqual(workflow.nodes[0]);
		expect(workflow.nodes[1].parameters.options).toEqual({ defaultCountry: 'US' });
	});
});
