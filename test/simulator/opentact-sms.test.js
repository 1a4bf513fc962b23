'use strict';

const { opentact, shapeOf, startSimulator, DISABLE_SMS } = require('./helpers');
const SEED_PAYLOAD = require('../../simulator/opentact/seed-subscription.json');

const PROFILE = 'd8ddc2c8-3e41-471f-83e7-3b2a771241f7';
const CAMPAIGN = 'be79e81d-aba9-4291-b1ba-595b8077c63a';

describe('Opentact SMS on a number', () => {
	let sim;
	beforeAll(async () => {
		sim = await startSimulator();
	});
	afterAll(() => sim.close());
	beforeEach(() => sim.reset());

	test("disabling SMS answers the documented subscription object, filled with this lease's ids", async () => {
		const answer = await opentact(sim).delete(`${DISABLE_SMS}?tn_lease=12017771234`);

		expect(answer.status).toBe(200);
		expect(Object.keys(answer.body)).toEqual(['success', 'payload']);
		expect(Object.keys(answer.body.payload)).toEqual(Object.keys(SEED_PAYLOAD));
		expect(shapeOf(answer.body.payload)).toEqual(shapeOf(SEED_PAYLOAD));
		expect(answer.body.payload).toMatchObject({
			uuid: 'c5cc6326-0023-43d8-81a5-e7b7e019919d',
			type: 'sms',
			messaging_profile: { uuid: PROFILE, name: 'default messaging profile' },
			sms_campaign: { campaignId: 'CSIM001' },
			created_by: { email: sim.credentials.opentact.email },
		});
		expect(sim.state.opentact.smsEnabled(12017771234)).toBe(false);
		expect(sim.state.opentact.getLease(12017771234).subscriptions).toEqual([]);
	});

	test("tn_lease may be the lease UUID, and may be spelled Tn_lease as in Opentact's documentation", async () => {
		const byUuid = await opentact(sim).delete(
			`${DISABLE_SMS}?tn_lease=25415222-a5d5-4090-b368-9f14101f1260`,
		);
		expect(byUuid.status).toBe(200);
		expect(byUuid.body.payload.uuid).toBe('d73c7f50-032a-4768-9d70-e74d8374a191');
		const seedSpelling = await opentact(sim).delete(`${DISABLE_SMS}?Tn_lease=12017771236`);
		expect(seedSpelling.status).toBe(200);
		expect(sim.state.opentact.smsEnabled('25415222-a5d5-4090-b368-9f14101f1260')).toBe(false);
		expect(sim.state.opentact.smsEnabled('12017771236')).toBe(false);
	});

	test('SMS already off answers 404 "SMS subscription not found", unlike an unknown lease', async () => {
		const alreadyOff = await opentact(sim).delete(`${DISABLE_SMS}?tn_lease=12015550101`);
		expect(alreadyOff.status).toBe(404);
		expect(alreadyOff.body.message).toBe('SMS subscription not found');

		const unknown = await opentact(sim).delete(`${DISABLE_SMS}?tn_lease=19995550000`);
		expect(unknown.status).toBe(404);
		expect(unknown.body.message).toBe('TNLease not found');
	});

	test('a test can word "already" differently until reset, to play an Opentact the node must not trust by wording', async () => {
		sim.state.opentact.setRefusals({ smsAlreadyDisabled: { status: 400, message: 'No SMS on this number' } });
		const reworded = await opentact(sim).delete(`${DISABLE_SMS}?tn_lease=12015550101`);
		expect([reworded.status, reworded.body.message]).toEqual([400, 'No SMS on this number']);
		expect(() => sim.state.opentact.setRefusals({ smsAlreadyDisabled: { status: 200, message: 'x' } })).toThrow('4xx');
		// A 403 says nothing about the lease's SMS state (assumed.js): the node would not read it back.
		expect(() => sim.state.opentact.setRefusals({ smsAlreadyDisabled: { status: 403, message: 'x' } })).toThrow('other than 401/403/407/429');
		expect(() => sim.state.opentact.setRefusals({ other: { status: 400, message: 'x' } })).toThrow('unknown');
		sim.reset();
		const assumed = await opentact(sim).delete(`${DISABLE_SMS}?tn_lease=12015550101`);
		expect([assumed.status, assumed.body.message]).toEqual([404, 'SMS subscription not found']);
	});

	test('a missing or malformed tn_lease answers 400 naming query.tn_lease', async () => {
		for (const query of ['', '?tn_lease=', '?tn_lease=%2B12017771234', '?tn_lease=2017771234']) {
			const answer = await opentact(sim).delete(`${DISABLE_SMS}${query}`);
			expect(answer.status).toBe(400);
			expect(Object.keys(answer.body.fields)).toEqual(['query.tn_lease']);
		}
	});

	test("another account's lease answers 403 and keeps its SMS", async () => {
		const answer = await opentact(sim).delete(`${DISABLE_SMS}?tn_lease=17185550123`);
		expect(answer.status).toBe(403);
		expect(sim.state.opentact.smsEnabled(17185550123)).toBe(true);
	});

	test('enabling SMS answers the same subscription shape; enabling twice answers 400', async () => {
		const body = { messaging_profile: PROFILE, sms_campaign: CAMPAIGN };
		const enabled = await opentact(sim).post(`${DISABLE_SMS}?tn_lease=12015550101`, body);
		expect(enabled.status).toBe(200);
		expect(shapeOf(enabled.body.payload)).toEqual(shapeOf(SEED_PAYLOAD));
		expect(sim.state.opentact.smsEnabled(12015550101)).toBe(true);
		expect(sim.state.opentact.getLease(12015550101).subscriptions[0].uuid).toBe(
			enabled.body.payload.uuid,
		);

		const again = await opentact(sim).post(`${DISABLE_SMS}?tn_lease=12015550101`, body);
		expect(again.status).toBe(400);
		expect(again.body.message).toBe('SMS subscription already exists');
	});

	test('enabling accepts the campaign id and refuses a body without a messaging profile', async () => {
		const byCampaignId = await opentact(sim).post(`${DISABLE_SMS}?tn_lease=12125550143`, {
			messaging_profile: PROFILE,
			sms_campaign: 'CSIM001',
		});
		expect(byCampaignId.status).toBe(200);

		const missing = await opentact(sim).post(`${DISABLE_SMS}?tn_lease=12015550101`, {
			sms_campaign: CAMPAIGN,
		});
		expect(missing.status).toBe(400);
		expect(Object.keys(missing.body.fields)).toEqual(['body.messaging_profile']);
		expect(sim.state.opentact.smsEnabled(12015550101)).toBe(false);
	});

	test('smsEnabled refuses to guess about a lease that does not exist', () => {
		expect(() => sim.state.opentact.smsEnabled(19995550000)).toThrow(/no Opentact lease/);
		expect(sim.state.opentact.getLease(19995550000)).toBeUndefined();
	});
});
