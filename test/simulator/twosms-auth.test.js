'use strict';

const { call, basicAuth, twoSmsToken, twoSms, startSimulator } = require('./helpers');

const DENIED = { Message: 'Authorization has been denied for this request.' };

describe('2sms authentication', () => {
	let sim;
	beforeAll(async () => {
		sim = await startSimulator();
	});
	afterAll(() => sim.close());
	beforeEach(() => sim.reset());

	test('client credentials get an 8-hour bearer token that opens the API', async () => {
		const { clientId, clientSecret } = sim.credentials.twoSms;
		const answer = await call(`${sim.twoSmsBaseUrl}/Token`, {
			method: 'POST',
			form: { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret },
		});
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({
			access_token: expect.any(String),
			token_type: 'bearer',
			expires_in: 28800,
		});

		const templates = await twoSms(sim, answer.body.access_token).get('/api/v1/sms/templates');
		expect(templates.status).toBe(200);
		expect(templates.body.Error).toEqual({ ErrorCode: null, ErrorReason: null });
		expect(templates.body.ResponseData.Detail.Templates[0]).toEqual(
			expect.objectContaining({
				TemplateId: 101,
				Name: expect.any(String),
				Body: expect.any(String),
			}),
		);
	});

	test('client credentials may also come as Basic auth', async () => {
		const { clientId, clientSecret } = sim.credentials.twoSms;
		const answer = await call(`${sim.twoSmsBaseUrl}/Token`, {
			method: 'POST',
			headers: { authorization: basicAuth(clientId, clientSecret) },
			form: { grant_type: 'client_credentials' },
		});
		expect(answer.status).toBe(200);
	});

	test('a wrong secret answers 400 invalid_client, a wrong grant 400 unsupported_grant_type', async () => {
		const { clientId } = sim.credentials.twoSms;
		const badClient = await call(`${sim.twoSmsBaseUrl}/Token`, {
			method: 'POST',
			form: { grant_type: 'client_credentials', client_id: clientId, client_secret: 'nope' },
		});
		expect(badClient.status).toBe(400);
		expect(badClient.body).toEqual({ error: 'invalid_client' });
		const badGrant = await call(`${sim.twoSmsBaseUrl}/Token`, {
			method: 'POST',
			form: { grant_type: 'password' },
		});
		expect(badGrant.body).toEqual({ error: 'unsupported_grant_type' });
	});

	test("no token, a made-up token and an expired token all answer 401 with ASP.NET's message", async () => {
		const token = await twoSmsToken(sim);
		expect((await call(`${sim.twoSmsBaseUrl}/api/v1/sms/templates`)).body).toEqual(DENIED);
		expect((await twoSms(sim, 'made-up').get('/api/v1/sms/templates')).status).toBe(401);

		sim.expireTokens();
		const expired = await twoSms(sim, token).get('/api/v1/sms/templates');
		expect(expired.status).toBe(401);
		expect(expired.body).toEqual(DENIED);
		expect((await twoSms(sim, await twoSmsToken(sim)).get('/api/v1/sms/templates')).status).toBe(
			200,
		);
	});

	test("routes are case-insensitive, as ASP.NET's are; unknown ones answer 404", async () => {
		const token = await twoSmsToken(sim);
		expect((await twoSms(sim, token).get('/API/v1/SMS/Templates')).status).toBe(200);
		const unknown = await twoSms(sim, token).get('/api/v1/nothing');
		expect(unknown.status).toBe(404);
		expect(unknown.body.Message).toMatch(/No HTTP resource/);
	});
});
