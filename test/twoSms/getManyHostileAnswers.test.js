'use strict';
// Get Many outputs a list only when the answers prove it whole, and reads numbers in whatever
// form 2sms writes them. Served by small hostile 2sms look-alikes on 127.0.0.1.
const { runWorkflow, loadWorkflowFixture } = require('../../harness');
const { NODE, ukDigits } = require('./twoSmsTestKit');
const { startHostileTwoSms, searchPage, pagedSearch } = require('./hostileTwoSms');

let server;
afterEach(async () => await server?.close());

async function getMany(search, parameters = {}) {
	server = await startHostileTwoSms({ search });
	const workflow = loadWorkflowFixture('test/workflows/twoSms/get-many-stop-log.json');
	const node = workflow.nodes.find((candidate) => candidate.name === NODE);
	Object.assign(node.parameters, parameters);
	node.onError = 'continueRegularOutput';
	const result = await runWorkflow(workflow, { credentials: server.credentials, input: [{}] });
	expect(result.status).toBe('success');
	return result.items(NODE).map((item) => item.json);
}

const entries = (count, shortCode = '60777') => Array.from({ length: count }, (_, index) => ({ Destination: ukDigits(index), ShortCode: shortCode }));
const pages = () => server.searches().map((request) => request.query.Page);

test('a server paging 10 entries while asked for 100 is read to the end: 250 entries in 25 pages', async () => {
	const items = await getMany(pagedSearch(entries(250), { pageSize: 10 }));

	expect(items.map((json) => json.phoneNumber)).toEqual(entries(250).map((entry) => `+${entry.Destination}`));
	expect(pages()).toEqual(Array.from({ length: 25 }, (_, page) => String(page)));
});

test('a server counting pages from 1 is read whole, as Check reads it', async () => {
	const items = await getMany(pagedSearch(entries(150), { firstPage: 1 }));

	expect(items).toHaveLength(150);
	expect(pages()).toEqual(['0', '1', '2']);
});

test('a TotalRecords that moves between pages fails the item: no list that may miss entries is output', async () => {
	const listing = entries(150);
	const items = await getMany((query) => {
		const page = Number(query.Page);
		// Someone opts out while the list is read: page 1 counts one more entry.
		return searchPage(listing.slice(page * 100, page * 100 + 100), page === 0 ? 150 : 151);
	});

	expect(items).toHaveLength(1);
	expect(items[0].error).toBe(
		'Item 0: 2sms answered 200: the stop-log listing changed while it was read: it said 150 TotalRecords at first and 151 on page 1. No entries are output, since the list may be missing some',
	);
});

test('a server that ignores Page is caught on the repeated page', async () => {
	const items = await getMany(() => searchPage(entries(100), 300));

	expect(items[0].error).toBe(
		'Item 0: 2sms answered 200: 2sms answered page 2 of the stop-log listing with the same entries as page 1, so it does not page; the listing was stopped after 3 requests. No entries are output, since the list may be missing some',
	);
	expect(pages()).toEqual(['0', '1', '2']);
});

test('an absurd TotalRecords is refused on the first page instead of paging towards it', async () => {
	const items = await getMany(() => searchPage(entries(100), 1e12));

	expect(items[0].error).toMatch(/^Item 0: 2sms answered 200: the stop-log listing says it has 1000000000000 entries, more than 2000 pages can hold; it was not read/);
	expect(pages()).toEqual(['0']);
});

test('a page with more entries than asked for, or without Records, fails the item', async () => {
	let items = await getMany(() => searchPage(entries(101), 101));
	expect(items[0].error).toMatch(/the stop-log listing listed 101 entries on a page of at most 100/);
	await server.close();

	items = await getMany(() => ({ Error: { ErrorCode: null }, ResponseData: { Detail: { Items: [] } } }));
	expect(items[0].error).toMatch(/the stop-log listing answered without a list of Records \(Records is missing\)/);
});

test('numbers written as 2sms might write them all read as the same E.164 number; one that is not a number keeps its text', async () => {
	const written = [
		{ MobilePhone: '+44 7700 900101', ShortCode: '60777' },
		{ MobilePhone: '07700 900102', ShortCode: 60777 },
		{ Destination: 447700900103, ShortCode: ' 88440 ' },
		{ MobilePhone: '0044 (0)7700-900104' },
		{ Destination: 'n/a', ShortCode: 'short code 5' },
	];
	const items = await getMany(() => searchPage(written, written.length));

	expect(items.map((json) => [json.phoneNumber, json.shortCode, json.listedAs])).toEqual([
		['+447700900101', '60777', undefined],
		['+447700900102', '60777', undefined],
		['+447700900103', '88440', undefined],
		['+447700900104', null, undefined],
		[null, 'short code 5', 'n/a'],
	]);
	expect(items[4].raw).toEqual(written[4]);
});

test('an echo of the client secret in a listed record is hidden in raw', async () => {
	const items = await getMany(() => searchPage([{ Destination: '447700900101', ShortCode: '60777', Reason: 'by hostile-client-secret' }], 1));

	expect(items[0].raw.Reason).toBe('by [redacted]');
	expect(JSON.stringify(items)).not.toContain('hostile-client-secret');
});
