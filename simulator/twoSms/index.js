'use strict';

const http = require('node:http');
const { createRouter } = require('../http/router');
const { parseBody } = require('../http/body');
const { jsonResponse, retryAfterHeader } = require('../http/respond');
const { parseStopLogRecordsXml } = require('./xml');
const { successEnvelope, failureEnvelope, reply } = require('./envelope');
const { createTwoSmsState } = require('./state');
const { createTwoSmsAuth } = require('./auth');
const { createStopLogHandlers } = require('./stopLog');
const { createStopLogSearch, contactDigits } = require('./stopLogSearch');
const { createTwoSmsInbound } = require('./inbound');
const { createInboundReport } = require('./inboundReport');
const { destinationDigits } = require('./records');
const { TWO_SMS_ERROR_CODES, TWO_SMS_XML_NAMES } = require('../assumed');

/** The 2sms API (ASP.NET Web API): /Token and /api/v1|v2/... off the host root. */
function createTwoSmsApi({ fixture, tokenTtlSeconds, ids }) {
	const account = fixture;
	const state = createTwoSmsState();
	state.load(fixture);
	const auth = createTwoSmsAuth({ account, ttlSeconds: tokenTtlSeconds });
	const stopLog = createStopLogHandlers({ state, account, ids });
	const inbound = createTwoSmsInbound({ state, account, ids });

	/** GET api/v1/sms/templates: the credential test's cheap read-only call. */
	const templates = (ctx) =>
		reply(
			ctx,
			200,
			successEnvelope(account.userId, { Templates: account.templates ?? [] }),
			TWO_SMS_XML_NAMES.templates,
		);

	// ASP.NET routes are case-insensitive.
	const router = createRouter(
		[
			{ route: 'POST /Token', handle: auth.issueToken, public: true },
			{ route: 'DELETE /api/v1/addressbook/stoplog', handle: stopLog.remove },
			{ route: 'POST /api/v1/addressbook/stoplog', handle: stopLog.add },
			{ route: 'GET /api/v2/addressbook/stoplog', handle: createStopLogSearch({ state, account }) },
			{ route: 'GET /api/v1/sms/templates', handle: templates },
			{
				route: 'GET /api/v1/reports/standard/inbound',
				handle: createInboundReport({ inbound, account }),
			},
		],
		{ caseInsensitive: true },
	);

	function serve(ctx) {
		const found = router.find(ctx.method, ctx.path);
		if (!found) {
			const Message = `No HTTP resource was found that matches the request URI '${ctx.path}'.`;
			return jsonResponse(404, { Message });
		}
		const { entry, params } = found;
		if (!entry.public) {
			const { denied } = auth.authenticate(ctx.headers);
			if (denied) return denied;
		}
		return entry.handle({ ...ctx, params });
	}

	const fail = (ctx, status, code, reason, headers) =>
		reply(
			ctx,
			status,
			failureEnvelope(account.userId, code, reason),
			TWO_SMS_XML_NAMES.error,
			headers,
		);

	/** A fault's bare HTTP status as 2sms would send it: 401 as ASP.NET does, anything else enveloped. */
	function statusFailure(status, ctx) {
		if (status === 401) return auth.denied();
		const code =
			status >= 500 ? TWO_SMS_ERROR_CODES.internalError : TWO_SMS_ERROR_CODES.invalidRequest;
		return fail(ctx, status, code, http.STATUS_CODES[status] ?? 'Error');
	}

	/** A stop-log destination as the API keys it; shortCode absent = the account's default (as in the API). */
	const keyOf = (destination, shortCode) => [
		destinationDigits(destination),
		shortCode ?? account.defaultShortCode,
	];

	return {
		name: 'twoSms',
		owns: () => true,
		parseBody: (contentType, raw) =>
			parseBody(contentType, raw, { parseXml: parseStopLogRecordsXml }),
		serve,
		failures: {
			status: statusFailure,
			rateLimited: (seconds, ctx) =>
				fail(
					ctx,
					429,
					TWO_SMS_ERROR_CODES.tooManyRequests,
					`Rate limit exceeded; retry after ${seconds} s`,
					retryAfterHeader(seconds),
				),
			expiredToken: (ctx) => auth.expirePresentedToken(ctx.headers),
			errorCode200: (ctx, fault) => fail(ctx, 200, fault.errorCode, fault.errorReason),
		},
		/** Whether the request carries a token the 'expireToken' fault can expire (a login does not). */
		presentsToken: (ctx) => /^bearer\s+\S/i.test(String(ctx.headers.authorization ?? '')),
		save: state.save,
		restore: state.restore,
		expireTokens: auth.expireAll,
		reset() {
			state.load(fixture);
			inbound.load();
			auth.revokeAll();
		},
		/** A person texts one of the account's short codes or inbound numbers (STOP & co. reach the stop log). */
		injectInbound: inbound.receive,
		addContact(spec) {
			if (!spec || typeof spec !== 'object' || typeof spec.MobilePhone !== 'string') {
				throw new TypeError('a contact needs a MobilePhone (text)');
			}
			const contact = {
				ContactID: `sim-contact-${state.contacts().length + 1}-${contactDigits(spec)}`,
				FirstName: null,
				LastName: null,
				EmailAddress: null,
				AddressBookGroupID: null,
				PersonNumber: null,
				...spec,
			};
			state.addContact(contact);
			return { ...contact };
		},
		removeContact: (number) => {
			const digits = contactDigits({ MobilePhone: String(number) });
			return state.removeContacts((contact) => contactDigits(contact) === digits);
		},
		secrets: [fixture.clientSecret],
		view: {
			isOnStopLog: (destination, shortCode) => state.has(...keyOf(destination, shortCode)),
			credits: () => state.credits,
			stopLog: () => state.entries().map((entry) => ({ ...entry })),
			/** The address book, in the order contacts were added. */
			addressBook: () => state.contacts().map((contact) => ({ ...contact })),
			/** Every inbound message received, in arrival order: {id, to, from, message, at, reference}. */
			inbound: inbound.all,
		},
		snapshot: () => ({ ...state.save(), inbound: inbound.all() }),
	};
}

module.exports = { createTwoSmsApi };
