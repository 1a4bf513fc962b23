'use strict';

const { createRouter } = require('../http/router');
const { parseBody } = require('../http/body');
const { retryAfterHeader } = require('../http/respond');
const { failure, invalid } = require('./envelope');
const { createOpentactState } = require('./state');
const { createOpentactAuth } = require('./auth');
const { createLeaseHandlers } = require('./leases');
const { createSmsSubscriptionHandlers } = require('./smsSubscription');
const { createProfiles } = require('./profiles');
const { createInboundSms } = require('./inbound');
const { createCallbacks } = require('./callbacks');
const { presentLease } = require('./present');
const { OPENTACT_RATE_LIMIT_MESSAGE } = require('../assumed');

/** Opentact's REST API under /rest, as far as the nodes use it. */
function createOpentactApi({ fixture, tokenTtlSeconds, ids, faults, callbackTimeoutMs }) {
	const state = createOpentactState();
	const profiles = createProfiles(state);
	const inbound = createInboundSms({ state, ids });
	const callbacks = createCallbacks({ faults, timeoutMs: callbackTimeoutMs });
	// Profiles complete the catalog state.load builds, so they load after it, every time.
	const load = () => {
		state.load(fixture);
		profiles.load();
		inbound.load();
	};
	load();
	const auth = createOpentactAuth({ state, ttlSeconds: tokenTtlSeconds, apiKey: fixture.apiKey });
	const leases = createLeaseHandlers(state);
	const sms = createSmsSubscriptionHandlers(state, ids);

	const router = createRouter([
		{ route: 'GET /rest/auth', handle: auth.login, public: true },
		{ route: 'POST /rest/lease/tn/search', handle: leases.search },
		{ route: 'GET /rest/lease/tn/:tn/tn', handle: leases.byTn },
		{ route: 'GET /rest/lease/tn/:uuid', handle: leases.byUuid },
		{ route: 'DELETE /rest/lease/tn/number/subscription/sms', handle: sms.disable },
		{ route: 'POST /rest/lease/tn/number/subscription/sms', handle: sms.enable },
		{ route: 'GET /rest/profile/messaging', handle: profiles.list },
		{ route: 'GET /rest/profile/messaging/:uuid', handle: profiles.byUuid },
		{ route: 'PATCH /rest/profile/messaging/:uuid', handle: profiles.update },
		{ route: 'POST /rest/sms/search/inbound', handle: inbound.search },
		{ route: 'GET /rest/sms/inbound/:uuid', handle: inbound.byUuid },
	]);

	function serve(ctx) {
		const found = router.find(ctx.method, ctx.path);
		if (!found) return failure(404, `Cannot ${ctx.method} ${ctx.path}`);
		const { entry, params } = found;
		if (entry.public) return entry.handle({ ...ctx, params });
		const { account, denied } = auth.authenticate(ctx.headers);
		if (denied) return denied;
		if (ctx.body.type === 'invalid') return invalid('body', 'invalid JSON', ctx.body.value);
		return entry.handle({ ...ctx, params, account });
	}

	/** The lease for a test to inspect, in the API's shape (tn as number, 11-digit string or UUID). */
	function getLease(tnOrUuid) {
		const record = state.find(tnOrUuid);
		return record ? presentLease(record, state.catalog) : undefined;
	}

	/**
	 * A carrier hands Opentact an SMS for one of our numbers: store it, then POST it to the callback
	 * URL of the profile the number's lease uses. Resolves when those deliveries are over.
	 */
	async function injectInbound(spec) {
		const { message, lease } = inbound.receive(spec);
		const named = lease.messaging_profile ? profiles.get(lease.messaging_profile) : undefined;
		// A number can only use its own account's profile; the fixture's foreign lease names ours.
		const profile = named?.account === lease.account ? named : undefined;
		const deliveries = await callbacks.deliver(message, profile);
		return { message, deliveries };
	}

	const save = () => ({ leases: state.save(), profiles: profiles.save(), inbound: inbound.save() });
	const restore = (saved) => {
		state.restore(saved.leases);
		profiles.restore(saved.profiles);
		inbound.restore(saved.inbound);
	};

	return {
		name: 'opentact',
		owns: (path) => path === '/rest' || path.startsWith('/rest/'),
		parseBody: (contentType, raw) => parseBody(contentType, raw),
		serve,
		failures: {
			status: (status) => failure(status),
			rateLimited: (seconds) =>
				failure(429, OPENTACT_RATE_LIMIT_MESSAGE, {}, retryAfterHeader(seconds)),
			expiredToken: (ctx) => auth.expirePresentedToken(ctx.headers),
			errorCode200: null,
		},
		/** Whether the request carries a token the 'expireToken' fault can expire (a login does not). */
		presentsToken: (ctx) => Boolean(ctx.headers['x-auth-token']),
		save,
		restore,
		expireTokens: auth.expireAll,
		reset() {
			load();
			auth.revokeAll();
			callbacks.reset();
			sms.resetRefusals();
		},
		injectInbound,
		callbacksSettled: callbacks.settled,
		/** On close: stop deliveries in flight. */
		stopCallbacks: callbacks.reset,
		secrets: [fixture.apiKey, fixture.user.password, auth.secret],
		view: {
			getLease,
			/** Words "already so" differently until sim.reset(), e.g. {smsAlreadyDisabled: {status: 404, message: 'Subscription not found'}}. */
			setRefusals: sms.setRefusals,
			/** Whether SMS is on; throws for an unknown lease so a typo in a test cannot pass as "off". */
			smsEnabled(tnOrUuid) {
				const record = state.find(tnOrUuid);
				if (!record) throw new Error(`no Opentact lease ${tnOrUuid} in the simulator`);
				return record.sms !== null;
			},
			/** A messaging profile in the API's shape, or undefined. */
			getProfile: profiles.get,
			profiles: profiles.all,
			/** Every inbound SMS stored (all accounts), in arrival order, in the API's shape. */
			inboundSms: inbound.all,
			/** Every callback POST attempt: {seq, at, message, to, target, url, duplicate, fault, status, outcome, error, durationMs}. */
			callbackDeliveries: callbacks.attempts,
		},
		snapshot: () => ({
			leases: state.save(),
			profiles: profiles.all(),
			inboundSms: inbound.all(),
		}),
	};
}

module.exports = { createOpentactApi };
