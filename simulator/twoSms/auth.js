'use strict';

const crypto = require('node:crypto');
const { jsonResponse } = require('../http/respond');
const { TWO_SMS_TOKEN_ERRORS, TWO_SMS_DENIED } = require('../assumed');

/**
 * FACT: OAuth2 client credentials. POST /Token with a form body answers a bearer token that
 * lives 8 h by default; API calls send `Authorization: Bearer <token>`. Tokens are opaque, as
 * ASP.NET's are, and valid only while this simulator remembers issuing them.
 */
function createTwoSmsAuth({ account, ttlSeconds }) {
	const live = new Map(); // token -> expiry (ms since epoch)
	const expired = new Set();

	/** POST /Token; the client may also authenticate with Basic client_id:client_secret. */
	function issueToken(ctx) {
		if (ctx.body.type !== 'form') return jsonResponse(400, TWO_SMS_TOKEN_ERRORS.invalidRequest);
		const form = ctx.body.value;
		if (form.grant_type !== 'client_credentials')
			return jsonResponse(400, TWO_SMS_TOKEN_ERRORS.unsupportedGrantType);
		const client = basicClient(ctx.headers.authorization) ?? {
			id: form.client_id,
			secret: form.client_secret,
		};
		if (client.id !== account.clientId || client.secret !== account.clientSecret) {
			return jsonResponse(400, TWO_SMS_TOKEN_ERRORS.invalidClient);
		}
		const token = crypto.randomBytes(32).toString('base64url');
		live.set(token, Date.now() + ttlSeconds * 1000);
		return jsonResponse(
			200,
			{ access_token: token, token_type: 'bearer', expires_in: ttlSeconds },
			{ 'cache-control': 'no-cache', pragma: 'no-cache' },
		);
	}

	/** { denied } with the 401 to answer, or {} when the bearer token is live. */
	function authenticate(headers) {
		const token = bearerToken(headers.authorization);
		const expiry = token && live.get(token);
		if (!expiry || expiry <= Date.now()) return { denied: denied() };
		return {};
	}

	/** The 'expireToken' fault: the presented token stays expired from now on. */
	function expirePresentedToken(headers) {
		const token = bearerToken(headers.authorization);
		if (token && live.delete(token)) expired.add(token);
		return denied();
	}

	return {
		issueToken,
		authenticate,
		expirePresentedToken,
		denied,
		expireAll() {
			for (const token of live.keys()) expired.add(token);
			live.clear();
		},
		revokeAll() {
			live.clear();
			expired.clear();
		},
	};
}

function denied() {
	return jsonResponse(401, TWO_SMS_DENIED, { 'www-authenticate': 'Bearer' });
}

function bearerToken(authorization) {
	const found = /^bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
	return found ? found[1] : null;
}

function basicClient(authorization) {
	const found = /^basic\s+(\S+)\s*$/i.exec(authorization ?? '');
	if (!found) return null;
	const decoded = Buffer.from(found[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	return colon < 0 ? null : { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

module.exports = { createTwoSmsAuth };
