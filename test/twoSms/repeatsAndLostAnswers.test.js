'use strict';
// A number asked for more than once in a run, and an answer lost after 2sms applied the change:
// every item says what happened to its own record, and a change this run made is reported as such.
const { runWorkflow } = require('../../harness');
const { NODE, useSimulator, credentialsFor, stopLogWorkflow, stopLogRequests } = require('./twoSmsTestKit');

const env = useSimulator();

async function run(operation, input, settings = {}) {
	const result = await runWorkflow(stopLogWorkflow(operation, settings), { credentials: credentialsFor(env.sim), input });
	expect(result.status).toBe('success');
	const items = result.items(NODE);
	expect(items.map((item) => item.pairedItem)).toEqual(input.map((_, index) => ({ item: index })));
	return items.map((item) => item.json);
}

test('the same number for the default short code and for 60777 goes in two requests, each item answered from its own', async () => {
	const { sim } = env;
	// 60777 is the account's default: both items are about the same stop-log entry.
	const items = await run('remove', [
		{ phone: '07700 900101', reason: 'Back in' },
		{ phone: '07700 900101', reason: 'Back in', shortCode: '60777' },
		{ phone: '07700 900102', reason: 'Back in' },
	]);

	const requests = stopLogRequests(sim);
	expect(requests.map((request) => request.body.map((record) => [record.Destination, record.ShortCode]))).toEqual([
		[['447700900101', null], ['447700900102', null]],
		[['447700900101', '60777']],
	]);
	expect(items.map((json) => [json.shortCode, json.outcome, json.status])).toEqual([
		['60777', 'removed', 'Removed'],
		['60777', 'notOnStopLog', 'NotOnStopLog'], // the first item's record had already taken it off
		['60777', 'removed', 'Removed'],
	]);
});

test('the same number twice with a different Reason and Send Confirmation sends each item its own values', async () => {
	const { sim } = env;
	const items = await run('remove', [
		{ phone: '07700 900101', reason: 'From the web form', sendConfirmation: false },
		{ phone: '+44 7700 900101', reason: 'From the call centre', sendConfirmation: true },
	]);

	expect(stopLogRequests(sim).map((request) => request.body)).toEqual([
		[{ Destination: '447700900101', Reason: 'From the web form', SendConfirmation: false, ShortCode: null }],
		[{ Destination: '447700900101', Reason: 'From the call centre', SendConfirmation: true, ShortCode: null }],
	]);
	// Sent in item order, the second only after the first was answered: it found the number off.
	expect(items.map((json) => [json.outcome, json.confirmedBy, json.messageId])).toEqual([
		['removed', 'answer', null],
		['notOnStopLog', 'answer', null], // no confirmation for a number that did not change
	]);
});

test.each([
	['remove', '07700 900101', 'removed', 'NotOnStopLog', false],
	['add', '07700 900150', 'added', 'AlreadyOnStopLog', true],
])('%s: an answer lost after 2sms applied the change, then "already so" on the retry, is this run\'s change', async (operation, phone, done, retryStatus, onLogAfter) => {
	const { sim } = env;
	const method = operation === 'remove' ? 'DELETE' : 'POST';
	sim.addFault({ route: `${method} /api/v1/addressbook/stoplog`, kind: 'resetAfterCommit', times: 1 });

	const items = await run(operation, [{ phone, reason: 'Compliance sync' }]);

	expect(stopLogRequests(sim).map((request) => request.status)).toEqual([null, 200]);
	expect(items[0]).toMatchObject({ outcome: done, status: retryStatus, confirmedBy: 'retryAfterLostAnswer' });
	expect(sim.state.twoSms.isOnStopLog(phone === '07700 900101' ? '447700900101' : '447700900150')).toBe(onLogAfter);
});

test('a retry after a 503 that answers "Removed" is confirmed by that answer', async () => {
	const { sim } = env;
	sim.addFault({ route: 'DELETE /api/v1/addressbook/stoplog', kind: 'status', status: 503, times: 1 });

	const items = await run('remove', [{ phone: '07700 900101', reason: 'Back in' }]);

	expect(items[0]).toMatchObject({ outcome: 'removed', status: 'Removed', confirmedBy: 'answer' });
});

test('a number that was already off the stop log, with nothing lost on the way, is notOnStopLog by the answer', async () => {
	const items = await run('remove', [{ phone: '07700 900150', reason: 'Back in' }]);
	expect(items[0]).toMatchObject({ outcome: 'notOnStopLog', status: 'NotOnStopLog', confirmedBy: 'answer' });
});
