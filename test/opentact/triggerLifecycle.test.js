'use strict';
// The Opentact Trigger's life with a messaging profile, through n8n-core's real hook and webhook
// contexts (harness/triggers.js) against the simulator, which POSTs inbound SMS to whatever the
// profile's callback_url says: activation points it at n8n (and proves it by reading it back),
// an inbound STOP starts the workflow, deactivation gives the profile back only while it is
// still ours, and "Listen for test event" never takes a profile someone else listens on.
const { activateWebhookTrigger, startWebhookServer } = require('../../harness');
const { apiKeyCredentials, requestsTo, startSimulator } = require('./helpers');
const { CUSTOMER, LINE, PROFILES, TRIGGER, received, registeredUrl, secretOf, triggerWorkflow } = require('./triggerHelpers');

let sim;
let n8n;
beforeAll(async () => {
	sim = await startSimulator();
	n8n = await startWebhookServer();
});
afterAll(async () => {
	await sim.close();
	await n8n.close();
});
beforeEach(() => sim.reset());

const activate = async (options = {}) => {
	const { workflow = triggerWorkflow(options), ...rest } = options;
	return await activateWebhookTrigger(workflow, { server: n8n, credentials: { opentactApi: apiKeyCredentials(sim) }, ...rest });
};
const profileRoute = (uuid) => `/rest/profile/messaging/${uuid}`;
const callbackOf = (uuid) => sim.state.opentact.getProfile(uuid).callback_url;

/** Changes a profile's callback_url the way another system would: Opentact's own API. */
async function patchProfile(uuid, callbackUrl) {
	const response = await fetch(`${sim.opentactBaseUrl}/profile/messaging/${uuid}`, {
		method: 'PATCH',
		headers: { 'content-type': 'application/json', 'x-auth-token': sim.credentials.opentact.apiKey },
		body: JSON.stringify({ callback_url: callbackUrl }),
	});
	expect(response.status).toBe(200);
}

