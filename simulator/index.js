'use strict';

const http = require('node:http');
const { loadFixture, loadDefaultFixture, generateLeases } = require('./fixtures');
const { createPrng } = require('./control/prng');
const { createFaultPlan, FAULT_KINDS } = require('./control/faults');
const { createLimits } = require('./control/limits');
const { createRecorder } = require('./http/recorder');
const { createPipeline } = require('./http/pipeline');
const { createAdmin } = require('./http/admin');
const { createOpentactApi } = require('./opentact');
const { createTwoSmsApi } = require('./twoSms');
const { OPENTACT_CALLBACK_TIMEOUT_MS } = require('./assumed');

const DEFAULT_OPTIONS = Object.freeze({
	port: 0,
	host: '127.0.0.1',
	fixture: undefined, // fixtures/default.json
	seed: 1,
	latencyMs: 0,
	maxConcurrent: Infinity,
	ratePerSecond: Infinity,
	opentactTokenTtlSeconds: 86400, // FACT: Opentact JWTs live 24 h
	twoSmsTokenTtlSeconds: 28800, // FACT: 2sms access tokens live 8 h
	opentactCallbackTimeoutMs: OPENTACT_CALLBACK_TIMEOUT_MS, // how long an inbound-SMS webhook may take
	log: false,
	recordRequests: true, // false: keep no request log; a number: keep only the latest that many
});

/**
 * Starts the Opentact + 2sms simulator on 127.0.0.1. Resolves to the handle tests and tools use:
 * base URLs, the fixture's credentials, the request log, faults, limits and state helpers.
 */
async function startSimulator(options = {}) {
	const settings = { ...DEFAULT_OPTIONS };
	for (const [key, value] of Object.entries(options))
		if (value !== undefined) settings[key] = value;
	const fixture = loadFixture(settings.fixture);

	// Two streams from one seed, so adding a fault does not change the ids a run generates.
	let faultRandom = createPrng(settings.seed);
	let idRandom = createPrng(Number(settings.seed) ^ 0x5eed);
	const ids = { uuid: () => idRandom.uuid() };
	const faults = createFaultPlan({ next: () => faultRandom.next() });

	const opentact = createOpentactApi({
		fixture: fixture.opentact,
		tokenTtlSeconds: settings.opentactTokenTtlSeconds,
		ids,
		faults,
		callbackTimeoutMs: settings.opentactCallbackTimeoutMs,
	});
	const twoSms = createTwoSmsApi({
		fixture: fixture.twoSms,
		tokenTtlSeconds: settings.twoSmsTokenTtlSeconds,
		ids,
	});
	const recorder = createRecorder({
		secrets: [...opentact.secrets, ...twoSms.secrets],
		onFinish: requestLogger(settings.log),
		keep: settings.recordRequests,
	});
	const { latencyMs, maxConcurrent, ratePerSecond } = settings;
	const limits = createLimits({ latencyMs, maxConcurrent, ratePerSecond });

	const sim = {
		credentials: {
			opentact: {
				apiKey: fixture.opentact.apiKey,
				email: fixture.opentact.user.email,
				password: fixture.opentact.user.password,
			},
			twoSms: { clientId: fixture.twoSms.clientId, clientSecret: fixture.twoSms.clientSecret },
		},
		requests: recorder.list,
		requestsText: recorder.text,
		clearRequests: recorder.clear,
		addFault: faults.add,
		clearFaults: faults.clear,
		faults: faults.list,
		setLimits: limits.set,
		limits: limits.describe,
		/** How busy the serving slots were since the start or `resetSlotUsage` (see limits.js slotUsage). */
		slotUsage: () => limits.slotUsage(),
		resetSlotUsage: limits.resetUsage,
		expireTokens() {
			opentact.expireTokens();
			twoSms.expireTokens();
		},
		/** What the providers receive from outside: inbound SMS. */
		opentact: {
			/**
			 * An SMS {to, from, message, created_on?, state?, delivered?, readed?} arrives on a leased
			 * number; it is stored and POSTed to its profile's callback URL(s). Resolves to
			 * {message, deliveries} once the deliveries are over.
			 */
			injectInbound: (spec) => opentact.injectInbound(spec),
			/** Resolves when every callback delivery started so far is over. */
			settled: () => opentact.callbacksSettled(),
		},
		twoSms: {
			/** A message {from, to, message, at?, reference?} arrives; returns {message, stopLog}. */
			injectInbound: (spec) => twoSms.injectInbound(spec),
			/**
			 * A contact {MobilePhone, FirstName?, LastName?, EmailAddress?, AddressBookGroupID?,
			 * PersonNumber?, Inherited?} joins the address book; returns it with its ContactID.
			 */
			addContact: (spec) => twoSms.addContact(spec),
			/** Every contact with this number leaves the address book (its stop-log entries stay); returns how many. */
			removeContact: (number) => twoSms.removeContact(number),
		},
		/**
		 * State back to the fixture, faults cleared, limits back to the start options, log emptied,
		 * tokens revoked, inbound messages and callback deliveries forgotten (those in flight stopped).
		 */
		reset() {
			opentact.reset();
			twoSms.reset();
			faults.clear();
			limits.reset();
			recorder.reset();
			faultRandom = createPrng(settings.seed);
			idRandom = createPrng(Number(settings.seed) ^ 0x5eed);
		},
		state: {
			opentact: opentact.view,
			twoSms: twoSms.view,
			snapshot: () => ({
				opentact: opentact.snapshot(),
				twoSms: twoSms.snapshot(),
				faults: faults.list(),
				limits: limits.describe(),
			}),
		},
	};

	const server = http.createServer(
		createPipeline({ apis: [opentact, twoSms], recorder, limits, faults, admin: createAdmin(sim) }),
	);
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(settings.port, settings.host, resolve);
	});
	const { port } = server.address();
	sim.url = `http://${settings.host}:${port}`;
	sim.port = port;
	sim.opentactBaseUrl = `${sim.url}/rest`;
	sim.twoSmsBaseUrl = sim.url;
	/** Stops listening and drops every open connection, including hanging requests. */
	sim.close = () =>
		new Promise((resolve) => {
			opentact.stopCallbacks();
			server.close(() => resolve());
			server.closeAllConnections();
		});
	return sim;
}

function requestLogger(log) {
	if (typeof log === 'function') return (entry, text) => log(text, entry);
	if (log) return (entry, text) => console.log(text);
	return undefined;
}

module.exports = {
	startSimulator,
	loadDefaultFixture,
	generateLeases,
	FAULT_KINDS,
	DEFAULT_OPTIONS,
};
