'use strict';
// Check answers what the stop log says right now, including right after Remove and Add.
const { runWorkflow } = require('../../harness');
const { NODE, useSimulator, credentialsFor, stopLogWorkflow, stopLogRequests } = require('./twoSmsTestKit');

const env = useSimulator();

async function check(sim, input) {
	const result = await runWorkflow(stopLogWorkflow('check'), { credentials: credentialsFor(sim), input });
	expect(result.status).toBe('success');
	return result.items(NODE);
}

// What 2sms listed; onStopLog is true when listed and null (not known) when not: see the last test.
const onStopLog = (items) =>
	items.map((item) => {
		expect(item.json.onStopLog).toBe(item.json.listed ? true : null);
		return item.json.listed;
	});

test('Check says which numbers are on the stop log, per short code when one is given', async () => {
	const { sim } = env;
	const items = await check(sim, [
		{ phone: '07700 900101' }, // on the log (default short code)
		{ phone: '07700 900150' }, // not on the log
		{ phone: '+44 7700 900103', shortCode: '88440' }, // on the log for 88440
		{ phone: '+44 7700 900103', shortCode: '60777' }, // not for 60777
	]);

	expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
	expect(items[0].json).toEqual({
		phoneNumber: '+447700900101',
		shortCode: null,
		onStopLog: true,
		listed: true,
		at: expect.any(String),
		workflowId: 'harness-workflow', // the run that made the record (see test/twoSms/runIds.test.js)
		executionId: expect.any(String),
		nodeName: '2sms',
	});
	expect(onStopLog(items)).toEqual([true, false, true, false]);
	const [search] = stopLogRequests(sim);
	expect(search).toMatchObject({ method: 'GET', path: '/api/v2/addressbook/stoplog' });
	expect(search.query.MobilePhone.split(',')).toEqual(['447700900101', '447700900150', '447700900103']);
});

test('after Remove, Check lists the numbers no more; after Add, on the stop log again', async () => {
	const { sim } = env;
	const numbers = [{ phone: '07700 900101' }, { phone: '07700 900102' }, { phone: '07700 900150' }];
	const withReason = numbers.map((number) => ({ ...number, reason: 'Compliance test' }));

	const removed = await runWorkflow(stopLogWorkflow('remove'), { credentials: credentialsFor(sim), input: withReason });
	expect(removed.items(NODE).map((item) => item.json.outcome)).toEqual(['removed', 'removed', 'notOnStopLog']);
	expect(onStopLog(await check(sim, numbers))).toEqual([false, false, false]);
	expect(numbers.map((_, index) => sim.state.twoSms.isOnStopLog(`44770090010${index + 1}`))).toEqual([false, false, false]);

	const added = await runWorkflow(stopLogWorkflow('add'), { credentials: credentialsFor(sim), input: withReason });
	expect(added.items(NODE).map((item) => item.json.outcome)).toEqual(['added', 'added', 'added']);
	expect(onStopLog(await check(sim, numbers))).toEqual([true, true, true]);
	expect(sim.state.twoSms.isOnStopLog('447700900150')).toBe(true);
});

test('Check asks about 100 numbers at a time and reads every page of the answer', async () => {
	const { sim } = env;
	const number = (index) => `+4477009${String(index + 700).padStart(5, '0')}`;
	// 60 numbers opted out of both short codes: 120 entries, more than one page of 100.
	const optOuts = ['60777', '88440'].flatMap((shortCode) =>
		Array.from({ length: 60 }, (_, index) => ({ phone: number(index), shortCode, reason: 'STOPALL' })),
	);
	await runWorkflow(stopLogWorkflow('add'), { credentials: credentialsFor(sim), input: optOuts });
	sim.clearRequests();
	const asked = Array.from({ length: 150 }, (_, index) => ({ phone: number(index), shortCode: '88440' }));

	const items = await check(sim, asked);

	expect(onStopLog(items)).toEqual(Array.from({ length: 150 }, (_, index) => index < 60));
	const searches = stopLogRequests(sim).map((request) => [request.query.MobilePhone.split(',').length, request.query.Page]);
	// Pages count from 0 (the documented default page); 120 entries of 100 a page is two pages.
	expect(searches.sort()).toEqual([[100, '0'], [100, '1'], [50, '0']]);
});

test('a STOP from someone who is no contact: Check never says "off" (2sms lists contacts only), and Remove then finds the entry', async () => {
	const { sim } = env;
	// 2sms put the number on the stop log itself; it is no address-book contact, so it is not listed.
	sim.twoSms.injectInbound({ from: '+447700900777', to: '60777', message: 'STOP' });
	expect(sim.state.twoSms.isOnStopLog('447700900777', '60777')).toBe(true);

	const [item] = await check(sim, [{ phone: '07700 900777', shortCode: '60777' }]);
	expect(item.json).toMatchObject({ phoneNumber: '+447700900777', onStopLog: null, listed: false });
	expect(item.json.onStopLog).not.toBe(false);

	const removed = await runWorkflow(stopLogWorkflow('remove'), {
		credentials: credentialsFor(sim),
		input: [{ phone: '07700 900777', shortCode: '60777', reason: 'Opted back in by phone' }],
	});
	expect(removed.items(NODE)[0].json).toMatchObject({ outcome: 'removed', confirmedBy: 'answer' });
	expect(sim.state.twoSms.isOnStopLog('447700900777', '60777')).toBe(false);
});
