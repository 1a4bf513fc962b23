'use strict';
// Small servers on 127.0.0.1 that answer what our simulator never would (redirects, echoes of
// our secrets, HTML, refusals of every token), and the workflows and credentials pointing at
// them. Nothing here leaves 127.0.0.1.
const http = require('node:http');
const https = require('node:https');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { runWorkflow, loadWorkflowFixture } = require('../../harness');

/**
 * Starts a server whose `handler(request, reply)` decides each answer; every request is recorded
 * with its headers and body. `reply(status, body, headers)`: an object body is sent as JSON.
 */
async function startServer(handler, { tls } = {}) {
	const requests = [];
	const listener = (req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			const request = {
				method: req.method,
				url: req.url,
				path: req.url.split('?')[0],
				headers: req.headers,
				body: Buffer.concat(chunks).toString('utf8'),
			};
			requests.push(request);
			const reply = (status, body = '', headers = {}) => {
				const text = typeof body === 'string' ? body : JSON.stringify(body);
				const type = typeof body === 'string' ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8';
				res.writeHead(status, { 'content-type': type, ...headers });
				res.end(text);
			};
			Promise.resolve(handler(request, reply)).catch((error) => {
				res.writeHead(500);
				res.end(String(error));
			});
		});
	};
	const server = tls ? https.createServer(tls, listener) : http.createServer(listener);
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address();
	const origin = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
	return {
		origin,
		port,
		requests,
		/** Everything the server received, as one text (to look for secrets in). */
		received: () => JSON.stringify(requests),
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections?.();
				server.close(() => resolve());
			}),
	};
}

/** A port nothing listens on (taken and released again). */
async function closedPort() {
	const server = http.createServer();
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address();
	await new Promise((resolve) => server.close(resolve));
	return port;
}

/**
 * A self-signed certificate for 127.0.0.1, made with the openssl command for this test run (no
 * key is kept in the repository); undefined when openssl is not installed.
 */
function selfSignedCertificate() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trust-tls-'));
	try {
		execFileSync(
			'openssl',
			['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'key.pem', '-out', 'cert.pem', '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
			{ cwd: dir, stdio: 'ignore' },
		);
		return { key: fs.readFileSync(path.join(dir, 'key.pem')), cert: fs.readFileSync(path.join(dir, 'cert.pem')) };
	} catch {
		return undefined;
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

// Recognisable credential values: a test finds them wherever they leak.
const SECRETS = {
	apiKey: 'apiKeyRecognisable0123456789abcdefghijklmnopqrstu',
	email: 'compliance.officer@example.test',
	password: 'password-Recognisable-4711',
	clientId: 'client-id-Recognisable-0815',
	clientSecret: 'client-secret-Recognisable-2342',
};

const opentactApiKey = (baseUrl, overrides = {}) => ({
	environment: 'custom',
	baseUrl,
	authentication: 'apiKey',
	apiKey: SECRETS.apiKey,
	...overrides,
});

const opentactEmail = (baseUrl, overrides = {}) => ({
	environment: 'custom',
	baseUrl,
	authentication: 'emailPassword',
	email: SECRETS.email,
	password: SECRETS.password,
	...overrides,
});

const twoSms = (customBaseUrl, overrides = {}) => ({
	baseUrl: 'custom',
	customBaseUrl,
	clientId: SECRETS.clientId,
	clientSecret: SECRETS.clientSecret,
	...overrides,
});

/** The Opentact fixture workflow `name` with node settings (continueOnFail, onError) and options. */
function opentactFlow(name, { node = {}, options = {}, parameters = {} } = {}) {
	const workflow = loadWorkflowFixture(`test/workflows/opentact/${name}.json`);
	const target = workflow.nodes.find((candidate) => candidate.name === 'Opentact');
	Object.assign(target, node);
	Object.assign(target.parameters, parameters);
	target.parameters.options = { maxRetries: 1, ...target.parameters.options, ...options };
	return workflow;
}

/** The 2sms fixture workflow for `operation` (remove, add, check) with node settings and options. */
function twoSmsFlow(operation, { node = {}, options = {}, parameters = {} } = {}) {
	const files = { remove: 'remove-from-stop-log', add: 'add-to-stop-log', check: 'check-stop-log' };
	const workflow = loadWorkflowFixture(`test/workflows/twoSms/${files[operation]}.json`);
	const target = workflow.nodes.find((candidate) => candidate.name === '2sms');
	Object.assign(target, node);
	Object.assign(target.parameters, parameters);
	target.parameters.options = { maxRetries: 1, ...target.parameters.options, ...options };
	return workflow;
}

const runOpentact = async (name, credentials, input, settings) =>
	await runWorkflow(opentactFlow(name, settings), { credentials: { opentactApi: credentials }, input: input.map((json) => ({ json })) });

const runTwoSms = async (operation, credentials, input, settings) =>
	await runWorkflow(twoSmsFlow(operation, settings), { credentials: { twoSmsApi: credentials }, input: input.map((json) => ({ json })) });

/** Everything a user, a log or the database could see of a run, as one text. */
function visibleText(result) {
	const seen = new WeakSet();
	const safe = (_key, value) => {
		if (typeof value === 'object' && value !== null) {
			if (seen.has(value)) return '[circular]';
			seen.add(value);
		}
		return value;
	};
	const { error } = result;
	return [
		JSON.stringify(result.run.data, safe),
		error ? [error.message, error.description, JSON.stringify(error, safe), error.stack].join('\n') : '',
	].join('\n');
}

const errorsOf = (items) => items.map((item) => item.json.error);

module.exports = {
	startServer,
	closedPort,
	selfSignedCertificate,
	SECRETS,
	opentactApiKey,
	opentactEmail,
	twoSms,
	opentactFlow,
	twoSmsFlow,
	runOpentact,
	runTwoSms,
	visibleText,
	errorsOf,
};
