'use strict';
// Set-up shared by the Opentact Trigger tests: workflows holding the trigger (webhook or polling)
// and a No Op after it, the simulator's profiles, and a way to POST to the trigger's URL as
// Opentact (or anyone) would.
const { nodeType } = require('../../harness');

/** The simulator's messaging profiles (simulator/fixtures/default.json). */
const PROFILES = {
	/** No callback URL; the leases of 12017771234, 12015550100, 12125550142, … use it. */
	default: { uuid: 'd8ddc2c8-3e41-471f-83e7-3b2a771241f7', name: 'default messaging profile' },
	/** No callback URL. */
	marketing: { uuid: '8029986f-120c-4e6b-87ee-e373fe3e1d15', name: 'marketing profile' },
	/** Already sends its inbound SMS somewhere (another system). */
	compliance: {
		uuid: '3f6c2a9e-5b1d-4c7e-9a28-6e0d4b7f1c53',
		name: 'compliance webhook profile',
		callbackUrl: 'http://127.0.0.1:5678/webhook/opentact-inbound-sms',
	},
	/** Another account's. */
	foreign: { uuid: 'a41e7d0c-92b6-4f35-8c1d-2b7e9f60d4a8' },
};

/** A number on the default profile, and a customer who texts it. */
const LINE = '12017771234';
const CUSTOMER = '+1 646 555 0101';

const TRIGGER = 'Opentact Trigger';
const POLLER = 'Opentact Polling Trigger';
const AFTER = 'Received';

const WEBHOOK_ID = '5e1b8a4c-7f2d-4c90-a6b3-2d8f0e9c1a77';

const credentials = { opentactApi: { id: '1', name: 'Opentact account' } };

function withNoOp(trigger) {
	return {
		name: `${trigger.name} test`,
		nodes: [
			trigger,
			{ parameters: {}, id: '00000000-0000-4000-8000-0000000000b2', name: AFTER, type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [240, 0] },
		],
		connections: { [trigger.name]: { main: [[{ node: AFTER, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/** A workflow: the Opentact Trigger on `profile` (a UUID), then a No Op. */
function triggerWorkflow({ profile = PROFILES.default.uuid, events = ['optOut'], parameters = {}, webhookId = WEBHOOK_ID } = {}) {
	return withNoOp({
		parameters: { messagingProfile: { __rl: true, mode: 'id', value: profile }, events, ...parameters },
		id: '00000000-0000-4000-8000-0000000000b1',
		name: TRIGGER,
		type: nodeType('opentactTrigger'),
		typeVersion: 1,
		position: [0, 0],
		webhookId,
		credentials,
	});
}

/** A workflow: the Opentact Polling Trigger, then a No Op. */
function pollingWorkflow({ events = ['optOut'], parameters = {} } = {}) {
	return withNoOp({
		parameters: { events, ...parameters },
		id: '00000000-0000-4000-8000-0000000000b3',
		name: POLLER,
		type: nodeType('opentactPollingTrigger'),
		typeVersion: 1,
		position: [0, 0],
		credentials,
	});
}

/** POSTs `body` (JSON unless a string with its own content type) to `url`; resolves to {status, text}. */
async function post(url, body, { contentType = 'application/json' } = {}) {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': contentType },
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});
	return { status: response.status, text: await response.text() };
}

/** The URL the trigger registered (with its secret), from the handle's static data. */
const registeredUrl = (handle, node = TRIGGER) => handle.staticData[`node:${node}`]?.registration?.registeredUrl;
const secretOf = (handle, node = TRIGGER) => handle.staticData[`node:${node}`]?.registration?.secret;

/** A message object in the shape the simulator (and, ASSUMED, Opentact) POSTs. */
function inboundBody(overrides = {}) {
	return {
		uuid: '9b2f6c1e-4d3a-4e8b-9f10-6a7c5d4e3b21',
		to: LINE,
		from: '16465550101',
		message: 'STOP',
		thread: '1c9d7e2f-8a3b-4c5d-9e6f-7a8b9c0d1e2f',
		state: 'success',
		delivered: true,
		readed: false,
		tn: { tn: Number(LINE), country_code: 1 },
		tnlease: 'adf7637d-3363-49d4-8922-112cc34a62bc',
		provider_event: null,
		account: '6d18185e-c47f-4d58-8c1f-e2e17aee923c',
		created_on: '2025-05-01T10:00:00.000Z',
		...overrides,
	};
}

/** The items the No Op after the trigger received, in every run the trigger started. */
async function received(handle) {
	const runs = await handle.settled();
	return runs.flatMap((run) => run.items(AFTER).map((item) => item.json));
}

module.exports = {
	PROFILES,
	LINE,
	CUSTOMER,
	TRIGGER,
	POLLER,
	AFTER,
	WEBHOOK_ID,
	triggerWorkflow,
	pollingWorkflow,
	post,
	registeredUrl,
	secretOf,
	inboundBody,
	received,
};
