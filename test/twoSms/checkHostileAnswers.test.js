'use strict';
// Check says `listed: false` only when the answer proves the number is not listed: every page
// read, every listed number attributed (and even then `onStopLog` is null, not false: 2sms lists
// address-book contacts only). Served by small hostile 2sms look-alikes on 127.0.0.1.
const { runWorkflow } = require('../../harness');
const { NODE, stopLogWorkflow, ukMobile, ukDigits } = require('./twoSmsTestKit');
const { startHostileTwoSms, searchPage, pagedSearch } = require('./hostileTwoSms');

let server;
afterEach(async () => await server?.close());

async function check(input, search) {
	server = await startHostileTwoSms({ search });
	const result = await runWorkflow(stopLogWorkflow('check', { onError: 'continueRegularOutput' }), {
		credentials: server.credentials,
		input,
	});
	expect(result.status).toBe('success');
	const items = result.items(NODE);
	expect(items.map((item) => item.pairedItem)).toEqual(input.map((_, index) => ({ item: index })));
	return items.map((item) => item.json);
}

const asked = (count) => Array.from({ length: count }, (_, index) => ({ phone: ukMobile(index) }));
const entry = (index, shortCode = '60777') => ({ Destination: ukDigits(index), ShortCode: shortCode });
// What was listed; an unlisted number's onStopLog is null, never false.
const onStopLog = (items) =>
	items.map((json) => {
		if (json.listed !== undefined) expect(json.onStopLog).toBe(json.listed ? true : null);
		return json.listed;
	});

test('a server paging 10 entries while TotalRecords says 250 is read to the last page', async () => {
	// Numbers 0-49 are each on five short codes: 250 entries, 25 pages of 10.
	const entries = Array.from({ length: 50 }, (_, index) => ['60001', '60002', '60003', '60004', '60005'].map((code) => entry(index, code))).flat();

	const items = await check(asked(100), pagedSearch(entries, { pageSize: 10 }));

	expect(onStopLog(items)).toEqual(Array.from({ length: 100 }, (_, index) => index < 50));
	expect(server.searches().map((request) => request.query.Page)).toEqual(Array.from({ length: 25 }, (_, page) => String(page)));
	expect(server.searches()[0].query).toMatchObject({ NoOfRecords: '100', MobilePhone: asked(100).map((_, index) => ukDigits(index)).join(',') });
});

test.each([
	[10, 16],
	[100, 3],
])('without TotalRecords, pages of %i are read until an empty page (%i requests)', async (pageSize, requests) => {
	// Numbers 0-74 are each on two short codes: 150 entries.
	const entries = Array.from({ length: 75 }, (_, index) => [entry(index, '60777'), entry(index, '88440')]).flat();

	const items = await check(asked(100), pagedSearch(entries, { pageSize, withTotal: false }));

	expect(onStopLog(items)).toEqual(Array.from({ length: 100 }, (_, index) => index < 75));
	expect(server.searches()).toHaveLength(requests);
});

test('a server that ignores Page is caught on the repeated page: three requests, and no number is called off the stop log', async () => {
	const firstHundred = Array.from({ length: 100 }, (_, index) => entry(index));
	const items = await check(asked(100), () => searchPage(firstHundred, 250));

	expect(server.searches().map((request) => request.query.Page)).toEqual(['0', '1', '2']);
	for (const [index, json] of items.entries()) {
		expect(json.onStopLog).toBeUndefined();
		expect(json.error).toBe(
			`Item ${index}: 2sms answered 200: 2sms answered page 2 of the stop-log search with the same entries as page 1, so it does not page; the search was stopped after 3 requests`,
		);
	}
});

test('an absurd TotalRecords is refused at once instead of paging towards it', async () => {
	const items = await check(asked(3), () => searchPage([entry(0)], 1e12));

	expect(server.searches()).toHaveLength(1);
	expect(items[1].error).toMatch(/^Item 1: 2sms answered 200: the stop-log search says it has 1000000000000 entries for 3 numbers, more than 50 pages can hold/);
});

test('a search that never ends is stopped at 50 pages with an error', async () => {
	// One entry a page, and a total that keeps the search going but is not absurd.
	const entries = Array.from({ length: 60 }, (_, index) => entry(index));
	const items = await check(asked(60), pagedSearch(entries, { pageSize: 1 }));

	expect(server.searches()).toHaveLength(50);
	expect(items[59].error).toBe(
		'Item 59: 2sms answered 200: the stop-log search did not end within 50 pages; it was stopped there, so which numbers are not on the stop log is not known',
	);
});

