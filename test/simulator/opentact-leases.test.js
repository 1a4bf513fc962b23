'use strict';

const { opentact, startSimulator, loadDefaultFixture } = require('./helpers');
const { generateLeases } = require('../../simulator/fixtures');

const SEARCH = '/lease/tn/search';

describe('Opentact leases', () => {
	let sim;
	beforeAll(async () => {
		sim = await startSimulator();
	});
	afterAll(() => sim.close());

	test('a lease by its 11-digit number has the documented shape', async () => {
		const answer = await opentact(sim).get('/lease/tn/12017771234/tn');
		expect(answer.status).toBe(200);
		expect(answer.body.success).toBe(true);
		const lease = answer.body.payload;
		expect(lease).toMatchObject({
			uuid: 'adf7637d-3363-49d4-8922-112cc34a62bc',
			tn: { tn: 12017771234 },
			autorenew: true,
		});
		expect(Object.keys(lease)).toEqual(
			expect.arrayContaining(['expired_on', 'messaging_profile', 'subscriptions']),
		);
		expect(lease.subscriptions).toEqual([expect.objectContaining({ type: 'sms' })]);
		expect(sim.state.opentact.getLease('12017771234')).toEqual(lease);
	});

	test('an unknown number answers 404 "TNLease not found", a non-number 400 with fields', async () => {
		const unknown = await opentact(sim).get('/lease/tn/19995550000/tn');
		expect(unknown.status).toBe(404);
		expect(unknown.body.message).toBe('TNLease not found');

		const garbage = await opentact(sim).get('/lease/tn/qwerty123/tn');
		expect(garbage.status).toBe(400);
		expect(garbage.body.fields).toEqual({
			'params.tn': { message: 'invalid integer number', value: 'qwerty123' },
		});
	});

	test("a lease by UUID, 404 for an unknown UUID, 403 for another account's lease", async () => {
		const byUuid = await opentact(sim).get('/lease/tn/eea16f0e-3397-4cc9-8021-2b8098c8b11c');
		expect(byUuid.body.payload.tn.tn).toBe(12125550142);
		expect((await opentact(sim).get('/lease/tn/00000000-0000-4000-8000-000000000000')).status).toBe(
			404,
		);
		const foreign = await opentact(sim).get('/lease/tn/17185550123/tn');
		expect(foreign.status).toBe(403);
		expect(foreign.body.status).toBe(403);
	});

	test('search pages through a wildcard in number order', async () => {
		const pages = [];
		for (const skip of [0, 2, 4]) {
			const answer = await opentact(sim).post(`${SEARCH}?take=2&skip=${skip}`, { tn: '1201*' });
			expect(answer.status).toBe(200);
			expect(answer.body.payload).toMatchObject({ take: 2, skip, total: 5 });
			pages.push(...answer.body.payload.data.map((lease) => lease.tn.tn));
		}
		expect(pages).toEqual([12015550100, 12015550101, 12017771234, 12017771235, 12017771236]);
	});

	test('a filter of many wildcards is answered at once (matched without a backtracking regex)', async () => {
		const started = Date.now();
		const many = await opentact(sim).post(SEARCH, { tn: `${'*'.repeat(40)}0`, take: 100 });
		expect(many.body.payload.data.map((lease) => lease.tn.tn)).toEqual([12015550100, 14155550170]);
		const gaps = await opentact(sim).post(SEARCH, { tn: '1*1*1*1*1*1*1*1*1*1*1*1*1*1*1*1*1*1*1*1*0', take: 100 });
		expect(gaps.body.payload.total).toBe(0);
		expect(Date.now() - started).toBeLessThan(1000);
	});

	test('search takes 10 by default, take/skip from the body, filters autorenew, hides other accounts', async () => {
		const all = await opentact(sim).post(SEARCH, {});
		expect(all.body.payload).toMatchObject({ take: 10, skip: 0, total: 11 });
		expect(all.body.payload.data.map((lease) => lease.tn.tn)).not.toContain(17185550123);

		const noRenew = await opentact(sim).post(SEARCH, { autorenew: false, take: 100 });
		expect(noRenew.body.payload.data.map((lease) => lease.tn.tn)).toEqual([
			12125550143, 13105550199, 14155550171,
		]);
	});

	test('take above 100 answers 400 naming the field', async () => {
		const inQuery = await opentact(sim).post(`${SEARCH}?take=101`, {});
		expect(inQuery.status).toBe(400);
		expect(Object.keys(inQuery.body.fields)).toEqual(['query.take']);
		const inBody = await opentact(sim).post(SEARCH, { take: 0 });
		expect(Object.keys(inBody.body.fields)).toEqual(['body.take']);
	});

	test('a body that is not JSON answers 400 naming the body', async () => {
		const answer = await opentact(sim).post(SEARCH, undefined, {
			headers: { 'content-type': 'application/json' },
			body: '{"tn": ',
		});
		expect(answer.status).toBe(400);
		expect(answer.body.fields).toEqual({ body: { message: 'invalid JSON', value: '{"tn": ' } });
	});

	test('generateLeases seeds ten thousand numbers that search and lookups find', async () => {
		const fixture = loadDefaultFixture();
		const leases = generateLeases(10000, { smsEnabledRatio: 0.5 });
		const big = await startSimulator({
			fixture: { ...fixture, opentact: { ...fixture.opentact, leases } },
		});
		try {
			const page = await opentact(big).post(`${SEARCH}?take=100&skip=9950`, {});
			expect(page.body.payload.total).toBe(10000);
			expect(page.body.payload.data).toHaveLength(50);
			expect(big.state.opentact.smsEnabled(12015550000)).toBe(true);
			expect(big.state.opentact.smsEnabled(12015559999)).toBe(false);
			expect((await opentact(big).get('/lease/tn/12015554242/tn')).status).toBe(200);
		} finally {
			await big.close();
		}
	});
});
