'use strict';
const fc = require('fast-check');
const { chunk } = require('../../dist/nodes/shared/batching');
const { mapWithConcurrency } = require('../../dist/nodes/shared/concurrency');

describe('batching', () => {
	test('chunks keep every entry once, in order, none larger than the batch size', () => {
		fc.assert(
			fc.property(fc.array(fc.integer(), { maxLength: 500 }), fc.integer({ min: 1, max: 120 }), (list, size) => {
				const chunks = chunk(list, size);
				expect(chunks.flat()).toEqual(list);
				for (const c of chunks) expect(c.length).toBeGreaterThan(0);
				for (const c of chunks.slice(0, -1)) expect(c.length).toBe(size);
				expect(chunks.length).toBe(Math.ceil(list.length / size));
			}),
		);
	});

	test('1,000 entries at the default size of 100 are 10 batches', () => {
		expect(chunk(Array.from({ length: 1000 }, (_, i) => i), 100)).toHaveLength(10);
	});
});

describe('bounded concurrency', () => {
	const tick = () => new Promise((resolve) => setImmediate(resolve));

	test('never more than the limit in flight, results in input order', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(fc.nat(3), { maxLength: 60 }), fc.integer({ min: 1, max: 12 }), async (delays, limit) => {
				let inFlight = 0;
				let peak = 0;
				const results = await mapWithConcurrency(delays, limit, async (delay, position) => {
					inFlight++;
					peak = Math.max(peak, inFlight);
					for (let i = 0; i < delay; i++) await tick();
					inFlight--;
					return position * 2;
				});
				expect(results).toEqual(delays.map((_, i) => i * 2));
				expect(peak).toBeLessThanOrEqual(limit);
			}),
			{ numRuns: 100 },
		);
	});

	test('once asked to stop, no new task starts', async () => {
		const started = [];
		let stop = false;
		await mapWithConcurrency(
			Array.from({ length: 50 }, (_, i) => i),
			3,
			async (n) => {
				started.push(n);
				await tick();
				if (n === 4) stop = true;
			},
			() => stop,
		);
		expect(started.length).toBeLessThan(10);
	});
});
