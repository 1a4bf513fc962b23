'use strict';

const crypto = require('node:crypto');
const { signJwt, verifyJwt } = require('./jwt');
const { success, failure } = require('./envelope');
const { OPENTACT_AUTH_MESSAGES, OPENTACT_AUTH_ACCEPTS_X_AUTH_TOKEN } = require('../assumed');

/**
 * FACT: GET /rest/auth with Basic email:password answers a JWT (HS256, 24 h by default); every
 * other call sends `X-Auth-Token: <JWT or 48-character API key>` with no "Bearer" prefix.
 * JWTs are valid only while this simulator remembers issuing them, so reset() revokes them all.
 */
function createOpentactAuth({ state, ttlSeconds, apiKey }) {
	// A new signing secret per run: a token from another run never validates here.
	const secret = crypto.randomBytes(32).toString('hex');
	const live = new Set();
	const expired = new Set();

	function issue() {
		const { user, account } = state.catalog;
		const iat = Math.floor(Date.now() / 1000);
		const jti = crypto.randomUUID();
		live.add(jti);
		const token = signJwt(
			{ sub: user.uuid, email: user.email, account: account.uuid, jti, iat, exp: iat + ttlSeconds },
			secret,
		);
		return { uuid: user.uuid, email: user.email, role: user.role, token, account: { ...account } };
	}

	/** The account behind X-Auth-Token, or the 401 to answer. */
	function authenticate(headers) {
		const token = headers['x-auth-token'];
		if (!token) return { denied: failure(401, OPENTACT_AUTH_MESSAGES.tokenMissing) };
		if (token === apiKey) return { account: state.catalog.account.uuid };
		const claims = verifyJwt(token, secret);
		if (!claims) return { denied: failure(401, OPENTACT_AUTH_MESSAGES.tokenInvalid) };
		if (expired.has(claims.jti) || claims.exp <= Date.now() / 1000) {
			return { denied: failure(401, OPENTACT_AUTH_MESSAGES.tokenExpired) };
		}
		if (!live.has(claims.jti)) return { denied: failure(401, OPENTACT_AUTH_MESSAGES.tokenInvalid) };
		return { account: claims.account };
	}

	/** GET /rest/auth: log in with Basic credentials, or (ASSUMED) confirm a token and hand out a JWT. */
	function login(ctx) {
		const authorization = ctx.headers.authorization ?? '';
		if (/^basic\s/i.test(authorization)) {
			return matchesUser(authorization)
				? success(issue())
				: failure(401, OPENTACT_AUTH_MESSAGES.loginFailed);
		}
		if (OPENTACT_AUTH_ACCEPTS_X_AUTH_TOKEN && ctx.headers['x-auth-token']) {
			const { denied } = authenticate(ctx.headers);
			return denied ?? success(issue());
		}
		return failure(401, OPENTACT_AUTH_MESSAGES.loginFailed);
	}

	function matchesUser(authorization) {
		const decoded = Buffer.from(authorization.replace(/^basic\s+/i, ''), 'base64').toString('utf8');
		const colon = decoded.indexOf(':');
		const { email, password } = state.catalog.user;
		return colon > 0 && decoded.slice(0, colon) === email && decoded.slice(colon + 1) === password;
	}

	/** The 'expireToken' fault: a presented JWT stays expired; an API key is refused just this once. */
	function expirePresentedToken(headers) {
		const claims = verifyJwt(headers['x-auth-token'] ?? '', secret);
		if (claims) {
			live.delete(claims.jti);
			expired.add(claims.jti);
		}
		return failure(401, OPENTACT_AUTH_MESSAGES.tokenExpired);
	}

	return {
		login,
		authenticate,
		expirePresentedToken,
		secret,
		/** sim.expireTokens(): every JWT issued so far answers 401 "expired" from now on. */
		expireAll() {
			for (const jti of live) expired.add(jti);
			live.clear();
		},
		/** sim.reset(): forget every JWT, as if the server had been redeployed. */
		revokeAll() {
			live.clear();
			expired.clear();
		},
	};
}

module.exports = { createOpentactAuth };
