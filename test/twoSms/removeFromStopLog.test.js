'use strict';
// Remove from Stop Log, the headline action: what a compliance user sees for one contact from a
// webhook and for a nightly thousand, and what 2sms received.
const { runWorkflow } = require('../../harness');
const { NODE, useSimulator, credentialsFor, stopLogWorkflow, ukMobile, ukDigits, stopLogRequests } = require('./twoSmsTestKit');

const env = useSimulator();

test('one contact who opted back in is taken off the stop log and the item records what happened', async () => {
	const { sim } = env;
	expect(sim.state.twoSms.isOnStopLog('447700900101')).toBe(true);

	const result = await runWorkflow(stopLogWorkflow('remove'), {
		credentials: credentialsFor(sim),
		input: [{ phone: '07700 900101', reason: 'Opted back in via preference centre' }],
	});

	expect(result.status).toBe('success');
	const [item] = result.items(NODE);
	expect(item.pairedItem).toEqual({ item: 0 });
	expect(item.json).toEqual({
		phoneNumber: '+447700900101',
		shortCode: '60777', // none asked for: the account's default, as 2sms reports it
		outcome: 'removed',
		dryRun: false,
		status: 'Removed',
		messageId: null,
		creditsUsed: 0,
		creditsRemaining: 100,
		at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
		confirmedBy: 'answer', // 2sms's answer said "Removed", a word we know
		// The run that made the record (see test/twoSms/runIds.test.js).
		workflowId: 'harness-workflow',
		executionId: expect.any(String),
		nodeName: '2sms',
	});
	expect(sim.state.twoSms.isOnStopLog('447700900101')).toBe(false);
});

test("the request 2sms receives is the one its API help shows (DELETE api/v1/addressbook/stoplog): a JSON array of {Destination, Reason, SendConfirmation, ShortCode}", async () => {
	const { sim } = env;
	await runWorkflow(stopLogWorkflow('remove'), {
		credentials: credentialsFor(sim),
		input: [
			{ phone: '+44 7700 900102', reason: 'Back in', shortCode: '60777' },
			{ phone: '447700900103', reason: 'Asked by phone', shortCode: '88440', sendConfirmation: true },
		],
	});

	const requests = stopLogRequests(sim);
	expect(requests).toHaveLength(1);
	const [request] = requests;
	expect(request.method).toBe('DELETE');
	expect(request.path).toBe('/api/v1/addressbook/stoplog');
	expect(request.headers['content-type']).toMatch(/^application\/json/);
	expect(request.headers.authorization).toMatch(/^Bearer /);
	expect(Array.isArray(request.body)).toBe(true);
	for (const record of request.body) {
		expect(Object.keys(record).sort()).toEqual(['Destination', 'Reason', 'SendConfirmation', 'ShortCode']);
	}
	expect(request.body).toEqual([
		{ Destination: '447700900102', Reason: 'Back in', SendConfirmation: false, ShortCode: '60777' },
		{ Destination: '447700900103', Reason: 'Asked by phone', SendConfirmation: true, ShortCode: '88440' },
	]);
});

test('1,000 contacts go out as exactly 10 requests of 100, and every item is answered in order with its pairing', async () => {
	const { sim } = env;
	const input = Array.from({ length: 1000 }, (_, index) => ({ phone: ukMobile(index + 200), reason: 'Nightly opt-in sync' }));

	const result = await runWorkflow(stopLogWorkflow('remove'), { credentials: credentialsFor(sim), input });

	expect(result.status).toBe('success');
	const requests = stopLogRequests(sim);
	expect(requests).toHaveLength(10);
	expect(requests.map((request) => request.body.length)).toEqual(Array(10).fill(100));
	const items = result.items(NODE);
	expect(items).toHaveLength(1000);
	items.forEach((item, index) => {
		expect(item.pairedItem).toEqual({ item: index });
		expect(item.json.phoneNumber).toBe(`+${ukDigits(index + 200)}`);
		expect(item.json.outcome).toBe('notOnStopLog');
	});
});

test('a number that appears twice (two ways of writing it) with the same Reason is sent once and both items get the answer', async () => {
	const { sim } = env;
	const result = await runWorkflow(stopLogWorkflow('remove'), {
		credentials: credentialsFor(sim),
		input: [
			{ phone: '07700 900101', reason: 'From the web form' },
			{ phone: '07700 900150', reason: 'Other contact' },
			{ phone: '+447700900101', reason: 'From the web form' },
		],
	});

	expect(result.status).toBe('success');
	const requests = stopLogRequests(sim);
	expect(requests).toHaveLength(1);
	expect(requests[0].body.map((record) => record.Destination)).toEqual(['447700900101', '447700900150']);
	const items = result.items(NODE);
	expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	expect(items.map((item) => [item.json.phoneNumber, item.json.outcome])).toEqual([
		['+447700900101', 'removed'],
		['+447700900150', 'notOnStopLog'],
		['+447700900101', 'removed'],
	]);
});

test('Send Confirmation texts the number and the credits it costs show on the item', async () => {
	const { sim } = env;
	const creditsBefore = sim.state.twoSms.credits();

	const result = await runWorkflow(stopLogWorkflow('remove'), {
		credentials: credentialsFor(sim),
		input: [
			{ phone: '07700 900101', reason: 'Back in', sendConfirmation: true },
			{ phone: '07700 900102', reason: 'Back in', sendConfirmation: true },
			{ phone: '07700 900104', reason: 'Back in, no text please', sendConfirmation: false },
		],
	});

	expect(result.status).toBe('success');
	expect(sim.state.twoSms.credits()).toBe(creditsBefore - 2);
	const items = result.items(NODE).map((item) => item.json);
	expect(items.map((json) => typeof json.messageId)).toEqual(['string', 'string', 'object']);
	for (const json of items) {
		expect(json).toMatchObject({ outcome: 'removed', creditsUsed: 2, creditsRemaining: creditsBefore - 2 });
	}
});
