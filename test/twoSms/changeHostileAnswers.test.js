'use strict';
// Remove and Add report `removed`/`added` (or `notOnStopLog`/`alreadyOnStopLog`) only when the
// answer proves it: a word of our one vocabulary for this item's number and short code, or the
// stop log read back. Served by 2sms look-alikes on 127.0.0.1 that word their answers otherwise.
const { runWorkflow } = require('../../harness');
const { NODE, stopLogWorkflow, ukMobile, ukDigits } = require('./twoSmsTestKit');
const { startHostileTwoSms, stopLogLookAlike, changeAnswer, searchPage } = require('./hostileTwoSms');

let server;
afterEach(async () => {
	await server?.close();
	server = undefined;
});

async function change(operation, input, handlers, options = {}) {
	server = await startHostileTwoSms(handlers);
	const result = await runWorkflow(stopLogWorkflow(operation, { onError: 'continueRegularOutput', options }), {
		credentials: server.credentials,
		input,
	});
	expect(result.status).toBe('success');
	const items = result.items(NODE);
	expect(items.map((item) => item.pairedItem)).toEqual(input.map((_, index) => ({ item: index })));
	return items.map((item) => item.json);
}

const contact = (index, fields = {}) => ({ phone: ukMobile(index), reason: 'Opted back in', ...fields });
const onLog = (...indexes) => indexes.map((index) => [ukDigits(index), '60777']);

describe('an answer in words we do not know, for a change 2sms did not make, fails the item with those words', () => {
	test.each([
		['missing', undefined, 'Status missing'],
		['null', null, 'Status null'],
		['empty', '', 'Status ""'],
		['StillOnStopLog', 'StillOnStopLog', 'Status "StillOnStopLog"'],
		['Unsuccessful', 'Unsuccessful', 'Status "Unsuccessful"'],
		['Blocked', 'Blocked', 'Status "Blocked"'],
		['Pending', 'Pending', 'Status "Pending"'],
		['NotRemoved', 'NotRemoved', 'Status "NotRemoved"'],
		['the other action\'s word', 'Added', 'Status "Added"'],
	])('Remove answered with Status %s', async (_, word, said) => {
		const log = stopLogLookAlike({ onLog: onLog(0), applies: false, status: () => word });
		const items = await change('remove', [contact(0)], log);

		expect(items).toEqual([{
			error: `Item 0: 2sms answered 200: 2sms answered ${said} for +447700900000, which proves nothing, and the stop log read back shows the number still on the stop log for short code 60777`,
			message: expect.stringMatching(/^HTTP 200; /),
		}]);
		expect(server.changes()).toHaveLength(1);
		expect(server.searches()).toHaveLength(1); // the read-back
	});

	test.each([
		['Result "Failed" with no ErrorCode', { result: 'Failed' }, 'Result "Failed"'],
		['an ErrorReason with no ErrorCode', { error: { ErrorCode: null, ErrorReason: 'Could not update the stop log' } }, 'ErrorReason "Could not update the stop log" without an ErrorCode'],
		['a null Result', { result: null }, 'Result null'],
	])('Remove answered "Removed" but with %s', async (_, answer, said) => {
		const log = stopLogLookAlike({ onLog: onLog(0), applies: false, status: () => 'Removed', answer });
		const items = await change('remove', [contact(0)], log);

		expect(items[0].error).toBe(
			`Item 0: 2sms answered 200: 2sms answered ${said} for +447700900000, which proves nothing, and the stop log read back shows the number still on the stop log for short code 60777`,
		);
	});

	test.each(['Pending', 'Unsuccessful', 'NotAdded'])('Add answered with Status %s', async (word) => {
		const log = stopLogLookAlike({ applies: false, status: () => word });
		const items = await change('add', [contact(0, { reason: 'STOP' })], log);

		expect(items[0].error).toBe(
			`Item 0: 2sms answered 200: 2sms answered Status "${word}" for +447700900000, which proves nothing, and the stop log read back shows the number not on the stop log for short code 60777`,
		);
	});
});

