'use strict';
// The simulator's GET api/v2/addressbook/stoplog as a listing: the user's own address-book
// contacts that have a stop-log request or an invalid number, the documented filters, paging,
// and faults, recorded like every route.
const { call, twoSmsToken, twoSms, startSimulator, loadDefaultFixture } = require('./helpers');

const LISTING = '/api/v2/addressbook/stoplog';
const STOP_LOG = '/api/v1/addressbook/stoplog';

describe('2sms stop-log listing', () => {
	let sim;
	let api;
	beforeAll(async () => {
		const fixture = loadDefaultFixture();
		// A contact another user shares with this one: its entry is not this user's to list.
		fixture.twoSms.stopLog.push({ Destination: '447700900300', ShortCode: '60777', Reason: 'STOP received', DateAdded: '2025-07-01T00:00:00.000Z' });
		fixture.twoSms.addressBook.push({ ContactID: 'c-shared', FirstName: 'Shared', MobilePhone: '447700900300', Inherited: true });
		sim = await startSimulator({ fixture });
	});
	afterAll(() => sim.close());
	beforeEach(async () => {
		sim.reset();
		api = twoSms(sim, await twoSmsToken(sim));
	});

	const list = async (query = '') => (await api.get(`${LISTING}?Page=0&NoOfRecords=100${query}`)).body.ResponseData.Detail;
	const numbers = (detail) => detail.Records.map((record) => [record.Destination, record.ShortCode]);

	test("lists the user's own contacts with a stop-log entry, one record per entry, then contacts whose number is invalid", async () => {
		const detail = await list();
		expect(detail.TotalRecords).toBe(7);
		expect(numbers(detail)).toEqual([
			['447700900101', '60777'],
			['447700900102', '60777'],
			['447700900103', '88440'],
			['447700900104', '60777'],
			['447700900104', '88440'],
			['12025550143', '60777'],
			['441632960961', null],
		]);
		expect(detail.Records[0]).toEqual({
			Destination: '447700900101',
			ShortCode: '60777',
			Reason: 'STOP received',
			DateAdded: '2025-03-02T10:15:00.000Z',
			MobilePhone: '447700900101',
			FirstName: 'Alice',
			LastName: 'Archer',
			EmailAddress: 'alice.archer@example.com',
			AddressBookGroupID: 'G-CUSTOMERS',
			PersonNumber: 'P-1001',
			InvalidNumber: false,
		});
		expect(detail.Records[6]).toMatchObject({ FirstName: 'Front', Reason: null, InvalidNumber: true });
		// The inherited contact's entry is on the stop log, but not in this user's listing.
		expect(sim.state.twoSms.isOnStopLog('447700900300', '60777')).toBe(true);
	});

	test('a STOP from a number that is no contact reaches the stop log but not the listing; adding the contact lists it', async () => {
		sim.twoSms.injectInbound({ from: '447700900777', to: '60777', message: 'STOP' });
		expect(numbers(await list())).not.toContainEqual(['447700900777', '60777']);

		const contact = sim.twoSms.addContact({ MobilePhone: '+44 7700 900777', FirstName: 'Nia' });
		expect(contact).toMatchObject({ ContactID: expect.any(String), FirstName: 'Nia', LastName: null });
		expect((await list('&MobilePhone=447700900777')).Records).toEqual([expect.objectContaining({ Destination: '447700900777', FirstName: 'Nia' })]);

		expect(sim.twoSms.removeContact('+44 7700 900777')).toBe(1);
		expect((await list('&MobilePhone=447700900777')).TotalRecords).toBe(0);
	});

	test('a number the API puts on the stop log becomes a contact, so it is listed (ASSUMED)', async () => {
		await api.post(STOP_LOG, [{ Destination: '+447700900150', Reason: 'asked', ShortCode: '88440' }]);
		expect(sim.state.twoSms.addressBook().at(-1)).toEqual({
			ContactID: 'sim-contact-447700900150',
			FirstName: null,
			LastName: null,
			EmailAddress: null,
			MobilePhone: '447700900150',
			AddressBookGroupID: null,
			PersonNumber: null,
		});
		expect(numbers(await list('&MobilePhone=447700900150'))).toEqual([['447700900150', '88440']]);
		// Taken off again, the contact stays and the entry leaves the listing.
		await api.delete(STOP_LOG, [{ Destination: '447700900150', Reason: 'opted in', ShortCode: '88440' }]);
		expect((await list('&MobilePhone=447700900150')).TotalRecords).toBe(0);
	});

	test.each([
		['AddressBookGroupID=G-STAFF', [['447700900103', '88440'], ['441632960961', null]]],
		['EmailAddress=ALICE.archer@example.com', [['447700900101', '60777']]],
		['FirstName=dev&LastName=DOYLE', [['447700900104', '60777'], ['447700900104', '88440']]],
		['PersonNumbers=P-1002,P-1005', [['447700900102', '60777'], ['12025550143', '60777']]],
		['MobilePhone=%2B447700900102,12025550143&AddressBookGroupID=G-US', [['12025550143', '60777']]],
		['firstname=', [['447700900101', '60777'], ['447700900102', '60777'], ['447700900103', '88440'], ['447700900104', '60777'], ['447700900104', '88440'], ['12025550143', '60777'], ['441632960961', null]]],
		['FirstName=Nobody', []],
	])('the filter %s keeps the matching contacts only', async (query, expected) => {
		const detail = await list(`&${query}`);
		expect(numbers(detail)).toEqual(expected);
		expect(detail.TotalRecords).toBe(expected.length);
	});

	test('a fixture without an address book lists every entry of its stop log, as before contacts existed', async () => {
		const fixture = loadDefaultFixture();
		delete fixture.twoSms.addressBook;
		const plain = await startSimulator({ fixture });
		try {
			const token = await twoSmsToken(plain);
			const detail = (await twoSms(plain, token).get(`${LISTING}?Page=0&NoOfRecords=100`)).body.ResponseData.Detail;
			expect(detail.TotalRecords).toBe(6);
			expect(detail.Records.map((record) => record.Destination)).toEqual(fixture.twoSms.stopLog.map((entry) => entry.Destination));
		} finally {
			await plain.close();
		}
	});

	test('the listing is recorded and faulted like any route; a truncated change rolls the new contact back too', async () => {
		sim.addFault({ route: `GET ${LISTING}`, kind: 'status', status: 503, times: 1 });
		expect((await api.get(`${LISTING}?Page=0&NoOfRecords=10`)).status).toBe(503);
		expect(sim.requests().filter((entry) => entry.path === LISTING)).toEqual([
			expect.objectContaining({ method: 'GET', query: { Page: '0', NoOfRecords: '10' }, status: 503, fault: 'status' }),
		]);

		const contacts = sim.state.twoSms.addressBook().length;
		sim.addFault({ route: `POST ${STOP_LOG}`, kind: 'truncated', times: 1 });
		await api.post(STOP_LOG, [{ Destination: '447700900151', Reason: 'asked' }]).catch(() => undefined);
		expect(sim.state.twoSms.addressBook()).toHaveLength(contacts);
		expect(sim.state.twoSms.isOnStopLog('447700900151', '60777')).toBe(false);
	});

	test('another process adds and reads contacts through the admin routes', async () => {
		const added = await call(`${sim.url}/__sim/twosms/contacts`, { method: 'POST', json: { MobilePhone: '447700900160', LastName: 'Remote' } });
		expect(added.status).toBe(201);
		expect(added.body).toMatchObject({ MobilePhone: '447700900160', LastName: 'Remote' });
		const book = await call(`${sim.url}/__sim/twosms/contacts`);
		expect(book.body.at(-1)).toMatchObject({ MobilePhone: '447700900160' });
		const refused = await call(`${sim.url}/__sim/twosms/contacts`, { method: 'POST', json: { FirstName: 'no number' } });
		expect(refused).toMatchObject({ status: 400, body: { error: 'a contact needs a MobilePhone (text)' } });
	});
});
