'use strict';

const { createRouter } = require('../http/router');
const { parseBody } = require('../http/body');
const { retryAfterHeader } = require('../http/respond');
const { failure, invalid } = require('./envelope');
const { createOpentactState } = require('./state');
const { createOpentactAuth } = require('./auth');
const { createLeaseHandlers } = require('./leases');
const { createSmsSubscriptionHandlers } = require('./smsSubscription');
const { presentLease } = require('./present');
const { OPENTACT_RATE_LIMIT_MESSAGE } = require('../assumed');

/** Opentact's REST API under /rest, as far as the nodes use it. */
function createOpentactApi({ fixture, tokenTtlSeconds, ids }) {
	const state = createOpentactState();
	state.load(fixture);
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
		save: state.save,
		restore: state.restore,
		expireTokens: auth.expireAll,
		reset() {
			state.load(fixture);
			auth.revokeAll();
			sms.resetRefusals();
		},
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
		},
		snapshot: () => ({ leases: state.save() }),
	};
}

module.exports = { createOpentactApi };
