'use strict';
// The 2sms Trigger's Stop Log Changed event as n8n runs it in an active workflow: activated
// (first poll), then polled on schedule, through n8n-core's poll executor against the simulator.
const { runWorkflow } = require('../../harness');
const { loadDefaultFixture } = require('../../simulator/fixtures');
const { useSimulator, credentialsFor } = require('./twoSmsTestKit');
const { TRIGGER, LISTING, triggerWorkflow, activate, emitted, memoryOf } = require('./triggerKit');

const listingRequests = (sim) => sim.requests().filter((request) => request.path === LISTING);
const workflow = (parameters) => triggerWorkflow('stopLogChanged', parameters);

describe('against the default account', () => {
	const env = useSimulator();

	test('the first poll remembers the whole listing and emits nothing; the next emits a STOP reply once, the one after nothing', async () => {
		const { sim } = env;
		const trigger = await activate(workflow(), credentialsFor(sim));
		expect(trigger.activation).toMatchObject({ status: 'nothing' });
		// The whole listing: no list of numbers, 100 a page from page 0.
		expect(listingRequests(sim).map((request) => request.query)).toEqual([{ Page: '0', NoOfRecords: '100' }]);
		expect(memoryOf(trigger.saved()).stopLog).toMatchObject({ v: 1, count: 7 });

		const { message } = sim.twoSms.injectInbound({ from: '+447700900555', to: '88440', message: 'Stop' });
		const first = await trigger.poll();

		expect(first.status).toBe('emitted');
		expect(emitted(first)).toEqual([
			{
				event: 'added',
				phoneNumber: '+447700900555',
				shortCode: '88440',
				since: expect.any(String),
				detectedAt: expect.any(String),
				raw: expect.objectContaining({ Destination: '447700900555', ShortCode: '88440', FirstName: 'Sam', DateAdded: message.at }),
			},
		]);
		const [{ json: added }] = first.items;
		expect(Date.parse(added.since)).toBeLessThan(Date.parse(added.detectedAt));
		expect(await trigger.poll()).toMatchObject({ status: 'nothing', items: [] });
	});

	test('numbers opted out between polls by STOP, CANCEL and the API all come in the next poll, none twice, none lost', async () => {
		const { sim } = env;
		const trigger = await activate(workflow(), credentialsFor(sim));
		sim.twoSms.injectInbound({ from: '+447700900555', to: '60777', message: 'CANCEL' });
		sim.twoSms.injectInbound({ from: '+447700900101', to: '88440', message: 'quit' }); // Alice, on a second short code
		const first = await trigger.poll();
		await runWorkflow('test/workflows/twoSms/add-to-stop-log.json', {
			credentials: credentialsFor(sim),
			input: [{ phone: '07700 900201', reason: 'Asked by phone', shortCode: '' }],
		});
		const second = await trigger.poll();
		const third = await trigger.poll();

		const shown = (outcome) => emitted(outcome).map((json) => [json.event, json.phoneNumber, json.shortCode]);
		expect(shown(first)).toEqual([
			['added', '+447700900101', '88440'],
			['added', '+447700900555', '60777'],
		]);
		expect(shown(second)).toEqual([['added', '+447700900201', '60777']]);
		expect(third.status).toBe('nothing');
	});

	test('a number taken off the stop log is emitted as removed only after a search for it confirms it', async () => {
		const { sim } = env;
		const trigger = await activate(workflow(), credentialsFor(sim));
		await runWorkflow('test/workflows/twoSms/remove-from-stop-log.json', {
			credentials: credentialsFor(sim),
			input: [{ phone: '+44 7700 900103', reason: 'Opted back in', shortCode: '88440' }],
		});
		const before = listingRequests(sim).length;
		const outcome = await trigger.poll();

		expect(emitted(outcome)).toEqual([
			{ event: 'removed', phoneNumber: '+447700900103', shortCode: '88440', since: expect.any(String), detectedAt: expect.any(String), raw: null },
		]);
		// The listing, then the search for the missing number (as Check searches).
		expect(listingRequests(sim).slice(before).map((request) => request.query)).toEqual([
			{ Page: '0', NoOfRecords: '100' },
			{ Page: '0', NoOfRecords: '100', MobilePhone: '447700900103' },
		]);
		expect(await trigger.poll()).toMatchObject({ status: 'nothing' });
	});

	test('without Include Removals a removal is not emitted, and a number opted out again later is added again', async () => {
		const { sim } = env;
		const trigger = await activate(workflow({ includeRemovals: false }), credentialsFor(sim));
		await runWorkflow('test/workflows/twoSms/remove-from-stop-log.json', {
			credentials: credentialsFor(sim),
			input: [{ phone: '07700 900102', reason: 'Opted back in', shortCode: '' }],
		});
		expect(await trigger.poll()).toMatchObject({ status: 'nothing' });

		sim.twoSms.injectInbound({ from: '447700900102', to: '60777', message: 'STOP' });
		expect(emitted(await trigger.poll()).map((json) => [json.event, json.phoneNumber])).toEqual([['added', '+447700900102']]);
	});

	test('a STOP from a number that is no contact reaches the stop log but is never emitted (the listing covers contacts only)', async () => {
		const { sim } = env;
		const trigger = await activate(workflow(), credentialsFor(sim));
		sim.twoSms.injectInbound({ from: '+447700900888', to: '60777', message: 'STOP' });

		expect(await trigger.poll()).toMatchObject({ status: 'nothing' });
		expect(sim.state.twoSms.isOnStopLog('447700900888', '60777')).toBe(true);
		// Once the number becomes a contact, its entry is listed, and emitted.
		sim.twoSms.addContact({ MobilePhone: '447700900888', FirstName: 'Nia' });
		expect(emitted(await trigger.poll()).map((json) => [json.event, json.phoneNumber, json.raw.FirstName])).toEqual([['added', '+447700900888', 'Nia']]);
	});

	test('a contact leaving the address book leaves the listing: emitted as removed, since the listing cannot tell it apart', async () => {
		const { sim } = env;
		const trigger = await activate(workflow(), credentialsFor(sim));
		sim.twoSms.removeContact('447700900104');

		const shown = emitted(await trigger.poll()).map((json) => [json.event, json.phoneNumber, json.shortCode]);
		expect(shown).toEqual([
			['removed', '+447700900104', '60777'],
			['removed', '+447700900104', '88440'],
		]);
		expect(sim.state.twoSms.isOnStopLog('447700900104', '60777')).toBe(true);
	});

	test('an error on the first poll fails the activation and nothing is remembered', async () => {
		const { sim } = env;
		sim.addFault({ route: `GET ${LISTING}`, kind: 'status', status: 503 });
		const trigger = await activate(workflow({ options: { maxRetries: 0 } }), credentialsFor(sim));

		expect(trigger.activation.status).toBe('error');
		expect(trigger.activation.error.message).toBe('2sms answered 503: Service Unavailable (InternalError)');
		expect(trigger.activation.error.description).toContain(
			'Nothing was emitted and what the trigger remembers was kept: the next poll reads the stop-log listing again.',
		);
		expect(trigger.saved()).toEqual({});
	});

	test('a wrong client secret fails the activation with 2sms\'s words', async () => {
		const { sim } = env;
		const trigger = await activate(workflow(), { twoSmsApi: { ...credentialsFor(sim).twoSmsApi, clientSecret: 'not-the-secret' } });

		expect(trigger.activation.status).toBe('error');
		expect(trigger.activation.error.message).toBe(
			'2sms answered 400: could not get an access token (invalid_client): check the Client ID and Client Secret of the 2sms credential',
		);
		expect(JSON.stringify(trigger.activation.error)).not.toContain('not-the-secret');
	});

	test('an error on a later poll is reported, emits nothing and keeps the memory; the next poll emits what changed before it', async () => {
		const { sim } = env;
		const trigger = await activate(workflow({ options: { maxRetries: 0 } }), credentialsFor(sim));
		const remembered = trigger.staticData();
		sim.twoSms.injectInbound({ from: '+447700900555', to: '60777', message: 'STOP' });
		sim.addFault({ route: `GET ${LISTING}`, kind: 'status', status: 500, times: 1 });

		const failed = await trigger.poll();
		expect(failed.status).toBe('error');
		expect(failed.error.message).toBe('2sms answered 500: Internal Server Error (InternalError)');
		expect(trigger.staticData()).toEqual(remembered);

		sim.twoSms.injectInbound({ from: '+447700900101', to: '88440', message: 'STOP' });
		const next = await trigger.poll();
		expect(emitted(next).map((json) => json.phoneNumber)).toEqual(['+447700900101', '+447700900555']);
	});

	test('after n8n restarts from what it saved, the activation poll emits what changed meanwhile, and nothing twice', async () => {
		const { sim } = env;
		const trigger = await activate(workflow(), credentialsFor(sim));
		sim.twoSms.injectInbound({ from: '+447700900555', to: '60777', message: 'STOP' });
		expect(emitted(await trigger.poll()).map((json) => json.phoneNumber)).toEqual(['+447700900555']);
		sim.twoSms.injectInbound({ from: '+447700900101', to: '88440', message: 'STOP' });

		const restarted = await trigger.restart();
		expect(restarted.activation.status).toBe('emitted');
		expect(emitted(restarted.activation).map((json) => [json.event, json.phoneNumber])).toEqual([['added', '+447700900101']]);
		expect(await restarted.poll()).toMatchObject({ status: 'nothing' });
	});

	test('a new Address Book Group ID starts over: its first poll only remembers, and only its contacts are seen', async () => {
		const { sim } = env;
		const everyone = await activate(workflow(), credentialsFor(sim));
		const staffOnly = workflow({ options: { addressBookGroupId: 'G-STAFF' } });
		const staff = await activate(staffOnly, credentialsFor(sim), { staticData: everyone.saved() });
		expect(staff.activation.status).toBe('nothing');
		expect(listingRequests(sim).at(-1).query).toEqual({ Page: '0', NoOfRecords: '100', AddressBookGroupID: 'G-STAFF' });

		sim.twoSms.injectInbound({ from: '+447700900555', to: '60777', message: 'STOP' }); // a customer
		expect(await staff.poll()).toMatchObject({ status: 'nothing' });
	});

	test('Fetch Test Event (a manual run) shows one entry now listed, as listed, and remembers nothing', async () => {
		const { sim } = env;
		const result = await runWorkflow(workflow(), { credentials: credentialsFor(sim) });

		expect(result.status).toBe('success');
		expect(result.items(TRIGGER).map((item) => item.json)).toEqual([
			{ event: 'listed', phoneNumber: '+447700900101', shortCode: '60777', since: null, detectedAt: expect.any(String), raw: expect.objectContaining({ FirstName: 'Alice' }) },
		]);
		expect(result.items('Changes')).toHaveLength(1);
		expect(result.run.data.resultData.runData[TRIGGER]).toHaveLength(1);
		expect(listingRequests(sim)).toHaveLength(1);
	});
});

