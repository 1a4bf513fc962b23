'use strict';
// Registration against answers our simulator would never give. The PATCH's answer proves
// nothing: only a profile read back with our URL does. A profile that is not one, or another
// one than asked, proves nothing either. At deactivation, a profile that is someone else's now
// is left alone, and a restore that fails is reported without blocking the deactivation.
const { activateWebhookTrigger, startWebhookServer } = require('../../harness');
const { startHostileOpentact, ok, refuse, API_KEY } = require('./hostileOpentact');
const { PROFILES, TRIGGER, registeredUrl, triggerWorkflow } = require('./triggerHelpers');

const UUID = PROFILES.default.uuid;
const profile = (callbackUrl, extra = {}) => ({ uuid: UUID, name: 'p', callback_url: callbackUrl, callback_url2: null, ...extra });

let n8n;
let hostile;
beforeAll(async () => {
	n8n = await startWebhookServer();
});
afterAll(async () => await n8n.close());
afterEach(async () => await hostile?.close());

/** A stand-in Opentact keeping one profile, answering PATCH and GET as `behave` says. */
async function opentactWith(behave) {
	const state = { callbackUrl: null };
	hostile = await startHostileOpentact((request, requests) => behave(request, state, requests));
	return state;
}

/** The honest behaviour, for a test to override one answer of. */
function honest(request, state) {
	if (request.path !== `/profile/messaging/${UUID}`) return undefined;
	if (request.method === 'PATCH') {
		state.callbackUrl = request.body.callback_url;
		return ok(profile(state.callbackUrl));
	}
	if (request.method === 'GET') return ok(profile(state.callbackUrl));
	return undefined;
}

const activate = async (options = {}) =>
	await activateWebhookTrigger(triggerWorkflow(), {
		server: n8n,
		credentials: { opentactApi: { environment: 'custom', baseUrl: hostile.baseUrl, authentication: 'apiKey', apiKey: API_KEY } },
		...options,
	});

test('a PATCH answered 200 that changed nothing fails activation: the profile read back is not ours', async () => {
	const state = await opentactWith((request, s) => (request.method === 'PATCH' ? ok(profile(request.body.callback_url)) : honest(request, s)));
	const trigger = await activate();
	expect(trigger.active).toBe(false);
	expect(trigger.error.message).toBe(
		`While pointing messaging profile ${UUID} at n8n, Opentact's answer could not be used: Opentact accepted the change, but the profile read back sends its inbound SMS to no callback URL, not to this trigger`,
	);
	expect(trigger.error.description).toBe('The trigger is not active: nothing would reach it.');
	expect(state.callbackUrl).toBeNull();
	// n8n runs delete after a failed create: the profile is not ours, so nothing is sent to it.
	expect(hostile.sent('PATCH')).toHaveLength(1);
	expect(trigger.staticData[`node:${TRIGGER}`].registration).toBeUndefined();
});

test('a PATCH refused in other words fails activation with those words, redacted', async () => {
	await opentactWith((request, s) => (request.method === 'PATCH' ? refuse(422, `callback_url rejected for key ${API_KEY}`) : honest(request, s)));
	const trigger = await activate();
	expect(trigger.error.message).toBe(`While pointing messaging profile ${UUID} at n8n, Opentact answered 422: callback_url rejected for key [redacted]`);
	expect(trigger.error.description).toBe('The profile was not changed.');
});

test.each([
	['a list', ok([profile(null)]), 'the answer held a list of 1 where one messaging profile was expected'],
	['another profile', ok({ ...profile(null), uuid: PROFILES.marketing.uuid }), `asked for messaging profile ${UUID}, it answered profile ${PROFILES.marketing.uuid}`],
	['a profile without a UUID', ok({ name: 'p', callback_url: null }), 'a messaging profile answered has no UUID'],
	['a callback URL that is not text', ok(profile({ url: 'x' })), `messaging profile ${UUID} has a callback URL that is not text`],
])('a profile read answering %s fails activation and changes nothing', async (_, answer, problem) => {
	await opentactWith((request) => (request.method === 'GET' ? answer : undefined));
	const trigger = await activate();
	expect(trigger.error.message).toBe(`While reading messaging profile ${UUID}, Opentact's answer could not be used: ${problem}`);
	expect(hostile.sent('PATCH')).toHaveLength(0);
});

