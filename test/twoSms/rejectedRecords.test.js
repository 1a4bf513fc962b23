'use strict';
// When 2sms refuses a batch because of one record, the user must see only that contact fail,
// with 2sms's reason, and every other contact go through.
const { runWorkflow } = require('../../harness');
const { NODE, useSimulator, credentialsFor, stopLogWorkflow, ukMobile, ukDigits, stopLogRequests } = require('./twoSmsTestKit');

const env = useSimulator();
const LANDLINE = '020 7946 0321'; // a London landline: valid E.164, but 2sms only keeps mobiles
const BAD_INDEX = 37;

/** 100 contacts who opted back in, the one at BAD_INDEX a landline. */
function contacts() {
	return Array.from({ length: 100 }, (_, index) => ({
		phone: index === BAD_INDEX ? LANDLINE : ukMobile(index + 300),
		reason: 'Opted back in',
	}));
}

function expectOnlyTheLandlineFailed(sim, successItems, errorItems) {
	expect(successItems).toHaveLength(99);
	expect(successItems.map((item) => item.pairedItem.item)).toEqual(
		Array.from({ length: 100 }, (_, index) => index).filter((index) => index !== BAD_INDEX),
	);
	for (const item of successItems) expect(item.json.outcome).toBe('notOnStopLog');
	expect(errorItems).toHaveLength(1);
	const [bad] = errorItems;
	expect(bad.pairedItem).toEqual({ item: BAD_INDEX });
	expect(bad.json.error).toMatch(new RegExp(`^Item ${BAD_INDEX}: 2sms answered 400: .*not a valid mobile number.*\\(InvalidRecord\\)`));
	expect(bad.json.error).toMatch(new RegExp(`^Item ${BAD_INDEX}: `));
	expect(bad.json.message).toMatch(/^HTTP 400; /);

	// Every good record reached 2sms in a batch that was accepted; the landline never did.
	const accepted = stopLogRequests(sim).filter((request) => request.status === 200);
	const sent = accepted.flatMap((request) => request.body.map((record) => record.Destination));
	expect(sent.sort()).toEqual(
		Array.from({ length: 100 }, (_, index) => ukDigits(index + 300)).filter((_, index) => index !== BAD_INDEX).sort(),
	);
	// Split in halves, not one request per record.
	expect(stopLogRequests(sim).length).toBeLessThanOrEqual(1 + 2 * Math.ceil(Math.log2(100)));
}

test('with Continue On Fail, the landline in a batch of 100 fails alone and the other 99 are removed', async () => {
	const { sim } = env;
	const result = await runWorkflow(stopLogWorkflow('remove', { onError: 'continueRegularOutput' }), {
		credentials: credentialsFor(sim),
		input: contacts(),
	});

	expect(result.status).toBe('success');
	const items = result.items(NODE);
	expect(items).toHaveLength(100);
	expect(items.map((item) => item.pairedItem)).toEqual(items.map((_, index) => ({ item: index })));
	expectOnlyTheLandlineFailed(
		sim,
		items.filter((item) => !item.json.error),
		items.filter((item) => item.json.error),
	);
});

test('with the error output, the landline goes to the error branch and the other 99 to the success branch', async () => {
	const { sim } = env;
	const result = await runWorkflow(stopLogWorkflow('remove', { onError: 'continueErrorOutput' }), {
		credentials: credentialsFor(sim),
		input: contacts(),
	});

	expect(result.status).toBe('success');
	const errorItems = result.items(NODE, 1);
	expectOnlyTheLandlineFailed(sim, result.items(NODE, 0), errorItems);
	expect(errorItems[0].json.phone).toBe(LANDLINE); // n8n merges the input item into the error item
});

test('an error code in a 200 answer fails the items of that batch with 2sms reason, and nothing is retried', async () => {
	const { sim } = env;
	sim.addFault({
		route: 'DELETE /api/v1/addressbook/stoplog',
		kind: 'errorCode200',
		errorCode: 'InsufficientCredits',
		errorReason: 'Not enough credits to send confirmations',
		times: 1,
	});
	const result = await runWorkflow(stopLogWorkflow('remove', { onError: 'continueRegularOutput' }), {
		credentials: credentialsFor(sim),
		input: [
			{ phone: '07700 900101', reason: 'Back in', sendConfirmation: true },
			{ phone: '07700 900102', reason: 'Back in', sendConfirmation: true },
		],
	});

	expect(result.status).toBe('success');
	const items = result.items(NODE);
	expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	items.forEach((item, index) => {
		expect(item.json.error).toBe(
			`Item ${index}: 2sms answered 200: Not enough credits to send confirmations (InsufficientCredits)`,
		);
	});
	expect(stopLogRequests(sim).length).toBe(1);
	expect(sim.state.twoSms.isOnStopLog('447700900101')).toBe(true);
});

test('without Continue On Fail, a 200 with an error code fails the node with 2sms reason', async () => {
	const { sim } = env;
	sim.addFault({ route: 'DELETE /api/v1/addressbook/stoplog', kind: 'errorCode200', times: 1 });
	const result = await runWorkflow(stopLogWorkflow('remove'), {
		credentials: credentialsFor(sim),
		input: [{ phone: '07700 900101', reason: 'Back in' }],
	});

	expect(result.status).toBe('error');
	expect(result.error).toMatchObject({
		name: 'NodeApiError',
		message: 'Item 0: 2sms answered 200: An internal error occurred. (InternalError)',
	});
});
