'use strict';
// Stop Log Changed never claims a change its answers do not prove: a listing that cannot be
// proven complete fails the poll, which emits nothing and keeps what the trigger remembers.
// Served by small 2sms look-alikes on 127.0.0.1 that answer what our simulator never would.
const { ukDigits } = require('./twoSmsTestKit');
const { triggerWorkflow, activate, emitted, listingPage, pagedListing, startLookAlike } = require('./triggerKit');

let server;
afterEach(async () => await server?.close());

const workflow = (parameters) => triggerWorkflow('stopLogChanged', { ...parameters, options: { maxRetries: 0, ...parameters?.options } });
const entry = (index, shortCode = '60777') => ({ Destination: ukDigits(index), ShortCode: shortCode });
const entries = (count) => Array.from({ length: count }, (_, index) => entry(index));
const shown = (outcome) => emitted(outcome).map((json) => [json.event, json.phoneNumber, json.shortCode]);

/** Starts a look-alike whose listing is `list` (changed by the test between polls) and activates the trigger. */
async function startWith(list, listing = (query) => pagedListing(() => list)(query), parameters) {
	server = await startLookAlike({ listing });
	const trigger = await activate(workflow(parameters), server.credentials);
	expect(trigger.activation.status).toBe('nothing');
	return trigger;
}

test('a server paging 10 entries while asked for 100 is read to the end: 250 entries, 25 pages', async () => {
	const list = entries(250);
	const trigger = await startWith(list, (query) => pagedListing(() => list, { pageSize: 10 })(query));
	expect(server.listings().map((request) => request.query.Page)).toEqual(Array.from({ length: 25 }, (_, page) => String(page)));

	list.push(entry(250));
	expect(shown(await trigger.poll())).toEqual([['added', `+${ukDigits(250)}`, '60777']]);
});

test('a TotalRecords that moves between pages fails the poll: nothing emitted, the memory kept; the next steady listing emits', async () => {
	const list = entries(150);
	let moving = false;
	const trigger = await startWith(list, (query) => {
		const page = pagedListing(() => list)(query);
		if (moving && query.Page === '1') page.ResponseData.Detail.TotalRecords += 1;
		return page;
	});
	const remembered = trigger.staticData();
	list.splice(5, 1); // someone opts back in while the list is paged
	moving = true;

	const failed = await trigger.poll();
	expect(failed.status).toBe('error');
	expect(failed.error.message).toBe('2sms answered 200: the stop-log listing changed while it was read: it said 149 TotalRecords at first and 150 on page 1');
	expect(trigger.staticData()).toEqual(remembered);

	moving = false;
	expect(shown(await trigger.poll())).toEqual([['removed', `+${ukDigits(5)}`, '60777']]);
});

test.each([
	['without TotalRecords', (list) => listingPage(list.slice(0, 100)), /gave no readable TotalRecords on page 0 \(missing\), so whether it is complete cannot be told/],
	['with TotalRecords as text that is no number', (list) => listingPage(list.slice(0, 100), 'many'), /gave no readable TotalRecords on page 0 \(string\)/],
	['with Records missing', () => ({ Error: null, ResponseData: { Detail: { TotalRecords: 3 } } }), /answered without a list of Records \(Records is missing\)/],
	['with a page longer than asked for', (list) => listingPage(entries(101), 101), /listed 101 entries on a page of at most 100/],
	['with an absurd TotalRecords', (list) => listingPage(list.slice(0, 100), 1e9), /says it has 1000000000 entries, more than 2000 pages can hold; it was not read/],
	['ignoring Page', (list) => listingPage(list.slice(0, 100), 300), /answered page 2 of the stop-log listing with the same entries as page 1, so it does not page/],
])('a listing %s fails the poll, and the memory is kept', async (_, answer, problem) => {
	const list = entries(300);
	let hostile = false;
	const trigger = await startWith(list, (query) => (hostile ? answer(list, query) : pagedListing(() => list)(query)));
	const remembered = trigger.saved();
	hostile = true;
	list.splice(0, 10); // ten numbers leave; none may be reported

	const failed = await trigger.poll();
	expect(failed).toMatchObject({ status: 'error', items: [] });
	expect(failed.error.message).toMatch(problem);
	expect(trigger.saved()).toEqual(remembered);
});

