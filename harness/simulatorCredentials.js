'use strict';
// Credentials pointing at the simulator, written once in the shapes each user needs: credential
// data per type for the engine harness (tests, demo, bench, soak), and the list
// `n8n import:credentials` reads for real n8n (the launcher and the acceptance suite).
//
// `sim` is any simulator handle: startSimulator() in this process, startSimulatorProcess() in
// scripts/lib/simulatorProcess.js, or the ready message of the bench's simulator process. All of
// them carry opentactBaseUrl (with /rest), twoSmsBaseUrl (the host root) and the fixture's
// `credentials` ({ opentact: { apiKey, email, password }, twoSms: { clientId, clientSecret } }).

/**
 * The opentactApi credential's data. `authentication`: 'apiKey' (default) or 'emailPassword'
 * (a token that expires and is renewed, as Opentact's 24-hour token is); any other field given
 * replaces the simulator's value, e.g. { password: 'wrong-password' }.
 */
function opentactCredentials(sim, { authentication = 'apiKey', ...overrides } = {}) {
	const { opentact } = sim.credentials;
	const secrets =
		authentication === 'emailPassword'
			? { email: opentact.email, password: opentact.password }
			: { apiKey: opentact.apiKey };
	return { environment: 'custom', baseUrl: sim.opentactBaseUrl, authentication, ...secrets, ...overrides };
}

/** The twoSmsApi credential's data; `overrides` replace fields, e.g. { clientSecret: 'wrong' }. */
function twoSmsCredentials(sim, overrides = {}) {
	const { clientId, clientSecret } = sim.credentials.twoSms;
	return { baseUrl: 'custom', customBaseUrl: sim.twoSmsBaseUrl, clientId, clientSecret, ...overrides };
}

/**
 * Both credentials by type, as runWorkflow's `credentials` and createCredentialStore take them.
 * `opentact`: the Opentact sign-in, 'apiKey' (default) or 'emailPassword'.
 */
function simulatorCredentials(sim, { opentact = 'apiKey' } = {}) {
	return {
		opentactApi: opentactCredentials(sim, { authentication: opentact }),
		twoSmsApi: twoSmsCredentials(sim),
	};
}

/** Fixed ids and names, so imported workflows can name them and a re-import replaces them. */
const CREDENTIAL_IDS = Object.freeze({ opentactApi: 'opentactSim00001', twoSmsApi: 'twoSmsSim0000001' });
const CREDENTIAL_NAMES = Object.freeze({ opentactApi: 'Opentact account', twoSmsApi: '2sms account' });

/** Both credentials as `n8n import:credentials` reads them (data in plain text; n8n encrypts it). */
function n8nCredentialImport(sim, options) {
	return Object.entries(simulatorCredentials(sim, options)).map(([type, data]) => ({
		id: CREDENTIAL_IDS[type],
		name: CREDENTIAL_NAMES[type],
		type,
		data,
	}));
}

module.exports = {
	opentactCredentials,
	twoSmsCredentials,
	simulatorCredentials,
	n8nCredentialImport,
	CREDENTIAL_IDS,
	CREDENTIAL_NAMES,
};
