'use strict';
// Issue 14: Dry Run on Remove from and Add to Stop Log. Items are read, normalised and grouped as
// in a real run, their numbers searched with Check's search (with all its completeness rules),
// and each item says what a real run would do. No change (DELETE, POST) reaches 2sms.
const { runWorkflow } = require('../../harness');
const { NODE, useSimulator, credentialsFor, stopLogWorkflow, ukMobile, ukDigits, stopLogRequests } = require('./twoSmsTestKit');
const { startHostileTwoSms, searchPage, pagedSearch } = require('./hostileTwoSms');

const env = useSimulator();

const DRY = { options: { dryRun: true } };
const CONTINUE = { onError: 'continueRegularOutput' };
const jsonOf = (items) => items.map((item) => item.json);

async function runStopLog(operation, input, settings = {}) {
	const result = await runWorkflow(stopLogWorkflow(operation, settings), { credentials: credentialsFor(env.sim), input });
	return { result, out: jsonOf(result.items(NODE)) };
}

/** What reached the stop-log routes: only searches may, under Dry Run. */
const stopLogMethods = () => stopLogRequests(env.sim).map((request) => `${request.method} ${request.path}`);
const SEARCH = 'GET /api/v2/addressbook/stoplog';

/** The stop log and the credits as the simulator holds them, to compare before and after. */
const stopLogNow = () => JSON.stringify({ stopLog: env.sim.state.twoSms.stopLog(), credits: env.sim.state.twoSms.credits() });

describe('Remove from Stop Log with Dry Run', () => {
	test('each item says whether its number would come off the stop log, only a search reaches 2sms, and a real run then does what it said', async () => {
		const reason = 'Opted back in via preference centre';
		const input = [
			{ phone: '07700 900101', reason, shortCode: '60777' },
			{ phone: '+44 7700 900103', reason, shortCode: '88440' },
			{ phone: '07700 900150', reason },
			{ phone: '447700900103', reason, shortCode: '60777' },
		];
		const before = stopLogNow();

		const { result, out } = await runStopLog('remove', input, DRY);
		expect(result.status).toBe('success');
		expect(out.map((json) => [json.phoneNumber, json.shortCode, json.outcome])).toEqual([
			['+447700900101', '60777', 'wouldRemove'],
			['+447700900103', '88440', 'wouldRemove'],
			// Not listed: 2sms lists address-book contacts only, so only the real run can tell.
			['+447700900150', null, 'notListed'],
			['+447700900103', '60777', 'notListed'],
		]);
		expect(out[0]).toEqual({
			phoneNumber: '+447700900101',
			shortCode: '60777',
			outcome: 'wouldRemove',
			dryRun: true,
			status: null, // nothing was sent, so 2sms said nothing about a change
			messageId: null,
			creditsUsed: null,
			creditsRemaining: null,
			at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
			providerMessage: null,
			readBackAt: out[0].at,
			confirmedBy: 'readBack',
			workflowId: 'harness-workflow',
			executionId: expect.any(String),
			nodeName: NODE,
		});
		expect(stopLogMethods()).toEqual([SEARCH]);
		expect(stopLogNow()).toBe(before);

		const real = await runStopLog('remove', input);
		expect(real.out.map((json) => [json.outcome, json.dryRun])).toEqual([
			['removed', false],
			['removed', false],
			['notOnStopLog', false],
			['notOnStopLog', false],
		]);
		expect(env.sim.state.twoSms.isOnStopLog('447700900101')).toBe(false);
	});

	test('with no Short Code, a number listed only on some short code fails: which one is the account\'s default only a change would tell', async () => {
		const { out } = await runStopLog('remove', [{ phone: '07700 900101', reason: 'Back in' }, { phone: '07700 900150', reason: 'Back in' }], { ...DRY, ...CONTINUE });
		expect(out[0]).toEqual({
			error:
				'Item 0: 2sms answered 200: what a real run would do to +447700900101 cannot be told: 2sms listed +447700900101 on short code "60777" only, and which short code is the account\'s default is not known; give the Short Code to dry-run this number',
			message: expect.stringMatching(/^HTTP 200; what a real run would do/),
		});
		expect(out[1]).toMatchObject({ outcome: 'notListed', dryRun: true });
		expect(stopLogMethods()).toEqual([SEARCH]);
	});

	test('bad input fails its item with the same error as a real run, before any request for it', async () => {
		const input = [
			{ phone: '07700 9001', reason: 'x' },
			{ phone: '07700 900101', reason: '   ' },
			{ phone: '07700 900101', reason: 'x', shortCode: '12' },
			{ phone: '07700 900101', reason: 'x', sendConfirmation: 'maybe' },
			{ phone: '07700 900102', reason: 'x', shortCode: '60777' },
		];
		const dry = await runStopLog('remove', input, { ...DRY, ...CONTINUE });
		expect(dry.out[4]).toMatchObject({ phoneNumber: '+447700900102', outcome: 'wouldRemove', dryRun: true });
		expect(stopLogRequests(env.sim).map((request) => [request.method, request.query.MobilePhone])).toEqual([['GET', '447700900102']]);

		const real = await runStopLog('remove', input, CONTINUE);
		expect(dry.out.slice(0, 4)).toEqual(real.out.slice(0, 4));
		expect(dry.out.slice(0, 4).map((json) => json.error)).toEqual([
			expect.stringMatching(/^Item 0: Phone Number "07700 9001" /),
			expect.stringMatching(/^Item 1: Reason is empty/),
			'Item 2: Short Code "12" must be 3 to 8 digits',
			'Item 3: Send Confirmation "maybe" must be true or false',
		]);
	});

	test('items that repeat a number each say what the stop log shows now', async () => {
		const input = [
			{ phone: '07700 900102', reason: 'Web form', shortCode: '60777' },
			{ phone: '07700 900102', reason: 'Phone call', shortCode: '60777' },
		];
		const { out } = await runStopLog('remove', input, DRY);
		expect(out.map((json) => json.outcome)).toEqual(['wouldRemove', 'wouldRemove']);
		expect(stopLogMethods()).toEqual([SEARCH]);
		expect(env.sim.requests().filter((request) => request.method !== 'GET' && !/^\/token$/i.test(request.path))).toEqual([]);
	});

	test('a Dry Run given by an expression that is neither true nor false stops before any request', async () => {
		const { out } = await runStopLog('remove', [{ phone: '07700 900101', reason: 'x' }], { options: { dryRun: '={{ "yes" }}' }, ...CONTINUE });
		expect(out).toEqual([{ error: 'Item 0: Dry Run must be true or false', message: expect.stringContaining('Nothing was sent') }]);
		expect(env.sim.requests()).toEqual([]);
	});
});

