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
	// How busy the serving slots were (see slotUsage): the time every slot was in use, between the
	// first request served and the last one answered, and how long each request held its slot.
	let usage = freshUsage();

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
			const now = Date.now();
			usage.firstServedAt ??= now;
			if (active >= current.maxConcurrent && usage.allBusySince === null) usage.allBusySince = now;
			const admit = waiting.shift();
			const admittedAt = performance.now();
			let released = false;
			admit(() => {
				if (released) return;
				released = true;
				active -= 1;
				const at = Date.now();
				usage.heldMs += performance.now() - admittedAt;
				usage.released += 1;
				usage.lastAnsweredAt = at;
				if (usage.allBusySince !== null && active < current.maxConcurrent) {
					usage.allBusyMs += at - usage.allBusySince;
					usage.allBusySince = null;
				}
				admitWaiting();
			});
		}
	}

	/**
	 * How much of the time from the first request served to the last one answered every serving
	 * slot was in use: whether a client kept the API busy (`allBusyShare` near 1) or left it
	 * waiting for its next request. `meanHoldMs`: how long a request held its slot on average,
	 * the latency plus what the timer and the answer added, so `maxConcurrent / meanHoldMs` is the
	 * most this simulator served per millisecond. Null figures without a cap on requests served at once.
	 */
	function slotUsage(now = Date.now()) {
		const { firstServedAt, lastAnsweredAt, allBusySince } = usage;
		if (current.maxConcurrent === Infinity || firstServedAt === null) {
			return { servedMs: null, allBusyMs: null, allBusyShare: null, meanHoldMs: null };
		}
		const end = allBusySince === null ? (lastAnsweredAt ?? now) : now;
		const servedMs = Math.max(0, end - firstServedAt);
		const allBusyMs = usage.allBusyMs + (allBusySince === null ? 0 : now - allBusySince);
		return {
			servedMs,
			allBusyMs,
			allBusyShare: servedMs > 0 ? Math.min(1, allBusyMs / servedMs) : null,
			meanHoldMs: usage.released > 0 ? usage.heldMs / usage.released : null,
		};
	}

	function resetUsage() {
		usage = freshUsage();
		if (active >= current.maxConcurrent) usage.allBusySince = Date.now();
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
		reset: () => {
			const limits = set({ latencyMs: 0, maxConcurrent: null, ratePerSecond: null, ...baseline });
			resetUsage(); // against the cap just restored
			return limits;
		},
		acquire,
		takeToken,
		describe,
		slotUsage,
		resetUsage,
		get latencyMs() {
			return current.latencyMs;
		},
	};
}

function freshUsage() {
	return { firstServedAt: null, lastAnsweredAt: null, allBusySince: null, allBusyMs: 0, heldMs: 0, released: 0 };
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
