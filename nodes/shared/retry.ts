/**
 * Retry timing shared by both transports: capped exponential backoff with jitter, and
 * the server's Retry-After when it sends one.
 */
export interface RetryPolicy {
	/** Retries after the first attempt; 0 disables retrying. */
	maxRetries: number;
	/** Delay ceiling for the first retry; doubles each retry. */
	baseDelayMs: number;
	/** No computed delay exceeds this. */
	maxDelayMs: number;
	/** A Retry-After longer than this is not waited out: the request fails instead. */
	maxRetryAfterMs: number;
	/**
	 * How long one request may spend waiting out rate limits (429) in total. A 429 means the
	 * request was refused, not applied, so waiting costs only time: these waits do not count
	 * against `maxRetries`, and a long run under a provider's rate limit slows down instead of
	 * failing items.
	 */
	maxRateLimitWaitMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxRetries: 4,
	baseDelayMs: 250,
	maxDelayMs: 8_000,
	maxRetryAfterMs: 120_000,
	maxRateLimitWaitMs: 600_000,
};

/**
 * Delay before retry number `retry` (1-based). A server-given Retry-After wins (a little jitter
 * added so that many waiting requests do not return in the same millisecond); otherwise "equal
 * jitter": between half and all of the capped exponential ceiling, so retries spread out but
 * never come back immediately.
 */
export function retryDelayMs(
	retry: number,
	policy: RetryPolicy,
	retryAfterMs: number | undefined,
	random: () => number = Math.random,
): number {
	if (retryAfterMs !== undefined) {
		return Math.round(retryAfterMs + random() * Math.min(250, policy.baseDelayMs));
	}
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Reads a Retry-After header: delta-seconds or an HTTP date. Returns milliseconds from `nowMs`,
 * or undefined when the header is absent or unreadable.
 */
export function parseRetryAfter(value: unknown, nowMs: number = Date.now()): number | undefined {
	const text = Array.isArray(value) ? value[0] : value;
	if (typeof text !== 'string' && typeof text !== 'number') return undefined;
	const trimmed = String(text).trim();
	// An HTTP date has 29 characters; anything much longer is not a Retry-After worth parsing.
	if (trimmed.length > 64) return undefined;
	if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
	const date = Date.parse(trimmed);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - nowMs);
}
