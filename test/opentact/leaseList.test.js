'use strict';
// Issue 11, points 8, 12 and 13: the paged lease list is read within a fixed number of pages, a
// few at a time; a list that changes while it is read is said to have changed; numbers the list
// does not show are looked up directly, so every "not found" is Opentact's own answer.
const { startHostileOpentact, runAgainst, ok, refuse, lease, subscription } = require('./hostileOpentact');
const { jsonOf } = require('./helpers');

const tnAt = (index) => String(13025550000 + index);
const uuidAt = (index) => `5eed0001-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;
const leases = (count, from = 0) => Array.from({ length: count }, (_, index) => lease(tnAt(from + index), uuidAt(from + index)));

/**
 * A stand-in Opentact whose lease search pages through `list` (`page` may rewrite a page before
 * it goes out; `call` counts searches from 1), whose lookups find every lease of `lookable`, and
 * whose DELETEs succeed. `delayMs` holds each page back, to count pages in flight.
 */
async function accountWith(list, { lookable = list, page = (payload) => payload, delayMs = 0 } = {}) {
	const stats = { searches: 0, inFlight: 0, maxInFlight: 0 };
	const hostile = await startHostileOpentact(async (request) => {
		if (request.method === 'POST' && request.path === '/lease/tn/search') {
			stats.searches += 1;
			const { take, skip } = request.body;
			const payload = page({ take, skip, total: list.length, data: list.slice(skip, skip + take) }, stats.searches);
			stats.inFlight += 1;
			stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
			await new Promise((resolve) => setTimeout(resolve, delayMs));
			stats.inFlight -= 1;
			return ok(payload);
		}
		const found = /^\/lease\/tn\/(\d+)\/tn$/.exec(request.path);
		if (request.method === 'GET' && found) {
			const hit = lookable.find((entry) => String(entry.tn.tn) === found[1]);
			return hit ? ok(hit) : refuse(404, 'TNLease not found', { 'params.tn': { message: 'Not found', value: found[1] } });
		}
		if (request.method === 'DELETE') return ok(subscription());
		return undefined;
	});
	hostile.stats = stats;
	return hostile;
}

let hostile;
afterEach(async () => await hostile?.close());

const searches = () => hostile.sent('POST', '/lease/tn/search');
const lookups = () => hostile.requests.filter((entry) => entry.method === 'GET');
const phones = (items) => jsonOf(items).map((item) => item.phoneNumber);

describe('numbers resolved through the lease list (point 8)', () => {
	test('numbers the list does not show are looked up directly and disabled, not failed with a 404 Opentact never sent', async () => {
		const all = leases(150);
		hostile = await accountWith(all.filter((_, index) => index % 50 !== 7), { lookable: all }); // the list misses 3
		const result = await runAgainst(hostile, 'disable-sms', all.map((_, index) => ({ phone: tnAt(index) })));
		expect(result.status).toBe('success');
		const out = jsonOf(result.items('Opentact'));
		expect(out.every((item) => item.outcome === 'disabled')).toBe(true);
		expect(out[57]).toMatchObject({ phoneNumber: `+${tnAt(57)}`, tnLeaseId: uuidAt(57) });
		expect(searches()).toHaveLength(2);
		expect(lookups().map((entry) => entry.path)).toEqual([7, 57, 107].map((index) => `/lease/tn/${tnAt(index)}/tn`));
		expect(hostile.sent('DELETE')).toHaveLength(150);
	});

	test('a number leased by nobody fails with the 404 its own lookup got', async () => {
		hostile = await accountWith(leases(150));
		const input = Array.from({ length: 120 }, (_, index) => ({ phone: tnAt(index) }));
		input[3] = { phone: '12019990003' };
		const result = await runAgainst(hostile, 'disable-sms', input, { node: { continueOnFail: true } });
		const out = jsonOf(result.items('Opentact'));
		expect(out[3].error).toBe('Item 3: +1 201 999 0003 is not a number leased by this Opentact account (Opentact answered 404: TNLease not found)');
		expect(out[3].message).toBe('HTTP 404; params.tn: Not found (12019990003)');
		expect(lookups().map((entry) => entry.path)).toEqual(['/lease/tn/12019990003/tn']);
	});

	test('a list whose pages come without total is not used; every number is looked up', async () => {
		hostile = await accountWith(leases(150), { page: ({ total, ...rest }) => rest });
		const input = Array.from({ length: 100 }, (_, index) => ({ phone: tnAt(index) }));
		const result = await runAgainst(hostile, 'disable-sms', input);
		expect(jsonOf(result.items('Opentact')).every((item) => item.outcome === 'disabled')).toBe(true);
		expect(searches()).toHaveLength(1);
		expect(lookups()).toHaveLength(100);
	});

	test('a list that claims a trillion leases is not paged through; numbers are looked up', async () => {
		hostile = await accountWith(leases(200), { page: (payload) => ({ ...payload, total: 1e12 }) });
		const input = Array.from({ length: 100 }, (_, index) => ({ phone: tnAt(50 + index) }));
		const result = await runAgainst(hostile, 'disable-sms', input);
		expect(jsonOf(result.items('Opentact')).every((item) => item.outcome === 'disabled')).toBe(true);
		// Page one is used for the numbers it shows; the other 50 are looked up.
		expect(searches()).toHaveLength(1);
		expect(lookups()).toHaveLength(50);
	});
});

describe('Get Many says when the list changed while it was read (point 8)', () => {
	/** From search `from` to `to`, every page after the first starts one lease early: a lease was added in front. */
	const shiftedOnCalls = (from, to) => (payload, call) => {
		if (call < from || call > to || payload.skip === 0) return payload;
		const all = leases(251);
		return { ...payload, total: 250, data: all.slice(payload.skip - 1, payload.skip - 1 + payload.take) };
	};

	test('a list that shifted once is read again and output once, complete and without repeats', async () => {
		hostile = await accountWith(leases(250), { page: shiftedOnCalls(1, 3) });
		const result = await runAgainst(hostile, 'get-many', [{ returnAll: true }]);
		expect(result.status).toBe('success');
		const numbers = phones(result.items('Opentact'));
		expect(numbers).toHaveLength(250);
		expect(new Set(numbers).size).toBe(250);
		expect(searches().map((entry) => entry.body.skip)).toEqual([0, 100, 200, 0, 100, 200]);
	});

	test('a list that keeps shifting fails the item saying so, and outputs no partial list', async () => {
		hostile = await accountWith(leases(250), { page: shiftedOnCalls(1, 99) });
		const result = await runAgainst(hostile, 'get-many', [{ returnAll: true }], { node: { continueOnFail: true } });
		const out = jsonOf(result.items('Opentact'));
		expect(out).toHaveLength(1);
		expect(out[0].error).toBe(
			`Item 0: Opentact's answer could not be used: the lease list changed while it was read, on each of 2 reads (1 lease(s) appeared twice (e.g. ${uuidAt(99)}))`,
		);
		expect(out[0].message).toBe('No numbers are output, since the list may be missing some. Run it again later, or narrow it with a Number Filter.');
	});

	test('a total that moves between pages is an inconsistent list', async () => {
		hostile = await accountWith(leases(250), { page: (payload) => (payload.skip === 200 ? { ...payload, total: 249, data: payload.data.slice(1) } : payload) });
		const result = await runAgainst(hostile, 'get-many', [{ returnAll: true }], { node: { continueOnFail: true } });
		expect(jsonOf(result.items('Opentact'))[0].error).toBe(
			"Item 0: Opentact's answer could not be used: the lease list changed while it was read, on each of 2 reads (total went from 250 to 249; the page at 200 held 49 leases, not 50)",
		);
	});

	test('pages without total fail the item instead of returning an empty list as success', async () => {
		hostile = await accountWith(leases(30), { page: ({ total, ...rest }) => rest });
		const result = await runAgainst(hostile, 'get-many', [{ returnAll: true }], { node: { continueOnFail: true } });
		expect(jsonOf(result.items('Opentact'))).toEqual([
			{
				error: "Item 0: Opentact's answer could not be used: a page of the lease search had no total, so the length of the list is unknown",
				message: 'No numbers are output.',
			},
		]);
	});

	test('a page holding something other than leases fails the item instead of listing empty "found" records', async () => {
		hostile = await accountWith(leases(3), { page: (payload) => ({ ...payload, data: [...payload.data, 'lease-4'] }) });
		const result = await runAgainst(hostile, 'get-many', [{ limit: 4 }], { node: { continueOnFail: true } });
		expect(jsonOf(result.items('Opentact'))).toEqual([
			{ error: "Item 0: Opentact's answer could not be used: a page of the lease search held entries that are not leases", message: 'No numbers are output.' },
		]);
	});

	test('a total given as a digit string and a server page size below 100 are read as they are', async () => {
		const list = leases(230);
		hostile = await accountWith(list, { page: (payload) => ({ ...payload, total: '230', data: list.slice(payload.skip, payload.skip + Math.min(payload.take, 50)) }) });
		const result = await runAgainst(hostile, 'get-many', [{ returnAll: true }]);
		const numbers = phones(result.items('Opentact'));
		expect(numbers).toEqual(list.map((entry) => `+${entry.tn.tn}`));
		expect(searches().map((entry) => [entry.body.skip, entry.body.take])).toEqual([[0, 100], [50, 50], [100, 50], [150, 50], [200, 30]]);
	});
});

