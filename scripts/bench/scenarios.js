'use strict';
// The benchmark's scenarios: each job (Opentact Disable SMS, 2sms Remove from Stop Log) at
// 1,000 and 10,000 numbers, against a simulator set up like a real API (20 ms added latency,
// 10 requests served at once, more wait in line), then the same with a 50 req/s rate limit
// answered 429 + Retry-After; each run by our node and by the HTTP Request baseline; and
// 100,000 contacts through 2sms Remove in one execution (ours only: memory).

const LATENCY_MS = 20;
const MAX_CONCURRENT = 10;
const RATE_PER_SECOND = 50;
const LEASE_PAGE = 100; // Opentact's lease list page size the node reads
const TWO_SMS_BATCH = 100; // the 2sms node's default batch size

/**
 * The fewest requests the job needs: Opentact, one DELETE per number plus the lease list read a
 * page at a time (the account leases exactly the numbers asked for); 2sms, one token and one
 * DELETE per 100 contacts.
 */
function fewestRequests(job, count) {
	if (job === 'opentact') return count + Math.ceil(count / LEASE_PAGE);
	return 1 + Math.ceil(count / TWO_SMS_BATCH);
}

/** Seconds the job takes at best: fewest requests × latency ÷ 10 served at once, or ÷ the rate limit. */
function physicalLimitSeconds(job, count, rateLimited) {
	const requests = fewestRequests(job, count);
	return rateLimited ? requests / RATE_PER_SECOND : (requests * LATENCY_MS) / 1000 / MAX_CONCURRENT;
}

function scenario(job, count, rateLimited) {
	const name = `${job === 'opentact' ? 'opentact-disable' : 'twosms-remove'}-${count}${rateLimited ? '-rate50' : ''}`;
	return {
		name,
		job,
		count,
		rateLimited,
		simulator: {
			latencyMs: LATENCY_MS,
			maxConcurrent: MAX_CONCURRENT,
			ratePerSecond: rateLimited ? RATE_PER_SECOND : undefined,
			seed: 1,
		},
		fixture: job === 'opentact' ? { leases: count } : { stopLog: count },
		physicalLimitSeconds: physicalLimitSeconds(job, count, rateLimited),
		fewestRequests: fewestRequests(job, count),
	};
}

function allScenarios() {
	const list = [];
	for (const rateLimited of [false, true])
		for (const job of ['opentact', 'twoSms'])
			for (const count of [1000, 10000]) list.push(scenario(job, count, rateLimited));
	list.push({ ...scenario('twoSms', 100000, false), memoryOnly: true });
	return list;
}

module.exports = { allScenarios, scenario, LATENCY_MS, MAX_CONCURRENT, RATE_PER_SECOND };