test.each([
	['missing', undefined, 'missing'],
	['null', null, 'null'],
	['a text', 'none', 'string'],
	['an object', { Destination: '447700900000' }, 'object'],
])('an answer whose Records is %s fails the items instead of saying false', async (_, records, described) => {
	const items = await check(asked(2), () => ({ Error: { ErrorCode: null }, ResponseData: { Result: 'Success', Detail: { Records: records, TotalRecords: 0 } } }));

	expect(items.map((json) => json.error)).toEqual([0, 1].map((index) =>
		`Item ${index}: 2sms answered 200: the stop-log search answered without a list of Records (Records is ${described})`,
	));
});

test('numbers echoed as 07700 900123, 00447700900123, +44 7700 900123 or a JSON number are the numbers asked', async () => {
	const echoed = [
		{ Destination: '07700 900000', ShortCode: '60777' },
		{ Destination: '00447700900001', ShortCode: '60777' },
		{ MobilePhone: '+44 7700 900002', ShortCode: '60777' },
		{ Destination: 447700900003, ShortCode: 60777 },
		{ Destination: '1 (202) 555-0143', ShortCode: '60777' }, // a US number, read as such
	];
	const input = [...asked(5).slice(0, 4), { phone: '+12025550143' }, { phone: '07700 900099' }];

	const items = await check(input, () => searchPage(echoed, echoed.length));

	expect(onStopLog(items)).toEqual([true, true, true, true, true, false]);
});

test('an entry for a number not asked, or one that cannot be read, leaves only the listed numbers provable', async () => {
	for (const stranger of ['447700999999', 'n/a']) {
		const items = await check(asked(2), () => searchPage([entry(0), { Destination: stranger, ShortCode: '60777' }], 2));
		await server.close();
		server = undefined;

		expect(items[0]).toMatchObject({ phoneNumber: '+447700900000', onStopLog: true });
		expect(items[1].onStopLog).toBeUndefined();
		expect(items[1].error).toBe(
			stranger === 'n/a'
				? 'Item 1: 2sms answered 200: whether +447700900001 is on the stop log cannot be told: 2sms listed a stop-log entry for a number that cannot be read ("n/a")'
				: 'Item 1: 2sms answered 200: whether +447700900001 is on the stop log cannot be told: 2sms listed a stop-log entry for "447700999999", which is none of the numbers asked',
		);
	}
});

test('an entry whose short code cannot be read proves the number listed, but nothing about one short code', async () => {
	const items = await check(
		[{ phone: ukMobile(0) }, { phone: ukMobile(0), shortCode: '60777' }],
		() => searchPage([{ Destination: ukDigits(0), ShortCode: 'sixty' }], 1),
	);

	expect(items[0]).toMatchObject({ onStopLog: true, shortCode: null });
	expect(items[1].error).toBe(
		'Item 1: 2sms answered 200: whether +447700900000 is on the stop log cannot be told: 2sms listed an entry for +447700900000 on a short code that cannot be read',
	);
});

describe('a server that counts pages from 1', () => {
	test('and answers page 0 with its page 1: one page is all it takes when it holds every entry', async () => {
		const items = await check(asked(100), pagedSearch(Array.from({ length: 60 }, (_, index) => entry(index)), { firstPage: 1 }));
		expect(onStopLog(items)).toEqual(Array.from({ length: 100 }, (_, index) => index < 60));
		expect(server.searches().map((request) => request.query.Page)).toEqual(['0']);
	});

	test('and answers page 0 with its page 1 on a longer list: pages 0, 1 (the same, skipped) and 2', async () => {
		// One search of 100 numbers whose 150 entries (numbers on two short codes) fill two pages.
		const twoCodes = Array.from({ length: 75 }, (_, index) => [entry(index, '60777'), entry(index, '88440')]).flat();
		const items = await check(asked(100), pagedSearch(twoCodes, { firstPage: 1 }));
		expect(onStopLog(items)).toEqual(Array.from({ length: 100 }, (_, index) => index < 75));
		expect(server.searches().map((request) => request.query.Page)).toEqual(['0', '1', '2']);
	});

	test('and answers page 0 empty: page 1 is read', async () => {
		const search = (query) => (Number(query.Page) < 1 ? searchPage([], 2) : pagedSearch([entry(0), entry(1)], { firstPage: 1 })(query));
		const items = await check(asked(3), search);
		expect(onStopLog(items)).toEqual([true, true, false]);
		expect(server.searches().map((request) => request.query.Page)).toEqual(['0', '1']);
	});

	test('and refuses page 0: page 1 is read', async () => {
		const search = (query) =>
			Number(query.Page) < 1
				? { status: 400, body: { Error: { ErrorCode: 'InvalidRequest', ErrorReason: 'Page must be >= 1' }, ResponseData: null } }
				: pagedSearch([entry(1)], { firstPage: 1 })(query);
		const items = await check(asked(3), search);
		expect(onStopLog(items)).toEqual([false, true, false]);
		expect(server.searches().map((request) => request.query.Page)).toEqual(['0', '1']);
	});
});
