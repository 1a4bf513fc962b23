'use strict';

const { call, twoSmsToken, twoSms, startSimulator } = require('./helpers');

const REPORT = '/api/v1/reports/standard/inbound';
const CHECK = '/api/v2/addressbook/stoplog';
const DAY = 24 * 60 * 60 * 1000;

/** YYYY-MM-DDTHH:MM:SSZ, the report's documented date format. */
const reportDate = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const startOfTodayUtc = () => {
	const now = new Date();
	return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
};

describe('2sms inbound messages', () => {
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

	const text = (spec) =>
		sim.twoSms.injectInbound({ from: '+447700900555', to: '60777', message: 'hello', ...spec });

	describe('STOP, CANCEL and QUIT replies', () => {
		test('a STOP reply puts the sender on that short code’s stop log, as the v2 check shows', async () => {
			const before = await api.get(`${CHECK}?MobilePhone=447700900555`);
			expect(before.body.ResponseData.Detail.TotalRecords).toBe(0);

			const at = '2025-06-01T08:30:00.000Z';
			const { stopLog } = text({ message: 'STOP', to: '88440', at });
			expect(stopLog).toEqual({
				added: true,
				entry: {
					Destination: '447700900555',
					ShortCode: '88440',
					Reason: 'STOP received (reply to 2sms)',
					DateAdded: at,
				},
			});
			const after = await api.get(`${CHECK}?MobilePhone=447700900555`);
			expect(after.body.ResponseData.Detail.Records).toEqual([
				expect.objectContaining({ Destination: '447700900555', ShortCode: '88440' }),
			]);
			expect(sim.state.twoSms.isOnStopLog('447700900555', '88440')).toBe(true);
			expect(sim.state.twoSms.isOnStopLog('447700900555', '60777')).toBe(false);
		});

		test.each([['stop'], [' Stop! '], ['CANCEL.'], ['quit'], ['"QUIT"'], ['Cancel\n']])(
			'%j is a stop reply',
			(message) => {
				expect(text({ message }).stopLog).toMatchObject({ added: true });
			},
		);

		test.each([['stop it'], ['STOPALL'], ['Please stop'], ['S T O P'], ['unsubscribe'], ['']])(
			'%j is not a stop reply and changes nothing',
			(message) => {
				const before = sim.state.twoSms.stopLog();
				expect(text({ message }).stopLog).toBeNull();
				expect(sim.state.twoSms.stopLog()).toEqual(before);
			},
		);

		test("a STOP to an inbound long number goes on the account's default short code", () => {
			const { stopLog } = text({ to: '+447860012345', message: 'STOP' });
			expect(stopLog.entry.ShortCode).toBe('60777');
			expect(sim.state.twoSms.isOnStopLog('447700900555', '60777')).toBe(true);
		});

		test('a STOP from someone already on the stop log leaves their entry as it was', () => {
			const original = sim.state.twoSms
				.stopLog()
				.find((entry) => entry.Destination === '447700900101');
			const { stopLog } = text({ from: '447700900101', message: 'STOP' });
			expect(stopLog).toEqual({ added: false, entry: original });
			expect(sim.state.twoSms.stopLog()).toHaveLength(6);
		});

		test('a message to a number the account does not own is refused', () => {
			expect(() => text({ to: '99999' })).toThrow(/neither a short code nor an inbound number/);
			expect(() => text({ from: 'someone' })).toThrow(/from must be a phone number/);
			expect(() => text({ at: 'last tuesday' })).toThrow(/at must be/);
			expect(sim.state.twoSms.inbound()).toEqual([]);
		});

		test('the admin route does the same over HTTP; reset forgets the message and the entry', async () => {
			const answer = await call(`${sim.url}/__sim/twosms/inbound`, {
				method: 'POST',
				json: { from: '447700900556', to: '60777', message: 'Quit' },
			});
			expect(answer.status).toBe(201);
			expect(answer.body.stopLog.added).toBe(true);
			expect((await call(`${sim.url}/__sim/twosms/inbound`)).body).toHaveLength(1);
			const refused = await call(`${sim.url}/__sim/twosms/inbound`, {
				method: 'POST',
				json: { from: '447700900556', to: '1', message: 'x' },
			});
			expect(refused.status).toBe(400);

			sim.reset();
			expect(sim.state.twoSms.inbound()).toEqual([]);
			expect(sim.state.twoSms.isOnStopLog('447700900556')).toBe(false);
		});
	});

	describe('GET api/v1/reports/standard/inbound', () => {
		const detail = (answer) => answer.body.ResponseData.Detail;

		test('without any parameter it answers an error in the envelope', async () => {
			text({});
			for (const query of ['', '?StartDate=', '?SoftwareVersion=2']) {
				const answer = await api.get(`${REPORT}${query}`);
				expect(answer.status).toBe(400);
				expect(answer.body.Error.ErrorCode).toBe('InvalidRequest');
				expect(answer.body.Error.ErrorReason).toMatch(/at least one parameter/i);
				expect(answer.body.ResponseData.Detail).toBeNull();
			}
		});

		test('records are a list: Text, InboundNumber, sender, MM/DD/YYYY HH:MM:SS date and an id', async () => {
			const { message } = text({ message: 'STOP', at: '2025-06-01T08:05:09.000Z' });
			const answer = await api.get(
				`${REPORT}?StartDate=2025-06-01T00:00:00Z&EndDate=2025-06-01T23:59:59Z`,
			);
			expect(answer.status).toBe(200);
			expect(answer.body.Error).toEqual({ ErrorCode: null, ErrorReason: null });
			expect(detail(answer)).toEqual([
				{
					Text: 'STOP',
					InboundNumber: '60777',
					InboundCli: '447700900555',
					DateInsert: '06/01/2025 08:05:09',
					InboundMessageID: message.id,
				},
			]);
		});

		test('StartDate and EndDate are inclusive; one may stand alone', async () => {
			text({ message: 'early', at: '2025-06-01T08:00:00.000Z' });
			text({ message: 'edge', at: '2025-06-01T09:00:00.000Z' });
			text({ message: 'late', at: '2025-06-01T10:00:00.000Z' });
			const texts = async (query) => detail(await api.get(`${REPORT}?${query}`)).map((r) => r.Text);
			expect(await texts('StartDate=2025-06-01T09:00:00Z&EndDate=2025-06-01T10:00:00Z')).toEqual([
				'edge',
				'late',
			]);
			expect(await texts('EndDate=2025-06-01T09:00:00Z')).toEqual(['early', 'edge']);
			expect(await texts('startdate=2025-06-01T09:00:01Z')).toEqual(['late']);
		});

		test('dates in any other format, a reversed window, a bad DaysToCover or Range answer 400', async () => {
			for (const query of [
				'StartDate=2025-06-01',
				'StartDate=2025-06-01T09:00:00.000Z',
				'StartDate=2025-06-01T09:00:00%2B01:00',
				'StartDate=06/01/2025',
				'StartDate=2025-02-30T00:00:00Z',
				'StartDate=2025-06-02T00:00:00Z&EndDate=2025-06-01T00:00:00Z',
				'DaysToCover=0',
				'DaysToCover=two',
				'Range=Fortnight',
			]) {
				const answer = await api.get(`${REPORT}?${query}`);
				expect([query, answer.status, answer.body.Error.ErrorCode]).toEqual([
					query,
					400,
					'InvalidRequest',
				]);
			}
		});

		test('DaysToCover covers that many days back from now', async () => {
			const now = Date.now();
			text({ message: 'an hour ago', at: new Date(now - 60 * 60 * 1000).toISOString() });
			text({ message: 'two days ago', at: new Date(now - 2 * DAY - 60 * 1000).toISOString() });
			const one = await api.get(`${REPORT}?DaysToCover=1`);
			expect(detail(one).map((record) => record.Text)).toEqual(['an hour ago']);
			const three = await api.get(`${REPORT}?DaysToCover=3`);
			expect(detail(three)).toHaveLength(2);
		});

		test('Range wins over DaysToCover, which wins over dates', async () => {
			const today = startOfTodayUtc();
			text({ message: 'yesterday', at: new Date(today - 60 * 60 * 1000).toISOString() });
			text({ message: 'last year', at: '2024-01-15T12:00:00.000Z' });
			const texts = async (query) => detail(await api.get(`${REPORT}?${query}`)).map((r) => r.Text);
			const dates = 'StartDate=2024-01-01T00:00:00Z&EndDate=2024-01-31T00:00:00Z';
			expect(await texts(dates)).toEqual(['last year']);
			expect(await texts(`${dates}&DaysToCover=2`)).toEqual(['yesterday']);
			expect(await texts(`${dates}&DaysToCover=2&Range=Today`)).toEqual([]);
			expect(await texts(`${dates}&DaysToCover=2&range=yesterday`)).toEqual(['yesterday']);
		});

		test('Destination keeps one short code; InboundNumber one long number; Reference its own', async () => {
			const at = '2025-06-01T12:00:00.000Z';
			text({ to: '60777', message: 'a', at });
			text({ to: '88440', message: 'b', at, reference: 'campaign-7' });
			text({ to: '447860012345', message: 'c', at });
			const window = 'StartDate=2025-06-01T00:00:00Z';
			const texts = async (query) => detail(await api.get(`${REPORT}?${query}`)).map((r) => r.Text);
			expect(await texts(window)).toEqual(['a', 'b', 'c']);
			expect(await texts(`${window}&Destination=88440`)).toEqual(['b']);
			expect(await texts('Destination=60777')).toEqual(['a']);
			expect(await texts(`${window}&InboundNumber=%2B447860012345`)).toEqual(['c']);
			expect(await texts('Reference=campaign-7')).toEqual(['b']);
			expect(await texts('Destination=12345')).toEqual([]);
		});

		test('XML on request, under the documented resource name', async () => {
			text({ message: 'Stop & go <now>', at: '2025-06-01T12:00:00.000Z' });
			const answer = await api.get(`${REPORT}?Destination=60777`, {
				headers: { accept: 'application/xml' },
			});
			expect(answer.status).toBe(200);
			expect(answer.headers['content-type']).toMatch(/xml/);
			expect(answer.text).toMatch(/^<ResponseOfListOfInboundReportMessages /);
			expect(answer.text).toContain(
				'<Detail><InboundReportMessages><Text>Stop &amp; go &lt;now&gt;</Text>',
			);
		});

		test('faults apply to the report like any route, and the request is recorded', async () => {
			sim.addFault({ route: `GET ${REPORT}`, kind: 'status', status: 503, times: 1 });
			const failed = await api.get(`${REPORT}?Range=Today`);
			expect(failed.status).toBe(503);
			expect(failed.body.Error.ErrorCode).toBe('InternalError');
			expect((await api.get(`${REPORT}?Range=Today`)).status).toBe(200);
			expect(sim.requests().filter((entry) => entry.path === REPORT)).toEqual([
				expect.objectContaining({ query: { Range: 'Today' }, status: 503, fault: 'status' }),
				expect.objectContaining({ query: { Range: 'Today' }, status: 200, fault: null }),
			]);
		});

		test('the report needs a token', async () => {
			const answer = await call(`${sim.twoSmsBaseUrl}${REPORT}?Range=Today`);
			expect(answer.status).toBe(401);
		});
	});
});