describe('Add to Stop Log with Dry Run', () => {
	test('each item says whether its number would go on the stop log, only a search reaches 2sms, and a real run then does what it said', async () => {
		const input = [
			{ phone: '07700 900101', reason: 'STOP', shortCode: '60777' },
			{ phone: '07700 900150', reason: 'STOP', shortCode: '60777' },
			{ phone: '07700 900151', reason: 'STOP' },
			{ phone: '07700 900104', reason: 'STOP', shortCode: '88440' },
		];
		const before = stopLogNow();

		const { out } = await runStopLog('add', input, DRY);
		expect(out.map((json) => [json.phoneNumber, json.outcome, json.dryRun, json.confirmedBy])).toEqual([
			['+447700900101', 'alreadyOnStopLog', true, 'readBack'],
			['+447700900150', 'notListed', true, 'readBack'],
			['+447700900151', 'notListed', true, 'readBack'],
			['+447700900104', 'alreadyOnStopLog', true, 'readBack'],
		]);
		expect(stopLogMethods()).toEqual([SEARCH]);
		expect(stopLogNow()).toBe(before);

		const real = await runStopLog('add', input);
		expect(real.out.map((json) => json.outcome)).toEqual(['alreadyOnStopLog', 'added', 'added', 'alreadyOnStopLog']);
	});

	test('250 numbers are searched 100 at a time (Batch Size is capped at one search) and none is added', async () => {
		const input = Array.from({ length: 250 }, (_, index) => ({ phone: ukMobile(1000 + index), reason: 'STOP' }));
		const { out } = await runStopLog('add', input, { options: { dryRun: true, batchSize: 500 } });
		expect(new Set(out.map((json) => json.outcome))).toEqual(new Set(['notListed']));
		const searches = stopLogRequests(env.sim);
		expect(searches.map((request) => request.method)).toEqual(['GET', 'GET', 'GET']);
		expect(searches.map((request) => request.query.MobilePhone.split(',').length)).toEqual([100, 100, 50]);
		expect(env.sim.state.twoSms.isOnStopLog(ukDigits(1000))).toBe(false);
	});
});

