'use strict';
// The Messaging Profile resource (Get, Get Many) and the profile picker shared by Enable SMS and
// the trigger: ops see where each profile's inbound SMS (STOP replies among them) are sent, a
// trigger's secret never shows, and a list that proves nothing is refused rather than shown in part.
const { activateWebhookTrigger, nodeType, runListSearch, runWorkflow, startWebhookServer } = require('../../harness');
const { CAMPAIGN_UUID, LEASES, SMS_ROUTE, apiKeyCredentials, jsonOf, opentactWorkflow, requestsTo, startSimulator } = require('./helpers');
const { startHostileOpentact, ok, API_KEY } = require('./hostileOpentact');
const { PROFILES, TRIGGER, registeredUrl, secretOf, triggerWorkflow } = require('./triggerHelpers');

let sim;
beforeAll(async () => {
	sim = await startSimulator();
});
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());

function profileWorkflow(operation, parameters = {}, nodeSettings = {}) {
	return {
		nodes: [
			{ parameters: {}, id: '00000000-0000-4000-8000-0000000000c1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0] },
			{
				parameters: { resource: 'messagingProfile', operation, ...parameters },
				id: '00000000-0000-4000-8000-0000000000c2',
				name: 'Opentact',
				type: nodeType('opentact'),
				typeVersion: 1,
				position: [240, 0],
				credentials: { opentactApi: { id: '1', name: 'Opentact account' } },
				...nodeSettings,
			},
		],
		connections: { Start: { main: [[{ node: 'Opentact', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

const run = async (workflow, input = [{}], credentials = { opentactApi: apiKeyCredentials(sim) }) =>
	await runWorkflow(workflow, { credentials, input: input.map((json) => ({ json })) });

describe('Get Many', () => {
	test("lists the account's profiles, each with the callback URLs its inbound SMS go to", async () => {
		const result = await run(profileWorkflow('getMany', { returnAll: true }));
		expect(result.status).toBe('success');
		const profiles = jsonOf(result.items('Opentact'));
		expect(profiles.map((p) => [p.name, p.callback_url, p.callback_url2])).toEqual([
			['default messaging profile', null, null],
			['marketing profile', null, null],
			['compliance webhook profile', PROFILES.compliance.callbackUrl, 'http://127.0.0.1:5678/webhook/opentact-inbound-sms-backup'],
		]);
		expect(profiles.map((p) => p.uuid)).not.toContain(PROFILES.foreign.uuid);
		expect(sim.requests().map((r) => `${r.method} ${r.path}`)).toEqual(['GET /rest/profile/messaging']);
	});

	test('Limit keeps the first profiles', async () => {
		const result = await run(profileWorkflow('getMany', { returnAll: false, limit: 2 }));
		expect(jsonOf(result.items('Opentact'))).toHaveLength(2);
	});

	test("a profile the trigger points at shows its callback URL with the trigger's secret hidden", async () => {
		const n8n = await startWebhookServer();
		try {
			const trigger = await activateWebhookTrigger(triggerWorkflow(), { server: n8n, credentials: { opentactApi: apiKeyCredentials(sim) } });
			const result = await run(profileWorkflow('getMany', { returnAll: true }));
			const listed = jsonOf(result.items('Opentact')).find((p) => p.uuid === PROFILES.default.uuid);
			expect(listed.callback_url).toBe(`${trigger.url}?secret=[redacted]`);
			expect(JSON.stringify(result.runData)).not.toContain(secretOf(trigger));
			expect(sim.state.opentact.getProfile(PROFILES.default.uuid).callback_url).toBe(registeredUrl(trigger));
			await trigger.deactivate();
		} finally {
			await n8n.close();
		}
	});
});

describe('Get', () => {
	test('reads one profile chosen from the list or by ID, once per profile however many items name it', async () => {
		const picked = { __rl: true, mode: 'list', value: PROFILES.compliance.uuid, cachedResultName: PROFILES.compliance.name };
		const result = await run(profileWorkflow('get', { profileId: picked }), [{}, {}]);
		expect(jsonOf(result.items('Opentact')).map((p) => p.callback_url)).toEqual([PROFILES.compliance.callbackUrl, PROFILES.compliance.callbackUrl]);
		expect(sim.requests()).toHaveLength(1);
	});

	test('an ID from each item is read per item', async () => {
		const byId = { __rl: true, mode: 'id', value: '={{ $json.profile }}' };
		const result = await run(profileWorkflow('get', { profileId: byId }), [{ profile: PROFILES.default.uuid }, { profile: PROFILES.marketing.uuid }]);
		expect(jsonOf(result.items('Opentact')).map((p) => p.name)).toEqual(['default messaging profile', 'marketing profile']);
	});

	test("another account's profile is Opentact's 404, and a malformed ID is refused before anything is sent", async () => {
		const byId = { __rl: true, mode: 'id', value: '={{ $json.profile }}' };
		const result = await run(profileWorkflow('get', { profileId: byId }, { continueOnFail: true }), [{ profile: PROFILES.foreign.uuid }, { profile: 'default' }]);
		expect(jsonOf(result.items('Opentact')).map((item) => item.error)).toEqual([
			'Item 0: Opentact answered 404: MessagingProfile not found',
			'Item 1: Messaging Profile "default" is not a valid UUID (expected 8-4-4-4-12 hexadecimal digits)',
		]);
		expect(sim.requests()).toHaveLength(1);
	});
});

describe('the profile picker (From List)', () => {
	const search = async (filter, credentials = { opentactApi: apiKeyCredentials(sim) }) =>
		await runListSearch(triggerWorkflow(), { node: TRIGGER, method: 'searchMessagingProfiles', filter, credentials });

	test('lists the profiles by name, each saying where its inbound SMS go', async () => {
		const { results } = await search();
		expect(results).toEqual([
			{ name: 'compliance webhook profile', value: PROFILES.compliance.uuid, description: 'Inbound SMS go to http://127.0.0.1:5678/…' },
			{ name: 'default messaging profile', value: PROFILES.default.uuid, description: 'Inbound SMS go to no callback URL' },
			{ name: 'marketing profile', value: PROFILES.marketing.uuid, description: 'Inbound SMS go to no callback URL' },
		]);
	});

	test('filters by name or UUID, case ignored, the filter read as plain text', async () => {
		expect((await search('MARKET')).results.map((r) => r.name)).toEqual(['marketing profile']);
		expect((await search(PROFILES.default.uuid.slice(0, 8))).results.map((r) => r.name)).toEqual(['default messaging profile']);
		expect((await search('.*')).results).toEqual([]);
	});

	test('the Opentact node offers the same picker to Enable SMS', async () => {
		const workflow = opentactWorkflow('enable-sms');
		const { results } = await runListSearch(workflow, { node: 'Opentact', method: 'searchMessagingProfiles', credentials: { opentactApi: apiKeyCredentials(sim) } });
		expect(results).toHaveLength(3);
	});
});

describe('Enable SMS with the picker', () => {
	test('a profile chosen from the list is sent for every item', async () => {
		const workflow = opentactWorkflow('enable-sms', {
			parameters: { messagingProfileId: { __rl: true, mode: 'list', value: PROFILES.default.uuid, cachedResultName: PROFILES.default.name } },
		});
		const result = await run(workflow, [
			{ phone: LEASES.b0101.tn, campaign: CAMPAIGN_UUID },
			{ phone: LEASES.c0143.tn, campaign: CAMPAIGN_UUID },
		]);
		expect(jsonOf(result.items('Opentact')).map((item) => item.outcome)).toEqual(['enabled', 'enabled']);
		expect(requestsTo(sim, 'POST', SMS_ROUTE).map((r) => r.body.messaging_profile)).toEqual([PROFILES.default.uuid, PROFILES.default.uuid]);
	});

	test('a profile ID mapped from each item is read per item', async () => {
		const workflow = opentactWorkflow('enable-sms', { parameters: { messagingProfileId: { __rl: true, mode: 'id', value: '={{ $json.profile }}' } } });
		const result = await run(workflow, [
			{ phone: LEASES.b0101.tn, profile: PROFILES.default.uuid, campaign: CAMPAIGN_UUID },
			{ phone: LEASES.c0143.tn, profile: PROFILES.marketing.uuid, campaign: CAMPAIGN_UUID },
		]);
		expect(result.status).toBe('success');
		expect(requestsTo(sim, 'POST', SMS_ROUTE).map((r) => r.body.messaging_profile)).toEqual([PROFILES.default.uuid, PROFILES.marketing.uuid]);
	});
});

describe('answers the simulator would never give', () => {
	let hostile;
	afterEach(async () => await hostile?.close());
	const credentials = () => ({ opentactApi: { environment: 'custom', baseUrl: hostile.baseUrl, authentication: 'apiKey', apiKey: API_KEY } });
	const profile = (uuid, extra = {}) => ({ uuid, name: 'p', callback_url: null, ...extra });

	test.each([
		['a list that is not a list', ok({ data: [profile(PROFILES.default.uuid)] }), 'the profile list answered an object where a list was expected'],
		['an entry without a UUID', ok([profile(PROFILES.default.uuid), { name: 'x' }]), 'entry 1 of the profile list: a messaging profile answered has no UUID'],
		['an entry that is not an object', ok([profile(PROFILES.default.uuid), 'x']), 'entry 1 of the profile list: it is a string where one messaging profile was expected'],
		['more profiles than an account has', ok(Array.from({ length: 1001 }, () => profile(PROFILES.default.uuid))), 'the profile list holds 1001 profiles, more than the 1000 one account is believed to have'],
	])('Get Many refuses %s rather than show part of it', async (_, answer, problem) => {
		hostile = await startHostileOpentact(() => answer);
		const result = await run(profileWorkflow('getMany', { returnAll: true }, { continueOnFail: true }), [{}], credentials());
		expect(jsonOf(result.items('Opentact'))).toEqual([{ error: `Item 0: Opentact's answer could not be used: ${problem}`, message: 'No profiles are output.' }]);
	});

	test('Get refuses another profile than the one asked for', async () => {
		hostile = await startHostileOpentact(() => ok(profile(PROFILES.marketing.uuid)));
		const picked = { __rl: true, mode: 'id', value: PROFILES.default.uuid };
		const result = await run(profileWorkflow('get', { profileId: picked }, { continueOnFail: true }), [{}], credentials());
		expect(jsonOf(result.items('Opentact'))[0].error).toBe(
			`Item 0: Opentact's answer could not be used: asked for messaging profile ${PROFILES.default.uuid}, it answered profile ${PROFILES.marketing.uuid}`,
		);
	});

	test("the picker shows Opentact's refusal in its words, redacted", async () => {
		hostile = await startHostileOpentact(() => ({ status: 403, body: { success: false, status: 403, message: `no access for ${API_KEY}` } }));
		await expect(runListSearch(triggerWorkflow(), { node: TRIGGER, method: 'searchMessagingProfiles', credentials: credentials() })).rejects.toThrow(
			'While listing the messaging profiles, Opentact answered 403: no access for [redacted]',
		);
	});
});
