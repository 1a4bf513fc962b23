'use strict';
// Get Many on the stop log: the whole listing (or the part its filters ask for), one item per
// entry, paged as Check pages, through n8n's engine against the simulator.
const { runWorkflow, loadWorkflowFixture } = require('../../harness');
const { loadDefaultFixture } = require('../../simulator/fixtures');
const { NODE, useSimulator, credentialsFor, ukDigits } = require('./twoSmsTestKit');

const LISTING = '/api/v2/addressbook/stoplog';

/** The fixture workflow with the 2sms node's parameters (Return All, Limit, Filters, Options) changed. */
function getManyWorkflow(parameters = {}, nodeSettings = {}) {
	const workflow = loadWorkflowFixture('test/workflows/twoSms/get-many-stop-log.json');
	const node = workflow.nodes.find((candidate) => candidate.name === NODE);
	Object.assign(node.parameters, parameters);
	Object.assign(node, nodeSettings);
	return workflow;
}

const listings = (sim) => sim.requests().filter((request) => request.path === LISTING);
const shown = (items) => items.map((item) => [item.json.phoneNumber, item.json.shortCode]);

describe('against the default account', () => {
	const env = useSimulator();

	test("Return All lists every entry of the account's listing, one item each, with the contact's fields under raw", async () => {
		const { sim } = env;
		const result = await runWorkflow(getManyWorkflow(), { credentials: credentialsFor(sim), input: [{}] });

		expect(result.status).toBe('success');
		const items = result.items(NODE);
		expect(shown(items)).toEqual([
			['+447700900101', '60777'],
			['+447700900102', '60777'],
			['+447700900103', '88440'],
			['+447700900104', '60777'],
			['+447700900104', '88440'],
			['+12025550143', '60777'],
			// A contact whose number is invalid (a landline) is listed too, without a short code.
			['+441632960961', null],
		]);
		expect(items.every((item) => item.pairedItem.item === 0)).toBe(true);
		expect(items[0].json.raw).toMatchObject({ FirstName: 'Alice', LastName: 'Archer', Reason: 'STOP received' });
		expect(items[6].json.raw).toMatchObject({ FirstName: 'Front', InvalidNumber: true });
		expect(items[0].json.at).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT/));
		// One page of 100: no list of numbers, so the whole listing.
		expect(listings(sim).map((request) => request.query)).toEqual([{ Page: '0', NoOfRecords: '100' }]);
	});

	test('a STOP from someone who is no contact reaches the stop log but not the listing (documented)', async () => {
		const { sim } = env;
		sim.twoSms.injectInbound({ from: '+447700900777', to: '60777', message: 'STOP' });
		sim.twoSms.injectInbound({ from: '+447700900555', to: '60777', message: 'STOP' }); // Sam is a contact

		const result = await runWorkflow(getManyWorkflow(), { credentials: credentialsFor(sim), input: [{}] });

		expect(sim.state.twoSms.isOnStopLog('447700900777', '60777')).toBe(true);
		const numbers = result.items(NODE).map((item) => item.json.phoneNumber);
		expect(numbers).toContain('+447700900555');
		expect(numbers).not.toContain('+447700900777');
	});

	test('filters are sent in 2sms\'s names, numbers as international digits, and only matching contacts come out', async () => {
		const { sim } = env;
		const filters = { mobilePhones: '07700 900103, +44 7700 900104, 07700 900103', addressBookGroupId: 'G-STAFF' };
		const result = await runWorkflow(getManyWorkflow({ filters }), { credentials: credentialsFor(sim), input: [{}] });

		expect(shown(result.items(NODE))).toEqual([['+447700900103', '88440']]);
		expect(listings(sim)[0].query).toEqual({
			Page: '0',
			NoOfRecords: '100',
			MobilePhone: '447700900103,447700900104',
			AddressBookGroupID: 'G-STAFF',
		});
	});

	test('a number the Mobile Phones filter cannot read fails its item before any request; the other item is listed', async () => {
		const { sim } = env;
		const workflow = getManyWorkflow({ filters: { mobilePhones: '={{ $json.phones }}' } }, { onError: 'continueRegularOutput' });
		const result = await runWorkflow(workflow, {
			credentials: credentialsFor(sim),
			input: [{ phones: '0770 09 - call me' }, { phones: '+447700900101' }],
		});

		const items = result.items(NODE);
		expect(items[0]).toMatchObject({ pairedItem: { item: 0 }, json: { error: expect.stringMatching(/^Item 0: Mobile Phones "0770 09 - call me" /) } });
		expect(items.slice(1).map((item) => [item.pairedItem.item, item.json.phoneNumber])).toEqual([[1, '+447700900101']]);
		expect(listings(sim)).toHaveLength(1);
	});

	test('Limit stops after the entries it asks for: no more pages than needed', async () => {
		const { sim } = env;
		const result = await runWorkflow(getManyWorkflow({ returnAll: false, limit: 3 }), { credentials: credentialsFor(sim), input: [{}] });

		expect(shown(result.items(NODE))).toEqual([
			['+447700900101', '60777'],
			['+447700900102', '60777'],
			['+447700900103', '88440'],
		]);
		expect(listings(sim)).toHaveLength(1);
	});
});

describe('against an account with 250 entries', () => {
	const fixture = loadDefaultFixture();
	fixture.twoSms.stopLog = Array.from({ length: 250 }, (_, index) => ({
		Destination: ukDigits(index),
		ShortCode: '60777',
		Reason: 'STOP received',
		DateAdded: '2025-06-01T00:00:00.000Z',
	}));
	delete fixture.twoSms.addressBook; // one contact per number on the stop log
	const env = useSimulator({ fixture });

	test('Return All reads the three pages of 100 and outputs 250 items in the listing\'s order', async () => {
		const { sim } = env;
		const result = await runWorkflow(getManyWorkflow(), { credentials: credentialsFor(sim), input: [{}] });

		const items = result.items(NODE);
		expect(items.map((item) => item.json.phoneNumber)).toEqual(Array.from({ length: 250 }, (_, index) => `+${ukDigits(index)}`));
		expect(listings(sim).map((request) => request.query.Page)).toEqual(['0', '1', '2']);
	});

	test('a Limit of 150 reads two pages and outputs 150 items', async () => {
		const { sim } = env;
		const result = await runWorkflow(getManyWorkflow({ returnAll: false, limit: 150 }), { credentials: credentialsFor(sim), input: [{}] });

		expect(result.items(NODE)).toHaveLength(150);
		expect(listings(sim).map((request) => request.query.Page)).toEqual(['0', '1']);
	});

	test('a 503 on the second page fails the item after its retries; no partial list is output', async () => {
		const { sim } = env;
		sim.addFault({ route: `GET ${LISTING}`, kind: 'status', status: 503, after: 1 });
		const workflow = getManyWorkflow({ options: { maxRetries: 1 } }, { onError: 'continueRegularOutput' });
		const result = await runWorkflow(workflow, { credentials: credentialsFor(sim), input: [{}] });

		const items = result.items(NODE);
		expect(items).toHaveLength(1);
		expect(items[0].json.error).toMatch(/^Item 0: 2sms answered 503/);
		expect(items[0].json.phoneNumber).toBeUndefined();
	});
});