test('an entry the pages skip without moving the total (one removed, one added at the end) is searched for, found and kept', async () => {
	// Page 0 is read before entry 7 leaves and entry 300 is added: page 1 then starts with entry
	// 101, so entry 100 is in no page read; the total stays 300.
	const list = entries(300);
	let skew = false;
	const trigger = await startWith(list, (query) => {
		if (query.MobilePhone) return pagedListing(() => list)(query);
		const shifted = skew && query.Page !== '0' ? [...list.slice(0, 7), ...list.slice(8), entry(300)] : list;
		return pagedListing(() => shifted)(query);
	});
	skew = true;
	server.forget();

	const outcome = await trigger.poll();
	// Entry 300 is new; entry 100 was missed by the pages but the search finds it: not removed.
	expect(shown(outcome)).toEqual([['added', `+${ukDigits(300)}`, '60777']]);
	expect(server.listings().map((request) => request.query.MobilePhone)).toEqual([undefined, undefined, undefined, ukDigits(100)]);

	skew = false;
	list.push(entry(300));
	expect(await trigger.poll()).toMatchObject({ status: 'nothing' });
});

test('a failed search for a missing number fails the poll: the removal is neither claimed nor forgotten', async () => {
	const list = entries(5);
	let searchFails = false;
	const trigger = await startWith(list, (query) => {
		if (query.MobilePhone && searchFails) return { status: 503, body: { Message: 'busy' } };
		return pagedListing(() => list)(query);
	});
	list.splice(2, 1);
	searchFails = true;
	const failed = await trigger.poll();
	expect(failed.status).toBe('error');
	expect(failed.error.message).toBe('2sms answered 503: busy');

	searchFails = false;
	expect(shown(await trigger.poll())).toEqual([['removed', `+${ukDigits(2)}`, '60777']]);
});

test('the same numbers written another way on the next poll are no change', async () => {
	const written = [
		[{ Destination: '447700900101', ShortCode: '60777' }, { MobilePhone: '+44 7700 900101', ShortCode: 60777 }],
		[{ Destination: '447700900102', ShortCode: '88440' }, { MobilePhone: '07700 900102', ShortCode: ' 88440 ' }],
		[{ Destination: 447700900103 }, { Destination: '0044 7700-900103', ShortCode: null }],
	];
	let form = 0;
	const trigger = await startWith(null, () => {
		const records = written.map((forms) => forms[form]);
		return listingPage(records, records.length);
	});
	form = 1;
	expect(await trigger.poll()).toMatchObject({ status: 'nothing' });
});

test('numbers 2sms writes as something else are reported as written, and removed when a complete listing lacks them', async () => {
	let list = [entry(1), { Destination: 'n/a', ShortCode: '60777' }];
	const trigger = await startWith(null, () => listingPage(list, list.length));
	list = [entry(1), { Destination: 'n/a', ShortCode: '60777' }, { MobilePhone: 'ask reception', ShortCode: 'ALL' }];

	const added = await trigger.poll();
	expect(emitted(added)).toEqual([
		{ event: 'added', phoneNumber: null, shortCode: 'ALL', listedAs: 'ask reception', since: expect.any(String), detectedAt: expect.any(String), raw: { MobilePhone: 'ask reception', ShortCode: 'ALL' } },
	]);

	list = [entry(1)];
	expect(emitted(await trigger.poll()).map((json) => [json.event, json.phoneNumber, json.listedAs, json.shortCode])).toEqual([
		['removed', null, 'ask reception', 'ALL'],
		['removed', null, 'n/a', '60777'],
	]);
});

test('2sms echoing the client secret in an error or a record: the poll error and the items show it redacted', async () => {
	let list = entries(2);
	let refuse = false;
	const trigger = await startWith(null, () =>
		refuse
			? { status: 500, body: { Error: { ErrorCode: 'InternalError', ErrorReason: 'client look-alike-client-secret is locked' }, ResponseData: null } }
			: listingPage(list, list.length),
	);
	refuse = true;
	const failed = await trigger.poll();
	expect(failed.error.message).toBe('2sms answered 500: client [redacted] is locked (InternalError)');

	refuse = false;
	list = [...list, { Destination: ukDigits(9), ShortCode: '60777', Reason: 'look-alike-client-secret' }];
	const outcome = await trigger.poll();
	expect(emitted(outcome)[0].raw.Reason).toBe('[redacted]');
	expect(JSON.stringify([failed.error, outcome.items])).not.toContain('look-alike-client-secret');
});

test('a redirect is not followed: the poll fails naming where it pointed, and nothing is sent there', async () => {
	let redirect = false;
	const trigger = await startWith(null, (query) =>
		redirect ? { status: 302, body: {}, headers: { location: 'https://collector.example/steal' } } : listingPage(entries(1), 1),
	);
	redirect = true;
	const failed = await trigger.poll();
	expect(failed.status).toBe('error');
	expect(failed.error.message).toMatch(/^2sms answered 302 with a redirect to https:\/\/collector\.example, which was not followed/);
});
