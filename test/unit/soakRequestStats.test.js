'use strict';
// The soak's verdict "no side effect applied twice beyond idempotent retries" rests on this
// classifier: a re-send is forgiven only when the client cannot have heard the first answer.

const { createRequestStats } = require('../../scripts/lib/requestStats');

let seq = 0;
function smsDelete(lease, { status = 200, fault = null, durationMs = 25 } = {}) {
	seq += 1;
	return {
		seq,
		at: new Date(Date.UTC(2026, 11, 2, 0, 0, 0, seq)).toISOString(),
		api: 'opentact',
		method: 'DELETE',
		path: '/rest/lease/tn/number/subscription/sms',
		query: { tn_lease: lease },
		headers: {},
		body: null,
		status,
		fault,
		durationMs,
	};
}

function feed(stats, entries) {
	for (const entry of entries) stats.onEntry('', entry);
	return stats.summary();
}

describe('soak request stats: what counts as a side effect applied twice', () => {
	test('a DELETE re-sent after its answer was heard is a duplicate, named in the examples', () => {
		const summary = feed(createRequestStats({ answerLostAfterMs: 1000 }), [
			smsDelete('lease-a'),
			smsDelete('lease-a', { status: 404 }),
		]);
		expect(summary.appliedTwice).toBe(1);
		expect(summary.appliedTwiceExamples).toEqual(['DELETE lease lease-a ×2']);
	});

	test('a re-send after a reset that followed the commit is an idempotent retry', () => {
		const summary = feed(createRequestStats({ answerLostAfterMs: 1000 }), [
			smsDelete('lease-b', { status: null, fault: 'resetAfterCommit' }),
			smsDelete('lease-b', { status: 404 }),
		]);
		expect(summary).toMatchObject({ appliedTwice: 0, appliedTwiceAfterDroppedAnswer: 1 });
	});

	test('a re-send after an answer written past the client timeout is an idempotent retry', () => {
		const summary = feed(createRequestStats({ answerLostAfterMs: 1000 }), [
			smsDelete('lease-c', { durationMs: 1003.5 }),
			smsDelete('lease-c', { status: 404 }),
		]);
		expect(summary).toMatchObject({ appliedTwice: 0, appliedTwiceAfterDroppedAnswer: 1 });
	});

	test('an answer just inside the timeout was heard, so its re-send is a duplicate', () => {
		const summary = feed(createRequestStats({ answerLostAfterMs: 1000 }), [
			smsDelete('lease-d', { durationMs: 999 }),
			smsDelete('lease-d', { status: 404 }),
		]);
		expect(summary.appliedTwice).toBe(1);
	});

	test('without a client timeout, a slow answer forgives nothing', () => {
		const summary = feed(createRequestStats(), [
			smsDelete('lease-e', { durationMs: 60_000 }),
			smsDelete('lease-e', { status: 404 }),
		]);
		expect(summary.appliedTwice).toBe(1);
	});

	test('one lost answer forgives one re-send, not two', () => {
		const summary = feed(createRequestStats({ answerLostAfterMs: 1000 }), [
			smsDelete('lease-f', { durationMs: 1500 }),
			smsDelete('lease-f', { status: 404 }),
			smsDelete('lease-f', { status: 404 }),
		]);
		expect(summary.appliedTwice).toBe(1);
	});

	test('faulted and rate-limited attempts never count as applied', () => {
		const summary = feed(createRequestStats({ answerLostAfterMs: 1000 }), [
			smsDelete('lease-g', { status: 503, fault: 'status' }),
			smsDelete('lease-g', { status: 429 }),
			smsDelete('lease-g', { status: null, fault: 'reset' }),
			smsDelete('lease-g'),
		]);
		expect(summary).toMatchObject({ appliedTwice: 0, appliedTwiceAfterDroppedAnswer: 0, effectKeys: 1 });
	});
});

// With a witness (the client's own record of which answers reached it), a re-send is a
// duplicate only when the client had heard an earlier attempt applied.
const { createAnswerWitness, falseAlreadyClaims, TAG_HEADER } = require('../../scripts/lib/requestStats');

/** A witness standing in for the real one: `heard` lists the tags whose answers reached the client. */
const witnessOf = (heard) => ({ tagOf: (entry) => entry.headers[TAG_HEADER], heard: (tag) => heard.includes(tag) });
const tagged = (tag, entry) => ({ ...entry, headers: { [TAG_HEADER]: tag } });

