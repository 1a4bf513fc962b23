'use strict';
// The soak's verdict "no side effect applied twice beyond idempotent retries" rests on this
// classifier: a re-send is forgiven only when the client cannot have heard the first answer.

const { createRequestStats } = require('../../scripts/bench/lib/requestStats');

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