describe('Get Many reads a bounded list, a few pages at a time (point 12)', () => {
	test('Return All with a total of a trillion fails at once with words saying why, after one page', async () => {
		hostile = await accountWith(leases(100), { page: (payload) => ({ ...payload, total: 1e12 }) });
		const result = await runAgainst(hostile, 'get-many', [{ returnAll: true }], { node: { continueOnFail: true } });
		expect(jsonOf(result.items('Opentact'))[0].error).toBe(
			"Item 0: Opentact's answer could not be used: Opentact reports 1000000000000 leases; reading them all would take 10000000000 pages, more than the 1000 (100000 leases) this node reads in one run",
		);
		expect(searches()).toHaveLength(1);
	});

	test('a Limit under such a total reads only the pages it needs', async () => {
		hostile = await accountWith(leases(300), { page: (payload) => ({ ...payload, total: 1e12 }) });
		const result = await runAgainst(hostile, 'get-many', [{ limit: 150 }]);
		expect(result.items('Opentact')).toHaveLength(150);
		expect(searches().map((entry) => [entry.body.skip, entry.body.take])).toEqual([[0, 100], [100, 50]]);
	});

	test('pages are fetched no more than Max Concurrent Requests at a time', async () => {
		hostile = await accountWith(leases(1000), { delayMs: 30 });
		const result = await runAgainst(hostile, 'get-many', [{ returnAll: true }], { options: { concurrency: 3 } });
		expect(result.items('Opentact')).toHaveLength(1000);
		expect(searches()).toHaveLength(10);
		expect(hostile.stats.maxInFlight).toBe(3);
	});
});

