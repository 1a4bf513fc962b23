'use strict';
const fc = require('fast-check');
const { retryDelayMs, parseRetryAfter, DEFAULT_RETRY_POLICY } = require('../../dist/nodes/shared/retry');

const policy = DEFAULT_RETRY_POLICY;

describe('retry timing', () => {
	test('backoff grows, stays between half and all of its ceiling, and never exceeds the cap', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 30 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (retry, r) => {
				const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
				const delay = retryDelayMs(retry, policy, undefined, () => r);
				expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
				expect(delay).toBeLessThanOrEqual(policy.maxDelayMs);
			}),
		);
	});

	test('the first retries are short, later ones hit the cap', () => {
		expect(retryDelayMs(1, policy, undefined, () => 1)).toBe(250);
		expect(retryDelayMs(2, policy, undefined, () => 1)).toBe(500);
		expect(retryDelayMs(12, policy, undefined, () => 1)).toBe(8000);
	});

	test("a server's Retry-After is honoured (plus under 250 ms of jitter)", () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 120000 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (after, r) => {
				const delay = retryDelayMs(1, policy, after, () => r);
				expect(delay).toBeGreaterThanOrEqual(after);
				expect(delay).toBeLessThanOrEqual(after + 250);
			}),
		);
	});

	test('Retry-After is read as seconds or as an HTTP date', () => {
		const now = Date.parse('2026-11-25T10:00:00Z');
		expect(parseRetryAfter('3', now)).toBe(3000);
		expect(parseRetryAfter(['2'], now)).toBe(2000);
		expect(parseRetryAfter('Wed, 25 Nov 2026 10:00:05 GMT', now)).toBe(5000);
		expect(parseRetryAfter('Wed, 25 Nov 2026 09:00:00 GMT', now)).toBe(0);
		expect(parseRetryAfter('soon', now)).toBeUndefined();
		expect(parseRetryAfter(undefined, now)).toBeUndefined();
	});
});
