'use strict';

const { opentact, twoSms, twoSmsToken, startSimulator } = require('./helpers');

const LEASE = '/lease/tn/12017771234/tn';

describe('load limits', () => {
	let sim;
	beforeAll(async () => {
		sim = await startSimulator();
	});
	afterAll(() => sim.close());
	beforeEach(() => sim.reset());

	test('maxConcurrent queues extra requests in line instead of refusing them', async () => {
		sim.setLimits({ latencyMs: 50, maxConcurrent: 5 });
		const started = Date.now();
		const answers = await Promise.all(Array.from({ length: 20 }, () => opentact(sim).get(LEASE)));
		const elapsed = Date.now() - started;

		expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(200));
		expect(elapsed).toBeGreaterThanOrEqual(4 * 50 - 5);
	});

	test('slotUsage tells how much of the serving time every slot was in use', async () => {
		expect(sim.slotUsage()).toEqual({ servedMs: null, allBusyMs: null, allBusyShare: null, meanHoldMs: null }); // no cap, no figures

		sim.setLimits({ latencyMs: 60, maxConcurrent: 2 });
		// One request at a time never fills both slots: the API waits for its client.
		await opentact(sim).get(LEASE);
		await opentact(sim).get(LEASE);
		const oneAtATime = sim.slotUsage();
		expect(oneAtATime.servedMs).toBeGreaterThanOrEqual(110);
		expect(oneAtATime.allBusyMs).toBe(0);
		expect(oneAtATime.allBusyShare).toBe(0);
		// Each held its slot for the latency, plus what the timer and the answer took.
		expect(oneAtATime.meanHoldMs).toBeGreaterThanOrEqual(59);
		expect(oneAtATime.meanHoldMs).toBeLessThan(200);

		// Six at once keep both slots busy for three rounds of 60 ms, from the first served to the last answered.
		sim.resetSlotUsage();
		await Promise.all(Array.from({ length: 6 }, () => opentact(sim).get(LEASE)));
		const queued = sim.slotUsage();
		expect(queued.servedMs).toBeGreaterThanOrEqual(175);
		expect(queued.allBusyMs).toBeGreaterThanOrEqual(170);
		expect(queued.allBusyShare).toBeGreaterThan(0.9);

		sim.reset();
		expect(sim.slotUsage().servedMs).toBeNull();
	});

	test('latency is added to every API request', async () => {
		sim.setLimits({ latencyMs: 80 });
		const started = Date.now();
		await opentact(sim).get(LEASE);
		expect(Date.now() - started).toBeGreaterThanOrEqual(75);
	});

	test("ratePerSecond answers 429 with Retry-After in each API's own shape, per API", async () => {
		const token = await twoSmsToken(sim);
		sim.setLimits({ ratePerSecond: 2 });
		const opentactStatuses = [];
		for (let index = 0; index < 4; index++) opentactStatuses.push(await opentact(sim).get(LEASE));
		expect(opentactStatuses.map((answer) => answer.status)).toEqual([200, 200, 429, 429]);
		const limited = opentactStatuses[2];
		expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
		expect(limited.body).toMatchObject({ success: false, status: 429 });

		// 2sms has its own budget: its first calls still pass.
		const api = twoSms(sim, token);
		const twoSmsStatuses = [];
		for (let index = 0; index < 3; index++)
			twoSmsStatuses.push(await api.get('/api/v1/sms/templates'));
		expect(twoSmsStatuses.map((answer) => answer.status)).toEqual([200, 200, 429]);
		expect(twoSmsStatuses[2].body.Error.ErrorCode).toBe('TooManyRequests');
		expect(twoSmsStatuses[2].headers['retry-after']).toBe('1');
	});

	test('reset puts the limits back to the ones the simulator started with', async () => {
		sim.setLimits({ ratePerSecond: 1, maxConcurrent: 2 });
		sim.reset();
		expect(sim.limits()).toEqual({ latencyMs: 0, maxConcurrent: null, ratePerSecond: null });
	});

	test('nonsense limits are refused', () => {
		expect(() => sim.setLimits({ maxConcurrent: 0 })).toThrow(/maxConcurrent/);
		expect(() => sim.setLimits({ latencyMs: -1 })).toThrow(/latencyMs/);
		expect(() => sim.setLimits({ ratePerSecond: 0 })).toThrow(/ratePerSecond/);
	});
});
