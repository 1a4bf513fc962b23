'use strict';

const { call, opentact, startSimulator } = require('./helpers');

const OWN = 'd8ddc2c8-3e41-471f-83e7-3b2a771241f7'; // Enable SMS's profile in other tests
const WEBHOOK = '3f6c2a9e-5b1d-4c7e-9a28-6e0d4b7f1c53';
const FOREIGN = 'a41e7d0c-92b6-4f35-8c1d-2b7e9f60d4a8';
const PROFILE_FIELDS = [
	'uuid',
	'name',
	'callback_url',
	'callback_url2',
	'number_pool_enable',
	'long_code_weight',
	'tollfree_weight',
	'skip_unhealthy_tns',
	'sticky_sender',
	'account',
	'created_on',
	'modified_on',
];

const patch = (sim, uuid, json, options = {}) =>
	call(`${sim.opentactBaseUrl}/profile/messaging/${uuid}`, {
		method: 'PATCH',
		headers: { 'x-auth-token': sim.credentials.opentact.apiKey },
		json,
		...options,
	});

describe('Opentact messaging profiles', () => {
	let sim;
	beforeAll(async () => {
		sim = await startSimulator();
	});
	afterAll(() => sim.close());
	beforeEach(() => sim.reset());

	test("the list is a plain array of the account's profiles in the IMessagingProfile shape", async () => {
		const answer = await opentact(sim).get('/profile/messaging');
		expect(answer.status).toBe(200);
		expect(answer.body.success).toBe(true);
		expect(Array.isArray(answer.body.payload)).toBe(true);
		const uuids = answer.body.payload.map((profile) => profile.uuid);
		expect(uuids).toEqual([OWN, '8029986f-120c-4e6b-87ee-e373fe3e1d15', WEBHOOK]);
		for (const profile of answer.body.payload) {
			expect(Object.keys(profile)).toEqual(PROFILE_FIELDS);
			expect(profile.account).toBe('6d18185e-c47f-4d58-8c1f-e2e17aee923c');
		}
		expect(answer.body.payload[0]).toMatchObject({ callback_url: null, callback_url2: null });
		expect(answer.body.payload[2]).toMatchObject({
			callback_url: 'http://127.0.0.1:5678/webhook/opentact-inbound-sms',
			sticky_sender: true,
		});
	});

	test("every lease's messaging_profile names a profile that exists", async () => {
		const listed = await opentact(sim).get('/profile/messaging');
		const names = new Map(listed.body.payload.map((profile) => [profile.uuid, profile.name]));
		const leases = await opentact(sim).post('/lease/tn/search', { take: 100 });
		for (const lease of leases.body.payload.data) {
			if (lease.messaging_profile === null) continue;
			expect(names.get(lease.messaging_profile.uuid)).toBe(lease.messaging_profile.name);
		}
	});

	test("one profile by UUID; 404 in the error envelope for an unknown or another account's; 400 for a non-UUID", async () => {
		const own = await opentact(sim).get(`/profile/messaging/${WEBHOOK}`);
		expect(own.status).toBe(200);
		expect(own.body.payload.uuid).toBe(WEBHOOK);
		expect(Object.keys(own.body.payload)).toEqual(PROFILE_FIELDS);

		for (const uuid of [FOREIGN, '00000000-0000-4000-8000-000000000000']) {
			const missing = await opentact(sim).get(`/profile/messaging/${uuid}`);
			expect(missing.status).toBe(404);
			expect(missing.body).toMatchObject({ success: false, status: 404, meta: 'NotFoundError' });
			expect(missing.body.fields['params.uuid'].value).toBe(uuid);
		}
		const garbage = await opentact(sim).get('/profile/messaging/not-a-uuid');
		expect(garbage.status).toBe(400);
		expect(Object.keys(garbage.body.fields)).toEqual(['params.uuid']);
	});

	test('PATCH sets the callback URL, answers the updated profile, and a read shows the change', async () => {
		const before = sim.state.opentact.getProfile(OWN);
		const url = 'http://127.0.0.1:5678/webhook/new';
		const answer = await patch(sim, OWN, { callback_url: url });
		expect(answer.status).toBe(200);
		expect(answer.body.payload).toEqual({
			...before,
			callback_url: url,
			modified_on: expect.any(String),
		});
		expect(answer.body.payload.modified_on).not.toBe(before.modified_on);
		expect((await opentact(sim).get(`/profile/messaging/${OWN}`)).body.payload.callback_url).toBe(
			url,
		);
		expect(sim.requests().at(-2)).toMatchObject({
			method: 'PATCH',
			path: `/rest/profile/messaging/${OWN}`,
			body: { callback_url: url },
			status: 200,
		});
	});

	test('a renamed profile is what its leases show', async () => {
		await patch(sim, OWN, { name: 'renamed' });
		const lease = await opentact(sim).get('/lease/tn/12017771234/tn');
		expect(lease.body.payload.messaging_profile).toEqual({ uuid: OWN, name: 'renamed' });
	});

	test('callback_url must be 10..255 characters; null clears it', async () => {
		const nine = 'http://a/';
		const ten = 'http://ab/';
		const long = `http://127.0.0.1/${'x'.repeat(238)}`;
		expect(long).toHaveLength(255);
		expect((await patch(sim, OWN, { callback_url: ten })).status).toBe(200);
		expect((await patch(sim, OWN, { callback_url: long })).status).toBe(200);

		for (const bad of [nine, `${long}y`, 12345, true]) {
			const refused = await patch(sim, OWN, { callback_url: bad });
			expect(refused.status).toBe(400);
			expect(refused.body).toMatchObject({ success: false, status: 400 });
			expect(refused.body.fields['body.callback_url'].value).toBe(bad);
		}
		expect(sim.state.opentact.getProfile(OWN).callback_url).toBe(long);

		const cleared = await patch(sim, WEBHOOK, { callback_url: null, callback_url2: null });
		expect(cleared.status).toBe(200);
		expect(cleared.body.payload).toMatchObject({ callback_url: null, callback_url2: null });
	});

	test('a PATCH with an unknown or read-only key, or several bad values, is refused whole and names each', async () => {
		const before = sim.state.opentact.getProfile(WEBHOOK);
		const refused = await patch(sim, WEBHOOK, {
			callbak_url: 'http://127.0.0.1/typo',
			account: 'someone',
			callback_url2: 'short',
			name: '   ',
		});
		expect(refused.status).toBe(400);
		expect(Object.keys(refused.body.fields).sort()).toEqual([
			'body.account',
			'body.callback_url2',
			'body.callbak_url',
			'body.name',
		]);
		expect(sim.state.opentact.getProfile(WEBHOOK)).toEqual(before);

		for (const body of [['callback_url'], 'callback_url=x']) {
			const wrongShape = await patch(sim, WEBHOOK, body);
			expect(wrongShape.status).toBe(400);
		}
		const broken = await patch(sim, WEBHOOK, undefined, {
			body: '{"callback_url":',
			headers: {
				'x-auth-token': sim.credentials.opentact.apiKey,
				'content-type': 'application/json',
			},
		});
		expect(broken.status).toBe(400);
		expect(sim.state.opentact.getProfile(WEBHOOK)).toEqual(before);
	});

	test("another account's profile cannot be patched", async () => {
		const answer = await patch(sim, FOREIGN, { callback_url: 'http://127.0.0.1/mine-now' });
		expect(answer.status).toBe(404);
		expect(sim.state.opentact.getProfile(FOREIGN).callback_url).toBe(
			'http://127.0.0.1:9/someone-else',
		);
	});

	test('a PATCH that changes nothing keeps modified_on', async () => {
		const before = sim.state.opentact.getProfile(WEBHOOK);
		const answer = await patch(sim, WEBHOOK, { name: before.name });
		expect(answer.body.payload).toEqual(before);
	});

	test('a truncated answer rolls the PATCH back; reset restores the fixture', async () => {
		sim.addFault({ route: 'PATCH /rest/profile/messaging/:uuid', kind: 'truncated', times: 1 });
		const cut = await patch(sim, OWN, { callback_url: 'http://127.0.0.1/cut' });
		expect(cut.status).toBe(200);
		expect(cut.body).toBeUndefined();
		expect(sim.state.opentact.getProfile(OWN).callback_url).toBeNull();

		await patch(sim, OWN, { callback_url: 'http://127.0.0.1/kept' });
		expect(sim.state.opentact.getProfile(OWN).callback_url).toBe('http://127.0.0.1/kept');
		sim.reset();
		expect(sim.state.opentact.getProfile(OWN).callback_url).toBeNull();
		expect(sim.state.snapshot().opentact.profiles).toHaveLength(4);
	});

	test('profile routes need a token', async () => {
		const answer = await call(`${sim.opentactBaseUrl}/profile/messaging`);
		expect(answer.status).toBe(401);
	});
});