describe('Limit and Number Filter are checked before anything is sent (point 13)', () => {
	test('a Limit expression giving "abc" is an error naming Limit, and no search is sent with take: null', async () => {
		hostile = await accountWith(leases(10));
		const result = await runAgainst(hostile, 'get-many', [{ limit: 'abc' }, { limit: 0 }, { limit: '4' }], { node: { continueOnFail: true } });
		const out = jsonOf(result.items('Opentact'));
		expect(out[0].error).toBe('Item 0: Limit "abc" is not a whole number of 1 or more');
		expect(out[0].message).toBe('Set Limit to how many numbers to return, or turn on Return All');
		expect(out[1].error).toBe('Item 1: Limit "0" is not a whole number of 1 or more');
		expect(out.slice(2).map((item) => item.phoneNumber)).toEqual(leases(4).map((entry) => `+${entry.tn.tn}`));
		expect(searches().map((entry) => entry.body)).toEqual([{ take: 4, skip: 0 }]);
	});

	test('a filter of many stars is sent as one star per gap; more than 11 digits is an error', async () => {
		hostile = await accountWith(leases(10));
		const result = await runAgainst(hostile, 'get-many', [{ filter: '1302****5*' }, { filter: '1302555000012*' }], { node: { continueOnFail: true } });
		const out = jsonOf(result.items('Opentact'));
		expect(out[out.length - 1].error).toBe('Item 1: Number Filter "1302555000012*" has more than 11 digits, so no number can match it');
		expect(searches().map((entry) => entry.body.tn)).toEqual(['1302*5*']);
	});
});
