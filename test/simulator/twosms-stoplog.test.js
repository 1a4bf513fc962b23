'use strict';

const { twoSmsToken, twoSms, startSimulator, loadDefaultFixture } = require('./helpers');

const STOP_LOG = '/api/v1/addressbook/stoplog';
const CHECK = '/api/v2/addressbook/stoplog';

function xmlRecords(records) {
	const fields = (record) =>
		Object.entries(record)
			.map(([name, value]) => `<${name}>${value}</${name}>`)
			.join('');
	return (
		'<ArrayOfStopLogMobileRecord xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
		records
			.map((record) => `<StopLogMobileRecord>${fields(record)}</StopLogMobileRecord>`)
			.join('') +
		'</ArrayOfStopLogMobileRecord>'
	);
}

const tagsOf = (xml) => [...xml.matchAll(/<([A-Za-z]+)[\s>/]/g)].map((match) => match[1]);

describe('2sms stop log', () => {
	let sim;
	let api;
	beforeAll(async () => {
		sim = await startSimulator();
	});
	afterAll(() => sim.close());
	beforeEach(async () => {
		sim.reset();
		api = twoSms(sim, await twoSmsToken(sim));
	});

	test('removing opts numbers back in, answering each record in request order', async () => {
		const answer = await api.delete(STOP_LOG, [
			{ Destination: '+447700900101', Reason: 'Customer opted in', SendConfirmation: false },
			{ Destination: '447700900199', Reason: 'Customer opted in' },
			{ Destination: '447700900103', Reason: 'Customer opted in', ShortCode: '88440' },
		]);
		expect(answer.status).toBe(200);
		expect(answer.body.Error).toEqual({ ErrorCode: null, ErrorReason: null });
		expect(answer.body.ResponseData.Identification).toEqual({ UserId: 'sim-2sms-user-20417' });
		expect(answer.body.ResponseData.Detail).toEqual({
			Records: [
				{ Destination: '447700900101', MessageID: null, Status: 'Removed', ShortCode: '60777' },
				{
					Destination: '447700900199',
					MessageID: null,
					Status: 'NotOnStopLog',
					ShortCode: '60777',
				},
				{ Destination: '447700900103', MessageID: null, Status: 'Removed', ShortCode: '88440' },
			],
			CreditsUsed: 0,
			CreditsRemaining: 100,
		});
		expect(sim.state.twoSms.isOnStopLog('447700900101')).toBe(false);
		expect(sim.state.twoSms.isOnStopLog('447700900103', '88440')).toBe(false);
		expect(sim.state.twoSms.isOnStopLog('447700900104', '88440')).toBe(true);
	});

	test('a confirmation costs a credit and gets a MessageID, only where the number really changed', async () => {
		const answer = await api.delete(STOP_LOG, [
			{ Destination: '447700900101', Reason: 'opt in', SendConfirmation: true },
			{ Destination: '447700900199', Reason: 'opt in', SendConfirmation: true },
		]);
		const [removed, noop] = answer.body.ResponseData.Detail.Records;
		expect(removed.MessageID).toEqual(expect.stringMatching(/^[0-9a-f-]{36}$/));
		expect(noop.MessageID).toBeNull();
		expect(answer.body.ResponseData.Detail).toMatchObject({ CreditsUsed: 1, CreditsRemaining: 99 });
		expect(sim.state.twoSms.credits()).toBe(99);
	});

	test('adding opts numbers out, and the v2 check finds them', async () => {
		const added = await api.post(STOP_LOG, [
			{ Destination: '447700900150', Reason: 'STOP received', ShortCode: '88440' },
			{ Destination: '447700900101', Reason: 'STOP received' },
		]);
		expect(added.body.ResponseData.Detail.Records.map((record) => record.Status)).toEqual([
			'Added',
			'AlreadyOnStopLog',
		]);

		const check = await api.get(
			`${CHECK}?MobilePhone=447700900150,%2B447700900101&Page=0&NoOfRecords=10`,
		);
		expect(check.status).toBe(200);
		expect(check.body.ResponseData.Detail).toMatchObject({
			TotalRecords: 2,
			Page: 0,
			NoOfRecords: 10,
		});
		expect(check.body.ResponseData.Detail.Records).toEqual(
			expect.arrayContaining([
				{
					Destination: '447700900150',
					ShortCode: '88440',
					Reason: 'STOP received',
					DateAdded: expect.any(String),
					// A number the API puts on the stop log becomes a contact (ASSUMED), named by its number.
					MobilePhone: '447700900150',
					FirstName: null,
					LastName: null,
					EmailAddress: null,
					AddressBookGroupID: null,
					PersonNumber: null,
					InvalidNumber: false,
				},
			]),
		);
	});

	test('the v2 listing pages through the whole stop log, pages counted from 0, 20 a page unless asked', async () => {
		const first = await api.get(`${CHECK}?Page=0&NoOfRecords=4`);
		const second = await api.get(`${CHECK}?page=1&noofrecords=4`);
		const third = await api.get(`${CHECK}?Page=2&NoOfRecords=4`);
		// The fixture's six stop-log entries, then its contact with an invalid (landline) number.
		expect(first.body.ResponseData.Detail.TotalRecords).toBe(7);
		expect(first.body.ResponseData.Detail.Records).toHaveLength(4);
		expect(second.body.ResponseData.Detail.Records).toHaveLength(3);
		expect(third.body.ResponseData.Detail.Records).toHaveLength(0);
		expect(second.body.ResponseData.Detail.Records[0]).toMatchObject(sim.state.twoSms.stopLog()[4]);
		const byDefault = await api.get(CHECK);
		expect(byDefault.body.ResponseData.Detail).toMatchObject({ Page: 0, NoOfRecords: 20, TotalRecords: 7 });
		expect((await api.get(`${CHECK}?NoOfRecords=0`)).status).toBe(400);
		expect((await api.get(`${CHECK}?NoOfRecords=101`)).status).toBe(400);
		expect((await api.get(`${CHECK}?Page=-1`)).status).toBe(400);
	});

	test("the XML body of 2sms's API help is understood, and Accept: XML answers in its XML shape", async () => {
		const answer = await api.delete(STOP_LOG, undefined, {
			headers: { 'content-type': 'text/xml', accept: 'application/xml' },
			body: `<?xml version="1.0" encoding="utf-8"?>${xmlRecords([
				{
					Destination: '447700900102',
					Reason: 'Opted in &amp; happy',
					SendConfirmation: 'true',
					ShortCode: '60777',
				},
			])}`,
		});
		expect(answer.status).toBe(200);
		expect(answer.headers['content-type']).toMatch(/application\/xml/);
		expect(tagsOf(answer.text)).toEqual([
			'ResponseOfStopLogResponse',
			'Error',
			'ResponseData',
			'Result',
			'Identification',
			'UserId',
			'Detail',
			'Records',
			'StopLogMobileRecordResult',
			'Destination',
			'MessageID',
			'Status',
			'ShortCode',
			'CreditsUsed',
			'CreditsRemaining',
		]);
		expect(answer.text).toContain('<Status>Removed</Status>');
		expect(sim.state.twoSms.isOnStopLog('447700900102')).toBe(false);
		expect(sim.requests().at(-1).body).toEqual([
			{
				Destination: '447700900102',
				Reason: 'Opted in & happy',
				SendConfirmation: true,
				ShortCode: '60777',
			},
		]);
	});

	test('an XML body gets a JSON answer when Accept does not ask for XML', async () => {
		const answer = await api.post(STOP_LOG, undefined, {
			headers: { 'content-type': 'application/xml' },
			body: xmlRecords([{ Destination: '447700900160', Reason: 'STOP' }]),
		});
		expect(answer.body.ResponseData.Detail.Records[0].Status).toBe('Added');
	});

	test.each([
		[
			'a UK landline',
			{ Destination: '442071234567', Reason: 'x' },
			"Record 3: Destination '442071234567' is not a valid mobile number",
		],
		[
			'too few digits',
			{ Destination: '+1234', Reason: 'x' },
			"Record 3: Destination '+1234' is not a valid mobile number",
		],
		['no Destination', { Reason: 'x' }, 'Record 3: Destination is required'],
		[
			'a blank Reason',
			{ Destination: '447700900170', Reason: '  ' },
			'Record 3: Reason is required',
		],
		[
			'a long Reason',
			{ Destination: '447700900170', Reason: 'r'.repeat(256) },
			'Record 3: Reason is longer than 255 characters',
		],
		[
			'a foreign short code',
			{ Destination: '447700900170', Reason: 'x', ShortCode: '12345' },
			"Record 3: ShortCode '12345' is not a short code of this account",
		],
	])('one record with %s rejects the whole batch and changes nothing', async (_, bad, reason) => {
		const before = sim.state.snapshot();
		const answer = await api.delete(STOP_LOG, [
			{ Destination: '447700900101', Reason: 'ok', SendConfirmation: true },
			{ Destination: '447700900102', Reason: 'ok' },
			bad,
		]);
		expect(answer.status).toBe(400);
		expect(answer.body.Error).toEqual({ ErrorCode: 'InvalidRecord', ErrorReason: reason });
		expect(answer.body.ResponseData.Detail).toBeNull();
		expect(sim.state.snapshot()).toEqual(before);
	});

	test('an empty list, more than 1000 records or a body that is not a list answer 400', async () => {
		expect((await api.delete(STOP_LOG, [])).status).toBe(400);
		const many = Array.from({ length: 1001 }, (_, index) => ({
			Destination: `4477009${String(index).padStart(5, '0')}`,
			Reason: 'x',
		}));
		const tooMany = await api.delete(STOP_LOG, many);
		expect(tooMany.status).toBe(400);
		expect(tooMany.body.Error.ErrorCode).toBe('TooManyRecords');
		const notAList = await api.delete(STOP_LOG, { Destination: '447700900101', Reason: 'x' });
		expect(notAList.body.Error.ErrorCode).toBe('InvalidRequest');
	});

	test('without enough credits for the confirmations nothing happens (HTTP 200, InsufficientCredits)', async () => {
		const fixture = loadDefaultFixture();
		const poor = await startSimulator({
			fixture: { ...fixture, twoSms: { ...fixture.twoSms, credits: 1 } },
		});
		try {
			const answer = await twoSms(poor, await twoSmsToken(poor)).delete(STOP_LOG, [
				{ Destination: '447700900101', Reason: 'x', SendConfirmation: true },
				{ Destination: '447700900102', Reason: 'x', SendConfirmation: true },
			]);
			expect(answer.status).toBe(200);
			expect(answer.body.Error.ErrorCode).toBe('InsufficientCredits');
			expect(poor.state.twoSms.credits()).toBe(1);
			expect(poor.state.twoSms.isOnStopLog('447700900101')).toBe(true);
		} finally {
			await poor.close();
		}
	});

	test('without the confirmation agreement SendConfirmation is ignored', async () => {
		const fixture = loadDefaultFixture();
		const plain = await startSimulator({
			fixture: { ...fixture, twoSms: { ...fixture.twoSms, confirmationAgreement: false } },
		});
		try {
			const answer = await twoSms(plain, await twoSmsToken(plain)).delete(STOP_LOG, [
				{ Destination: '447700900101', Reason: 'x', SendConfirmation: true },
			]);
			expect(answer.body.ResponseData.Detail).toMatchObject({
				CreditsUsed: 0,
				CreditsRemaining: 100,
			});
			expect(answer.body.ResponseData.Detail.Records[0]).toMatchObject({
				Status: 'Removed',
				MessageID: null,
			});
		} finally {
			await plain.close();
		}
	});
});
