'use strict';

const { call, basicAuth, opentactLogin, opentact, startSimulator } = require('./helpers');

const ERROR_KEYS = ['success', 'message', 'status', 'meta', 'fields'];
const LEASE = '/lease/tn/12017771234/tn';

function claimsOf(jwt) {
	const [header, payload] = jwt
		.split('.')
		.slice(0, 2)
		.map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
	return { header, payload };
}

describe('Opentact authentication', () => {
	let sim;
	beforeAll(async () => {
		sim = await startSimulator();
	});
	afterAll(() => sim.close());
	beforeEach(() => sim.reset());

	test('email and password log in to a 24-hour HS256 JWT that opens the other routes', async () => {
		const { email, password } = sim.credentials.opentact;
		const login = await call(`${sim.opentactBaseUrl}/auth`, {
			headers: { authorization: basicAuth(email, password) },
		});

		expect(login.status).toBe(200);
		expect(login.body.success).toBe(true);
		expect(Object.keys(login.body.payload)).toEqual(['uuid', 'email', 'role', 'token', 'account']);
		expect(Object.keys(login.body.payload.account)).toEqual(['uuid', 'name', 'level', 'balance']);
		const { header, payload } = claimsOf(login.body.payload.token);
		expect(header.alg).toBe('HS256');
		expect(payload.exp - payload.iat).toBe(86400);

		const lease = await opentact(sim, login.body.payload.token).get(LEASE);
		expect(lease.status).toBe(200);
	});

	test('a wrong password answers 401 in the error envelope', async () => {
		const answer = await call(`${sim.opentactBaseUrl}/auth`, {
			headers: { authorization: basicAuth(sim.credentials.opentact.email, 'not-the-password') },
		});
		expect(answer.status).toBe(401);
		expect(Object.keys(answer.body)).toEqual(ERROR_KEYS);
		expect(answer.body).toMatchObject({ success: false, status: 401 });
	});

	test('the API key opens every route and GET /rest/auth confirms it (the credential test)', async () => {
		expect((await opentact(sim).get(LEASE)).status).toBe(200);
		const check = await opentact(sim).get('/auth');
		expect(check.status).toBe(200);
		expect(check.body.payload.email).toBe(sim.credentials.opentact.email);
	});

	test('a missing or made-up X-Auth-Token answers 401', async () => {
		const missing = await call(`${sim.opentactBaseUrl}${LEASE}`);
		const madeUp = await opentact(sim, 'a'.repeat(48)).get(LEASE);
		const forged = await opentact(sim, 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl').get(
			LEASE,
		);
		for (const answer of [missing, madeUp, forged]) {
			expect(answer.status).toBe(401);
			expect(Object.keys(answer.body)).toEqual(ERROR_KEYS);
		}
		expect((await opentact(sim, 'wrong').get('/auth')).status).toBe(401);
	});

	test('after expireTokens a JWT answers 401 "jwt expired" while the API key still works', async () => {
		const jwt = await opentactLogin(sim);
		sim.expireTokens();
		const expired = await opentact(sim, jwt).get(LEASE);
		expect(expired.status).toBe(401);
		expect(expired.body.message).toBe('jwt expired');
		expect((await opentact(sim).get(LEASE)).status).toBe(200);
		expect((await opentact(sim, await opentactLogin(sim)).get(LEASE)).status).toBe(200);
	});

	test('reset revokes every JWT issued before it', async () => {
		const jwt = await opentactLogin(sim);
		sim.reset();
		expect((await opentact(sim, jwt).get(LEASE)).status).toBe(401);
	});

	test('a JWT past its exp answers 401 by itself', async () => {
		const shortLived = await startSimulator({ opentactTokenTtlSeconds: 1 });
		try {
			const jwt = await opentactLogin(shortLived);
			expect((await opentact(shortLived, jwt).get(LEASE)).status).toBe(200);
			await new Promise((resolve) => setTimeout(resolve, 1100));
			expect((await opentact(shortLived, jwt).get(LEASE)).status).toBe(401);
		} finally {
			await shortLived.close();
		}
	});
});
