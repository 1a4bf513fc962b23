'use strict';
// recordRequests bounds the request log for long runs (benchmarks, soak); onFinish sees all.
const { startSimulator } = require('../../simulator');

async function sendRequests(sim, count) {
	for (let index = 0; index < count; index++) {
		await (await fetch(`${sim.opentactBaseUrl}/lease/tn/1201555${String(index).padStart(4, '0')}/tn`)).text();
	}
}

test('recordRequests: a number keeps only the latest that many; the logger still sees every one', async () => {
	const seen = [];
	const sim = await startSimulator({ recordRequests: 3, log: (text, entry) => seen.push(entry.seq) });
	try {
		await sendRequests(sim, 7);
		expect(sim.requests().map((entry) => entry.seq)).toEqual([5, 6, 7]);
		expect(sim.requestsText().split('\n').filter((line) => line.startsWith('#'))).toHaveLength(3);
		expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7]);
	} finally {
		await sim.close();
	}
});

test('recordRequests: false keeps no log', async () => {
	const sim = await startSimulator({ recordRequests: false });
	try {
		await sendRequests(sim, 2);
		expect(sim.requests()).toEqual([]);
	} finally {
		await sim.close();
	}
});

test('recordRequests refuses a negative or fractional bound', async () => {
	await expect(startSimulator({ recordRequests: -1 })).rejects.toThrow(/recordRequests/);
	await expect(startSimulator({ recordRequests: 1.5 })).rejects.toThrow(/recordRequests/);
});