describe('activating the workflow', () => {
	test("points the profile's callback_url at n8n's webhook URL with a secret, and reads it back before it counts", async () => {
		const trigger = await activate();
		expect(trigger.error).toBeUndefined();
		expect(trigger.active).toBe(true);
		const url = registeredUrl(trigger);
		expect(url).toMatch(new RegExp(`^${trigger.url}\\?secret=[A-Za-z0-9]{43}$`));
		expect(callbackOf(PROFILES.default.uuid)).toBe(url);
		const route = profileRoute(PROFILES.default.uuid);
		expect(sim.requests().map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${route}`, `PATCH ${route}`, `GET ${route}`]);
		expect(requestsTo(sim, 'PATCH', route)[0].body).toEqual({ callback_url: url });
		// The static data n8n saves with the active workflow remembers what to restore.
		expect(trigger.staticData[`node:${TRIGGER}`].registration).toEqual({
			profileId: PROFILES.default.uuid,
			secret: secretOf(trigger),
			registeredUrl: url,
			previousCallbackUrl: null,
		});
	});

	test('each activation draws a new secret', async () => {
		const first = await activate();
		await first.deactivate();
		const second = await activate();
		expect(secretOf(second)).not.toBe(secretOf(first));
		await second.deactivate();
	});

	test('an inbound STOP to a number of the profile starts the workflow with the opt-out, numbers in E.164', async () => {
		const trigger = await activate();
		const { message, deliveries } = await sim.opentact.injectInbound({ to: LINE, from: CUSTOMER, message: 'Stop.', created_on: '2025-05-01T10:00:00.000Z' });
		expect(deliveries.map((d) => [d.target, d.status, d.outcome])).toEqual([['primary', 200, 'delivered']]);
		const [item] = await received(trigger);
		expect(item).toEqual({
			event: 'optOut',
			keyword: 'STOP',
			from: '+16465550101',
			to: '+12017771234',
			text: 'Stop.',
			messageId: message.uuid,
			state: 'success',
			receivedAt: '2025-05-01T10:00:00.000Z',
			problem: null,
			raw: message,
		});
	});

	test('a message that is no keyword starts nothing unless "Any Inbound Message" is chosen, and is then "inbound"', async () => {
		const optOutOnly = await activate();
		await sim.opentact.injectInbound({ to: LINE, from: CUSTOMER, message: 'Stop texting me please' });
		expect(optOutOnly.calls).toEqual([{ status: 200, started: false, error: undefined }]);
		expect(optOutOnly.executions).toHaveLength(0);
		await optOutOnly.deactivate();

		const any = await activate({ events: ['anyMessage'] });
		await sim.opentact.injectInbound({ to: LINE, from: CUSTOMER, message: 'Stop texting me please' });
		await sim.opentact.injectInbound({ to: LINE, from: CUSTOMER, message: 'HELP' });
		expect((await received(any)).map((item) => [item.event, item.keyword])).toEqual([
			['inbound', null],
			['help', 'HELP'],
		]);
	});

	test('activating again with the saved static data finds the profile still ours and changes nothing', async () => {
		const first = await activate();
		const before = sim.requests().length;
		const again = await activate({ staticData: first.staticData });
		expect(again.error).toBeUndefined();
		expect(sim.requests().slice(before).map((r) => r.method)).toEqual(['GET']);
		expect(secretOf(again)).toBe(secretOf(first));
	});

	test("n8n's public address changed between activations: the profile moves to the new URL, and deactivation still restores the original", async () => {
		const first = await activate({ profile: PROFILES.compliance.uuid });
		const moved = await startWebhookServer();
		try {
			const again = await activateWebhookTrigger(triggerWorkflow({ profile: PROFILES.compliance.uuid }), {
				server: moved,
				credentials: { opentactApi: apiKeyCredentials(sim) },
				staticData: first.staticData,
			});
			expect(again.error).toBeUndefined();
			expect(callbackOf(PROFILES.compliance.uuid)).toBe(registeredUrl(again));
			expect(registeredUrl(again).startsWith(moved.baseUrl)).toBe(true);
			expect(again.staticData[`node:${TRIGGER}`].registration.previousCallbackUrl).toBe(PROFILES.compliance.callbackUrl);
			await again.deactivate();
			expect(callbackOf(PROFILES.compliance.uuid)).toBe(PROFILES.compliance.callbackUrl);
		} finally {
			await moved.close();
		}
	});

	test('static data lost (a re-imported workflow): activation takes the profile back from its own old URL, and deactivation clears it rather than restore a dead URL', async () => {
		const first = await activate();
		const again = await activate({ staticData: {} });
		expect(again.error).toBeUndefined();
		expect(secretOf(again)).not.toBe(secretOf(first));
		expect(again.staticData[`node:${TRIGGER}`].registration.previousCallbackUrl).toBeNull();
		await again.deactivate();
		expect(callbackOf(PROFILES.default.uuid)).toBeNull();
	});

	test('a keyword in two lists refuses activation before the profile is touched', async () => {
		const trigger = await activate({ parameters: { optInKeywords: 'START, STOP' } });
		expect(trigger.active).toBe(false);
		expect(trigger.error.message).toBe('"STOP" is in both Opt-Out Keywords and Opt-In Keywords (as "STOP"): a keyword may mean one thing only');
		expect(requestsTo(sim, 'PATCH', profileRoute(PROFILES.default.uuid))).toHaveLength(0);
		expect(callbackOf(PROFILES.default.uuid)).toBeNull();
	});

	test("a profile of another account is refused with Opentact's words, and nothing is changed", async () => {
		const trigger = await activate({ profile: PROFILES.foreign.uuid });
		expect(trigger.error.message).toBe(`While reading messaging profile ${PROFILES.foreign.uuid}, Opentact answered 404: MessagingProfile not found`);
		expect(sim.requests().filter((r) => r.method === 'PATCH')).toHaveLength(0);
	});

	test('a callback URL longer than Opentact keeps (255 characters) is refused before the profile is touched', async () => {
		const trigger = await activate({ webhookId: 'w'.repeat(200) });
		expect(trigger.error.message).toMatch(/^n8n's webhook URL for this trigger is \d+ characters long with its secret; Opentact keeps callback URLs of at most 255/);
		expect(sim.requests().filter((r) => r.method === 'PATCH')).toHaveLength(0);
		expect(callbackOf(PROFILES.default.uuid)).toBeNull();
	});
});

describe('deactivating the workflow', () => {
	test('puts back the callback_url the profile had before (another system keeps its messages)', async () => {
		const trigger = await activate({ profile: PROFILES.compliance.uuid });
		expect(trigger.error).toBeUndefined();
		expect(trigger.staticData[`node:${TRIGGER}`].registration.previousCallbackUrl).toBe(PROFILES.compliance.callbackUrl);
		expect(callbackOf(PROFILES.compliance.uuid)).toBe(registeredUrl(trigger));
		expect(await trigger.deactivate()).toBe(true);
		expect(callbackOf(PROFILES.compliance.uuid)).toBe(PROFILES.compliance.callbackUrl);
		expect(trigger.staticData[`node:${TRIGGER}`].registration).toBeUndefined();
	});

	test('clears the callback_url of a profile that had none', async () => {
		const trigger = await activate();
		await trigger.deactivate();
		expect(callbackOf(PROFILES.default.uuid)).toBeNull();
	});

	test('leaves a profile someone pointed elsewhere meanwhile as it is', async () => {
		const trigger = await activate();
		await patchProfile(PROFILES.default.uuid, 'http://127.0.0.1:9/another-system');
		const patches = () => requestsTo(sim, 'PATCH', profileRoute(PROFILES.default.uuid)).length;
		const before = patches();
		expect(await trigger.deactivate()).toBe(true);
		expect(patches()).toBe(before);
		expect(callbackOf(PROFILES.default.uuid)).toBe('http://127.0.0.1:9/another-system');
	});

	test('after deactivation an inbound SMS no longer reaches n8n (the profile is given back)', async () => {
		const trigger = await activate();
		await trigger.deactivate();
		const { deliveries } = await sim.opentact.injectInbound({ to: LINE, from: CUSTOMER, message: 'STOP' });
		expect(deliveries).toEqual([]);
		expect(trigger.calls).toHaveLength(0);
	});
});

describe('"Listen for test event"', () => {
	test('on a profile without a callback URL: listens, runs the first event, then clears the URL again', async () => {
		const listening = await activate({ mode: 'manual' });
		expect(listening.error).toBeUndefined();
		expect(listening.url).toContain('/webhook-test/');
		expect(callbackOf(PROFILES.default.uuid)).toBe(registeredUrl(listening));
		await sim.opentact.injectInbound({ to: LINE, from: CUSTOMER, message: 'stop' });
		expect((await received(listening)).map((item) => item.event)).toEqual(['optOut']);
		expect(listening.active).toBe(false);
		expect(callbackOf(PROFILES.default.uuid)).toBeNull();
	});

	test('refuses a profile that already sends its SMS elsewhere, saying where, and changes nothing', async () => {
		const listening = await activate({ mode: 'manual', profile: PROFILES.compliance.uuid });
		expect(listening.active).toBe(false);
		expect(listening.error.message).toBe(
			`Messaging profile "compliance webhook profile" (${PROFILES.compliance.uuid}) already sends its inbound SMS to http://127.0.0.1:5678/…. An Opentact profile has one callback URL, so listening for a test event would take its inbound SMS (opt-outs among them) away from it. Test with a profile that has no callback URL, or clear this one's in the Opentact portal (Messaging → Profiles), or activate the workflow, which remembers the URL and restores it when deactivated.`,
		);
		expect(sim.requests().filter((r) => r.method === 'PATCH')).toHaveLength(0);
		expect(callbackOf(PROFILES.compliance.uuid)).toBe(PROFILES.compliance.callbackUrl);
	});

	test('refuses the profile of this same workflow while it is active, and the active workflow keeps receiving', async () => {
		const active = await activate();
		const listening = await activate({ mode: 'manual' });
		expect(listening.error.message).toMatch(/sends its inbound SMS to this workflow's production URL: the workflow is active/);
		expect(callbackOf(PROFILES.default.uuid)).toBe(registeredUrl(active));
		await sim.opentact.injectInbound({ to: LINE, from: CUSTOMER, message: 'STOP' });
		expect(await received(active)).toHaveLength(1);
	});

	test('activating while a test listens on the profile is refused, and the test keeps its profile', async () => {
		const listening = await activate({ mode: 'manual' });
		const active = await activate();
		expect(active.error.message).toMatch(/sends its inbound SMS to this workflow's test URL: n8n is listening for a test event on it/);
		expect(callbackOf(PROFILES.default.uuid)).toBe(registeredUrl(listening));
		await listening.deactivate();
		expect(callbackOf(PROFILES.default.uuid)).toBeNull();
	});
});