test.each([1, 2])(
	'a PATCH Opentact applied but answered 500 every time fails activation and gives the profile back itself (n8n %i)',
	async (n8nMajor) => {
		const state = await opentactWith((request, s) => {
			if (request.method === 'PATCH' && request.body.callback_url !== null) {
				s.callbackUrl = request.body.callback_url;
				return refuse(500, 'gateway lost the answer');
			}
			return honest(request, s);
		});
		const trigger = await activate({ n8nMajor });
		expect(trigger.error.message).toBe(`While pointing messaging profile ${UUID} at n8n, Opentact answered 500: gateway lost the answer`);
		expect(state.callbackUrl).toBeNull();
		expect(hostile.sent('PATCH').map((r) => r.body.callback_url).at(-1)).toBeNull();
		expect(trigger.staticData[`node:${TRIGGER}`].registration).toBeUndefined();
	},
);

test.each([1, 2])('a read-back that fails after the PATCH was applied gives the profile back too (n8n %i)', async (n8nMajor) => {
	let reads = 0;
	const state = await opentactWith((request, s) => {
		if (request.method === 'GET' && ++reads === 2) return { status: 404, body: { success: false, status: 404, message: 'MessagingProfile not found' } };
		return honest(request, s);
	});
	const trigger = await activate({ n8nMajor });
	expect(trigger.error.message).toBe(`While reading messaging profile ${UUID} back, Opentact answered 404: MessagingProfile not found`);
	expect(state.callbackUrl).toBeNull();
});

test("a redirect is not followed and fails activation, naming where it pointed", async () => {
	hostile = await startHostileOpentact(() => ({ status: 302, body: { success: false } }));
	const trigger = await activate();
	expect(trigger.error.message).toMatch(/^While reading messaging profile [0-9a-f-]+, Opentact answered 302 with a redirect to nowhere \(no Location given\), which was not followed/);
	expect(hostile.requests).toHaveLength(1);
});

test("at deactivation a profile whose callback_url is someone else's is left alone", async () => {
	const state = await opentactWith(honest);
	const trigger = await activate();
	expect(state.callbackUrl).toBe(registeredUrl(trigger));
	state.callbackUrl = 'https://crm.example.com/sms-in?token=theirs';
	const patches = hostile.sent('PATCH').length;
	expect(await trigger.deactivate()).toBe(true);
	expect(hostile.sent('PATCH')).toHaveLength(patches);
	expect(state.callbackUrl).toBe('https://crm.example.com/sms-in?token=theirs');
});

test('a restore Opentact refuses does not block deactivation; the registration is kept so the next one tries again', async () => {
	let refuseRestore = true;
	const state = await opentactWith((request, s) => {
		if (request.method === 'PATCH' && request.body.callback_url === null && refuseRestore) return refuse(500, 'database busy');
		return honest(request, s);
	});
	const trigger = await activate();
	expect(await trigger.deactivate()).toBe(false);
	expect(state.callbackUrl).toBe(registeredUrl(trigger));
	expect(trigger.staticData[`node:${TRIGGER}`].registration).toBeDefined();

	refuseRestore = false;
	const again = await activate({ staticData: trigger.staticData });
	expect(again.error).toBeUndefined();
	expect(await again.deactivate()).toBe(true);
	expect(state.callbackUrl).toBeNull();
});

test('a restore answered 200 that the profile read back does not show is reported as not done', async () => {
	const state = await opentactWith((request, s) => (request.method === 'PATCH' && request.body.callback_url === null ? ok(profile(null)) : honest(request, s)));
	const trigger = await activate();
	expect(await trigger.deactivate()).toBe(false);
	expect(state.callbackUrl).toBe(registeredUrl(trigger));
});
