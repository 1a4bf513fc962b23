'use strict';

/**
 * Server-wide load behaviour: fixed latency on every API request, a cap on requests served at
 * once (more wait in a FIFO line, as behind a busy server, never rejected), and a token-bucket
 * rate limit per API (the two providers are separate services with separate limits).
 */
function createLimits(baseline) {
	let current = validate(
		{ latencyMs: 0, maxConcurrent: Infinity, ratePerSecond: Infinity },
		baseline,
	);
	let active = 0;
	const waiting = [];
	const buckets = new Map();

	function set(changes) {
		current = validate(current, changes);
		buckets.clear();
		admitWaiting();
		return describe();
	}

	/** Resolves when a serving slot is free; call the returned function to give it back. */
	function acquire() {
		return new Promise((resolve) => {
			waiting.push(resolve);
			admitWaiting();
		});
	}

	function admitWaiting() {
		while (waiting.length > 0 && active < current.maxConcurrent) {
			active += 1;
			const admit = waiting.shift();
			let released = false;
			admit(() => {
				if (released) return;
				released = true;
				active -= 1;
				admitWaiting();
			});
		}
	}

	/** 0 when the request may go on, otherwise the whole seconds until the bucket has a token. */
	function takeToken(apiName, now = Date.now()) {
		const rate = current.ratePerSecond;
		if (rate === Infinity) return 0;
		const capacity = Math.max(1, rate);
		const bucket = buckets.get(apiName) ?? { tokens: capacity, at: now };
		bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.at) / 1000) * rate);
		bucket.at = now;
		buckets.set(apiName, bucket);
		if (bucket.tokens >= 1) {
			bucket.tokens -= 1;
			return 0;
		}
		return Math.max(1, Math.ceil((1 - bucket.tokens) / rate));
	}

	function describe() {
		// JSON has no Infinity: "no limit" is reported as null.
		const finite = (value) => (value === Infinity ? null : value);
		return {
			latencyMs: current.latencyMs,
			maxConcurrent: finite(current.maxConcurrent),
			ratePerSecond: finite(current.ratePerSecond),
		};
	}

	return {
		set,
		reset: () => set({ latencyMs: 0, maxConcurrent: null, ratePerSecond: null, ...baseline }),
		acquire,
		takeToken,
		describe,
		get latencyMs() {
			return current.latencyMs;
		},
	};
}

/** Merges changes into the limits; undefined keeps a value, null (from JSON) means no limit. */
function validate(limits, changes = {}) {
	const next = { ...limits };
	const unlimited = (value) => (value === null ? Infinity : value);
	if (changes.latencyMs !== undefined) {
		if (!(changes.latencyMs >= 0)) throw new TypeError('latencyMs must be a number >= 0');
		next.latencyMs = Number(changes.latencyMs);
	}
	if (changes.maxConcurrent !== undefined) {
		const value = unlimited(changes.maxConcurrent);
		if (!(value === Infinity || (Number.isInteger(value) && value >= 1))) {
			throw new TypeError('maxConcurrent must be an integer >= 1 or Infinity');
		}
		next.maxConcurrent = value;
	}
	if (changes.ratePerSecond !== undefined) {
		const value = unlimited(changes.ratePerSecond);
		if (!(value > 0)) throw new TypeError('ratePerSecond must be a number > 0 or Infinity');
		next.ratePerSecond = value;
	}
	return next;
}

module.exports = { createLimits };
