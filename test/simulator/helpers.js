'use strict';

const { request } = require('undici');
const { startSimulator } = require('../../simulator');
const { loadDefaultFixture } = require('../../simulator/fixtures');

/**
 * One HTTP call, body read to the end. `json` sends a JSON body, `form` a form body, `body` raw.
 * Returns { status, headers, text, body (parsed JSON or undefined) }.
 */
async function call(url, { method = 'GET', headers = {}, json, form, body, ...rest } = {}) {
	const options = { method, headers: { ...headers }, ...rest };
	if (json !== undefined) {
		options.body = JSON.stringify(json);
		options.headers['content-type'] ??= 'application/json';
	}
	if (form !== undefined) {
		options.body = new URLSearchParams(form).toString();
		options.headers['content-type'] = 'application/x-www-form-urlencoded';
	}
	if (body !== undefined) options.body = body;
	const response = await request(url, options);
	const text = await response.body.text();
	let parsed;
	try {
		parsed = JSON.parse(text);
	} catch {
		parsed = undefined;
	}
	return { status: response.statusCode, headers: response.headers, text, body: parsed };
}

function basicAuth(user, password) {
	return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

async function opentactLogin(sim) {
	const { email, password } = sim.credentials.opentact;
	const answer = await call(`${sim.opentactBaseUrl}/auth`, {
		headers: { authorization: basicAuth(email, password) },
	});
	return answer.body.payload.token;
}

async function twoSmsToken(sim) {
	const { clientId, clientSecret } = sim.credentials.twoSms;
	const answer = await call(`${sim.twoSmsBaseUrl}/Token`, {
		method: 'POST',
		form: { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret },
	});
	return answer.body.access_token;
}

/** Calls to Opentact with the API key (or a given token): opentact(sim).get('/lease/tn/…'). */
function opentact(sim, token = sim.credentials.opentact.apiKey) {
	const send = (method, path, options = {}) =>
		call(`${sim.opentactBaseUrl}${path}`, {
			method,
			...options,
			headers: { 'x-auth-token': token, ...options.headers },
		});
	return {
		get: (path, options) => send('GET', path, options),
		post: (path, json, options) => send('POST', path, { json, ...options }),
		delete: (path, options) => send('DELETE', path, options),
	};
}

/** Calls to 2sms with a bearer token. */
function twoSms(sim, token) {
	const send = (method, path, options = {}) =>
		call(`${sim.twoSmsBaseUrl}${path}`, {
			method,
			...options,
			headers: { authorization: `Bearer ${token}`, ...options.headers },
		});
	return {
		get: (path, options) => send('GET', path, options),
		post: (path, json, options) => send('POST', path, { json, ...options }),
		delete: (path, json, options) => send('DELETE', path, { json, ...options }),
	};
}

/** The key structure of a JSON value (arrays by their first element), to compare shapes. */
function shapeOf(value) {
	if (Array.isArray(value)) return value.length === 0 ? [] : [shapeOf(value[0])];
	if (value && typeof value === 'object') {
		return Object.fromEntries(Object.keys(value).map((key) => [key, shapeOf(value[key])]));
	}
	return value === null ? 'null' : typeof value;
}

const DISABLE_SMS = '/lease/tn/number/subscription/sms';

module.exports = {
	call,
	basicAuth,
	opentactLogin,
	twoSmsToken,
	opentact,
	twoSms,
	shapeOf,
	startSimulator,
	loadDefaultFixture,
	DISABLE_SMS,
};