describe('at 100,000 entries', () => {
	// UK mobiles spread over the whole 07 range (a seeded generator), 70% on one short code.
	const fixture = loadDefaultFixture();
	let seed = 7;
	const random = () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let value = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
		return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
	};
	const numbers = new Set();
	while (numbers.size < 100_000) numbers.add(`447${String(Math.floor(random() * 1e9)).padStart(9, '0')}`);
	fixture.twoSms.stopLog = [...numbers].map((digits) => ({ Destination: digits, ShortCode: random() < 0.7 ? '60777' : '88440', Reason: 'STOP received', DateAdded: '2025-01-01T00:00:00.000Z' }));
	delete fixture.twoSms.addressBook; // one contact per number
	const env = useSimulator({ fixture });

	test('a poll reads 1,000 pages, n8n saves about 4 bytes an entry, and one new opt-out among them is found', async () => {
		const { sim } = env;
		const trigger = await activate(workflow(), credentialsFor(sim), { timeoutMs: 180_000 });
		expect(trigger.activation.status).toBe('nothing');
		expect(listingRequests(sim)).toHaveLength(1000); // TotalRecords is reached on the last full page

		const saved = JSON.stringify(trigger.saved());
		expect(memoryOf(trigger.saved()).stopLog.count).toBe(100_000);
		expect(saved.length).toBeLessThan(450_000);

		await runWorkflow('test/workflows/twoSms/add-to-stop-log.json', {
			credentials: credentialsFor(sim),
			input: [{ phone: '+44 7700 900555', reason: 'Asked by phone', shortCode: '88440' }],
		});
		const outcome = await trigger.poll();
		expect(emitted(outcome).map((json) => [json.event, json.phoneNumber, json.shortCode])).toEqual([['added', '+447700900555', '88440']]);
	}, 180_000);
});