describe('soak request stats with the client as witness', () => {
	test('applied three times (reset after commit, then an answer the client had stopped waiting for, then heard) is one change and two retries', () => {
		const entries = [
			tagged('1', smsDelete('lease-h', { status: null, fault: 'resetAfterCommit' })),
			// The server answered within 2 ms, but only after the stalled client's timeout had fired:
			// the duration rule cannot see it, the client never heard it.
			tagged('2', smsDelete('lease-h', { durationMs: 2 })),
			tagged('3', smsDelete('lease-h', { status: 404 })),
		];
		const summary = feed(createRequestStats({ answerLostAfterMs: 1000, witness: witnessOf(['3']) }), entries);
		expect(summary).toMatchObject({ appliedTwice: 0, appliedTwiceAfterDroppedAnswer: 1, evidence: 'client' });
		// The rule the soak used before: this is one of the "applied more than once" it could not explain.
		expect(summary.durationRule.appliedTwice).toBe(1);
		expect(feed(createRequestStats({ answerLostAfterMs: 1000 }), entries).appliedTwice).toBe(1);
	});

	test('a change the client heard applied and then sent again is a duplicate, whatever became of the second answer', () => {
		const heardThenResent = [tagged('1', smsDelete('lease-i')), tagged('2', smsDelete('lease-i', { status: null, fault: 'resetAfterCommit' }))];
		expect(feed(createRequestStats({ witness: witnessOf(['1']) }), heardThenResent)).toMatchObject({
			appliedTwice: 1,
			appliedTwiceExamples: ['DELETE lease lease-i ×2'],
		});
		const bothHeard = [tagged('3', smsDelete('lease-j')), tagged('4', smsDelete('lease-j', { status: 404 }))];
		expect(feed(createRequestStats({ witness: witnessOf(['3', '4']) }), bothHeard).appliedTwice).toBe(1);
	});

	test('an item claiming "already" for a lease its own run changed is found; one the run never touched is not', () => {
		const stats = createRequestStats({ witness: witnessOf(['2']) });
		feed(stats, [tagged('1', smsDelete('lease-k', { status: null, fault: 'resetAfterCommit' })), tagged('2', smsDelete('lease-k', { status: 404 }))]);
		const outputs = [{ outcome: 'alreadyDisabled' }, { outcome: 'alreadyDisabled' }, { outcome: 'disabled' }, { error: 'Item 3: …' }];
		const keys = ['DELETE lease lease-k', 'DELETE lease never-sent', 'DELETE lease lease-k', 'DELETE lease lease-k'];
		expect(falseAlreadyClaims(outputs, { alreadyOutcomes: ['alreadyDisabled'], keyOf: (index) => keys[index], stats })).toEqual([
			{ index: 0, outcome: 'alreadyDisabled', applied: 2, lostAnswer: 1 },
		]);
	});
});

describe('the witness over real sockets', () => {
	const http = require('node:http');

	test('an answer the server writes after the client timed out in a stalled process is recorded unheard, though the server took under a millisecond', async () => {
		const witness = createAnswerWitness();
		const served = [];
		const server = http.createServer((req, res) => {
			const started = performance.now();
			res.on('close', () => served.push({ tag: req.headers[TAG_HEADER], status: res.writableFinished ? res.statusCode : null, ms: performance.now() - started }));
			res.end('{}');
		});
		await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
		const get = (stall) =>
			new Promise((resolve) => {
				const req = http.get({ port: server.address().port, host: '127.0.0.1', path: '/', timeout: 300, agent: false }, (res) => {
					res.resume();
					res.on('end', () => resolve('answered'));
				});
				req.on('timeout', () => req.destroy(new Error('timeout')));
				req.on('error', () => resolve('gave up'));
				// Once the request is on the wire, the process is busy elsewhere (another n8n run on the
				// same cores) for longer than the timeout, before the server has read the request.
				if (stall) req.on('finish', () => setImmediate(() => { const until = Date.now() + 450; while (Date.now() < until); }));
			});
		try {
			expect(await get(false)).toBe('answered');
			expect(await get(true)).toBe('gave up');
			await new Promise((resolve) => setTimeout(resolve, 100));
			expect(served.map(({ tag, status }) => [tag, status])).toEqual([['1', 200], ['2', 200]]);
			expect(served[1].ms).toBeLessThan(300);
			expect([witness.heard('1'), witness.heard('2')]).toEqual([true, false]);
		} finally {
			witness.close();
			server.close();
		}
	});
});