describe('reading the stop log back settles an answer in words we do not know', () => {
	test.each(['Deleted', 'OK', 'Opted in'])(
		'Remove answered "%s" and the number is listed no more: the item fails with those words, since 2sms lists contacts only',
		async (word) => {
			const log = stopLogLookAlike({ onLog: onLog(0, 1), status: () => word });
			const items = await change('remove', [contact(0), contact(1), contact(2, { shortCode: '88440' })], log);

			// Not listed proves nothing for a number that is no address-book contact (a STOP from a
			// stranger is on the stop log, unlisted), so no item claims "removed" from the listing.
			expect(items.map((json) => json.outcome)).toEqual([undefined, undefined, undefined]);
			expect(items[0].error).toBe(
				`Item 0: 2sms answered 200: 2sms answered Status "${word}" for +447700900000, which proves nothing, and the stop log read back does not list the number for short code 60777, which does not prove it is off: 2sms lists address-book contacts only`,
			);
			expect(items[2].error).toMatch(/read back does not list the number for short code 88440, which does not prove it is off/);
			// One search for the three numbers, after the one change request.
			expect(server.requests().map((request) => request.method)).toEqual(['DELETE', 'GET']);
			expect(server.searches()[0].query.MobilePhone).toBe([0, 1, 2].map(ukDigits).join(','));
		},
	);

	test.each(['Blocked', 'OptedOut'])('Add answered "%s" and the number is on the stop log: added, confirmed by reading back', async (word) => {
		const log = stopLogLookAlike({ status: () => word });
		const items = await change('add', [contact(0, { shortCode: '88440', reason: 'STOP' })], log);

		expect(items[0]).toMatchObject({ outcome: 'added', confirmedBy: 'readBack', status: word, shortCode: '88440' });
		expect(log.isOnStopLog(ukDigits(0), '88440')).toBe(true);
	});

	test('a refusal (Result "Failed") for a number that is not listed is neither removed nor notOnStopLog: the item fails with the words', async () => {
		const log = stopLogLookAlike({ applies: false, status: () => 'NotRemoved', answer: { result: 'Failed' } });
		const items = await change('remove', [contact(0)], log);

		expect(items[0].outcome).toBeUndefined();
		expect(items[0].error).toMatch(/^Item 0: 2sms answered 200: 2sms answered Status "NotRemoved", Result "Failed" for \+447700900000, which proves nothing, and the stop log read back does not list the number/);
	});

	test('a refusal (Result "Failed") for an Add whose number is listed is alreadyOnStopLog, proven by the listing', async () => {
		const log = stopLogLookAlike({ onLog: onLog(0), applies: false, status: () => 'NotAdded', answer: { result: 'Failed' } });
		const items = await change('add', [contact(0, { reason: 'STOP' })], log);

		expect(items[0]).toMatchObject({
			outcome: 'alreadyOnStopLog',
			confirmedBy: 'readBack',
			status: 'NotAdded',
			providerMessage: 'Status "NotAdded", Result "Failed"',
		});
	});

	test('a read-back whose answer cannot be read fails the item with both answers', async () => {
		const log = stopLogLookAlike({ onLog: onLog(0), status: () => 'Deleted' });
		const items = await change('remove', [contact(0)], { change: log.change, search: () => ({ ResponseData: { Result: 'Success', Detail: {} } }) });

		expect(items[0].error).toBe(
			'Item 0: 2sms answered 200: 2sms answered Status "Deleted" for +447700900000, which proves nothing, and reading the stop log back failed: the stop-log search answered without a list of Records (Records is missing)',
		);
	});

	test('an Add on the default short code that 2sms does not name cannot be proven by an entry on some short code', async () => {
		// The record names no ShortCode; the stop log lists the number on 88440 only.
		const items = await change('add', [contact(0, { reason: 'STOP' })], {
			change: (records) => changeAnswer(records.map((record) => ({ Destination: record.Destination, Status: 'Queued' }))),
			search: () => searchPage([{ Destination: ukDigits(0), ShortCode: '88440' }], 1),
		});

		expect(items[0].error).toBe(
			"Item 0: 2sms answered 200: 2sms answered Status \"Queued\" for +447700900000, which proves nothing, and the stop log read back cannot tell: 2sms listed +447700900000 on short code \"88440\" only, and which short code is the account's default is not known",
		);
	});
});

test('a Status that echoes the client secret or the access token is kept in the output with both hidden', async () => {
	const word = 'Blocked for hostile-client-secret using hostile-access-token';
	const log = stopLogLookAlike({ status: () => word });
	const items = await change('add', [contact(0, { reason: 'STOP' })], log);

	expect(items[0]).toMatchObject({ outcome: 'added', confirmedBy: 'readBack' });
	const shown = JSON.stringify(items[0]);
	expect(shown).not.toContain('hostile-client-secret');
	expect(shown).not.toContain('hostile-access-token');
	expect(items[0].status).toMatch(/^Blocked for \S+ using \S+$/);
});

