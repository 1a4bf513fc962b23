'use strict';

const crypto = require('node:crypto');

/** HS256 JSON Web Tokens, as Opentact's GET /rest/auth issues them (FACT: HS256, exp - iat = TTL). */
function signJwt(claims, secret) {
	const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
	const body = base64url(JSON.stringify(claims));
	return `${header}.${body}.${signature(`${header}.${body}`, secret)}`;
}

/** The claims of a token signed with `secret`, or null if it is malformed or forged. */
function verifyJwt(token, secret) {
	const parts = String(token).split('.');
	if (parts.length !== 3) return null;
	const [header, body, given] = parts;
	const expected = Buffer.from(signature(`${header}.${body}`, secret));
	const presented = Buffer.from(given);
	if (presented.length !== expected.length || !crypto.timingSafeEqual(presented, expected))
		return null;
	try {
		return JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
	} catch {
		return null;
	}
}

function signature(input, secret) {
	return crypto.createHmac('sha256', secret).update(input).digest('base64url');
}

function base64url(text) {
	return Buffer.from(text, 'utf8').toString('base64url');
}

module.exports = { signJwt, verifyJwt };