test('a STOP from someone who is no contact: Dry Run says notListed, never notOnStopLog, and the real Remove takes the entry off', async () => {
	env.sim.twoSms.injectInbound({ from: '+447700900777', to: '60777', message: 'STOP' });
	const input = [{ phone: '07700 900777', reason: 'Opted back in by phone', shortCode: '60777' }];
	const dry = await runStopLog('remove', input, DRY);
	expect(dry.out[0]).toMatchObject({ outcome: 'notListed', dryRun: true });
	const add = await runStopLog('add', input, DRY);
	expect(add.out[0]).toMatchObject({ outcome: 'notListed', dryRun: true }); // not "wouldAdd": it is on already
	expect(env.sim.state.twoSms.isOnStopLog('447700900777', '60777')).toBe(true);
	const real = await runStopLog('remove', input);
	expect(real.out[0]).toMatchObject({ outcome: 'removed', dryRun: false });
});

describe('answers the simulator would not give', () => {
	let server;
	afterEach(async () => await server?.close());

	async function dryAgainst(operation, input, search) {
		server = await startHostileTwoSms({ search, change: () => ({ status: 500, body: { Message: 'no change should come here' } }) });
		const result = await runWorkflow(stopLogWorkflow(operation, { ...DRY, ...CONTINUE }), { credentials: server.credentials, input });
		expect(result.status).toBe('success');
		expect(server.changes()).toEqual([]);
		return jsonOf(result.items(NODE));
	}

	const contact = (index, shortCode = '60777') => ({ phone: ukMobile(index), reason: 'STOP', shortCode });
	const entry = (index, shortCode = '60777') => ({ Destination: ukDigits(index), ShortCode: shortCode });

	test('a search whose TotalRecords promises more entries than its pages list fails the item instead of saying notListed', async () => {
		const out = await dryAgainst('add', [contact(0), contact(1)], (query) => (query.Page === '0' ? searchPage([entry(1)], 3) : searchPage([], 3)));
		for (const [index, json] of out.entries()) {
			expect(json.outcome).toBeUndefined();
			expect(json.error).toBe(`Item ${index}: 2sms answered 200: the stop-log search says it has 3 entries but listed 1 before an empty page`);
		}
	});

	test('a server that ignores Page fails the items rather than letting a number look absent', async () => {
		const out = await dryAgainst('remove', [contact(0), contact(5)], () => searchPage([entry(0), entry(1)], 500));
		expect(out.map((json) => json.outcome)).toEqual([undefined, undefined]);
		expect(out[1].error).toMatch(/^Item 1: 2sms answered 200: 2sms answered page 2 of the stop-log search with the same entries as page 1, so it does not page/);
	});

	test('an answer without Records, or listing a number not asked for, proves no absence', async () => {
		let out = await dryAgainst('add', [contact(0)], () => ({ Error: { ErrorCode: null, ErrorReason: null }, ResponseData: { Result: 'Success', Detail: { TotalRecords: 0 } } }));
		expect(out[0].error).toBe('Item 0: 2sms answered 200: the stop-log search answered without a list of Records (Records is missing)');
		await server.close();

		out = await dryAgainst('add', [contact(0)], pagedSearch([entry(77)]));
		expect(out[0].error).toMatch(/^Item 0: 2sms answered 200: what a real run would do to \+447700900000 cannot be told: 2sms listed a stop-log entry for /);
	});

	test('a server paging 10 at a time, writing numbers its own way and TotalRecords as text, is still read to the end', async () => {
		// Number 29 on 26 short codes, the one asked for last: 26 entries, three pages of at most 10.
		const codes = [...Array.from({ length: 25 }, (_, index) => String(60001 + index)), '60777'];
		const entries = codes.map((shortCode) => ({ Destination: '+44 7700 900029', ShortCode: shortCode }));
		const search = (query) => {
			const page = pagedSearch(entries, { pageSize: 10 })(query);
			page.ResponseData.Detail.TotalRecords = String(page.ResponseData.Detail.TotalRecords);
			return page;
		};
		const out = await dryAgainst('remove', [contact(29), contact(30)], search);
		expect(out.map((json) => json.outcome)).toEqual(['wouldRemove', 'notListed']);
		expect(server.searches().map((request) => request.query.Page)).toEqual(['0', '1', '2']);
	});
});