describe('each item is answered from the record for its own number and short code', () => {
	test('an answer about short code 99999 for an item that asked for 60777 fails the item', async () => {
		const items = await change('remove', [contact(0, { shortCode: '60777' }), contact(1)], {
			change: (records) => changeAnswer(records.map((record) => ({ Destination: record.Destination, Status: 'Removed', ShortCode: '99999' }))),
		});

		expect(items[0].error).toBe("Item 0: 2sms answered 200: 2sms's record for +447700900000 is about short code \"99999\", but the item asked for 60777");
		// Asked for the account's default: whichever short code 2sms names is that default.
		expect(items[1]).toMatchObject({ outcome: 'removed', shortCode: '99999', confirmedBy: 'answer' });
	});

	test('records answered in another order, with others missing or doubled, reach the right items', async () => {
		const items = await change('remove', [contact(0), contact(1), contact(2), contact(3)], {
			change: (records) => changeAnswer([
				{ Destination: ukDigits(1), Status: 'NotOnStopLog', ShortCode: '60777' },
				{ Destination: `+44 ${ukDigits(0).slice(2)}`, Status: 'Removed', ShortCode: '60777' },
				{ Destination: ukDigits(3), Status: 'Removed', ShortCode: '60777' },
				{ Destination: ukDigits(3), Status: 'NotOnStopLog', ShortCode: '60777' },
				{ Destination: '447700999999', Status: 'Removed', ShortCode: '60777' },
			].filter(() => records.length === 4)),
		});

		expect(items[0]).toMatchObject({ phoneNumber: '+447700900000', outcome: 'removed' });
		expect(items[1]).toMatchObject({ phoneNumber: '+447700900001', outcome: 'notOnStopLog' });
		expect(items[2].error).toBe('Item 2: 2sms answered 200: 2sms accepted the request but its answer has no record for +447700900002');
		expect(items[3].error).toBe(
			"Item 3: 2sms answered 200: 2sms's answer has 2 records for +447700900003, which was sent once, so which one is this item's cannot be told",
		);
	});

	// In the US, "2025550143" is +1 202 555 0143 written nationally and +20 2555 0143 written the
	// way 2sms keys numbers (international digits, no '+'): it belongs to neither item.
	test('an echo that reads as two of the numbers sent is neither\'s record: both items fail, neither is claimed removed', async () => {
		const items = await change(
			'remove',
			[{ phone: '+1 202 555 0143', reason: 'Opted back in' }, { phone: '+20 2555 0143', reason: 'Opted back in' }],
			{ change: (records) => changeAnswer(records.length === 2 ? [{ Destination: '2025550143', Status: 'Removed', ShortCode: '60777' }] : []) },
			{ defaultCountry: 'US' },
		);

		expect(server.changes()).toHaveLength(1);
		expect(items.map((item) => item.error)).toEqual([
			'Item 0: 2sms answered 200: 2sms accepted the request but its answer has no record for +12025550143',
			'Item 1: 2sms answered 200: 2sms accepted the request but its answer has no record for +2025550143',
		]);
	});

	test('an answer without Records fails every item of the batch with 2sms words', async () => {
		const items = await change('remove', [contact(0)], { change: () => changeAnswer(undefined, { result: 'Failed' }) });
		expect(items[0].error).toBe(
			'Item 0: 2sms answered 200: 2sms accepted the request but its answer lists no Records (Result "Failed"), so nothing is known about +447700900000',
		);
	});
});

describe('a refused batch is split only when one record can be at fault, and only so far', () => {
	const hundred = Array.from({ length: 100 }, (_, index) => contact(index));

	test('insufficient credits refuses a batch of 100 once: one request, every item fails with 2sms reason', async () => {
		const refusal = { status: 400, body: { Error: { ErrorCode: 'InsufficientCredits', ErrorReason: 'Not enough credits' }, ResponseData: null } };
		const items = await change('remove', hundred.map((item) => ({ ...item, sendConfirmation: true })), { change: () => refusal });

		expect(server.changes()).toHaveLength(1);
		expect(new Set(items.map((json) => json.error.replace(/^Item \d+: /, '')))).toEqual(new Set(['2sms answered 400: Not enough credits (InsufficientCredits)']));
	});

	test('a server that refuses every record as invalid costs at most 40 requests for a batch of 100', async () => {
		const refusal = { status: 400, body: { Error: { ErrorCode: 'InvalidRecord', ErrorReason: 'Record 1: invalid' }, ResponseData: null } };
		const items = await change('remove', hundred, { change: () => refusal });

		expect(server.changes()).toHaveLength(40);
		expect(items.every((json) => json.error.startsWith(`Item `) && json.error.includes('Record 1: invalid (InvalidRecord)'))).toBe(true);
		const notSentAlone = items.filter((json) => json.error.includes('splitting the batch stopped after 40 requests'));
		expect(notSentAlone.length).toBeGreaterThan(0);
	});
});
