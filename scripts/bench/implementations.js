'use strict';
// What each implementation runs in the benchmark: ours (this package's node) and the baseline
// (n8n's HTTP Request node, set up as a user would). The workflow file each runs, the node whose
// output is the job's result, the node that sends the first request, and its credentials.
const path = require('node:path');
const { loadWorkflowFixture } = require('../../harness');
const { opentactCredentials, twoSmsCredentials } = require('../../harness/simulatorCredentials');

const WORKFLOWS_DIR = {
	ours: path.join(__dirname, '..', 'lib', 'workflows'), // the soak and the real-n8n suite run them too
	baseline: path.join(__dirname, 'workflows'),
};
const WORKFLOWS = {
	ours: { opentact: 'ours-opentact-disable.json', twoSms: 'ours-twosms-remove.json' },
	baseline: { opentact: 'baseline-opentact-disable.json', twoSms: 'baseline-twosms-remove.json' },
};
// The node whose output is the job's result, and the first node that sends a request.
const RESULT_NODE = {
	ours: { opentact: 'Opentact', twoSms: '2sms' },
	baseline: { opentact: 'Disable SMS', twoSms: 'Remove from stop log' },
};
const FIRST_NODE = {
	ours: { opentact: 'Opentact', twoSms: '2sms' },
	baseline: { opentact: 'Look up lease', twoSms: 'Remove from stop log' },
};
const PLACEHOLDER_ORIGIN = 'http://127.0.0.1:8787';

/** The workflow `impl` runs for `job`, its simulator address replaced by `url`. */
function loadWorkflow(impl, job, url) {
	const file = path.join(WORKFLOWS_DIR[impl], WORKFLOWS[impl][job]);
	const text = JSON.stringify(loadWorkflowFixture(file)).split(PLACEHOLDER_ORIGIN).join(url);
	return JSON.parse(text);
}

/** A 2sms bearer token, as a user of the baseline obtains one by hand before the run. */
async function twoSmsToken(sim) {
	const { clientId, clientSecret } = sim.credentials.twoSms;
	const response = await fetch(`${sim.twoSmsBaseUrl}/Token`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({
			grant_type: 'client_credentials',
			client_id: clientId,
			client_secret: clientSecret,
		}).toString(),
	});
	if (!response.ok) throw new Error(`2sms /Token answered ${response.status}`);
	return (await response.json()).access_token;
}

async function credentialsFor(impl, job, sim) {
	if (impl === 'ours' && job === 'opentact') return { opentactApi: opentactCredentials(sim) };
	if (impl === 'ours') return { twoSmsApi: twoSmsCredentials(sim) };
	// The baseline: n8n's generic Header Auth credential, as a user sets it up. For 2sms the
	// user obtains a bearer token once (here: one POST /Token before the run) and pastes it.
	if (job === 'opentact') {
		return { httpHeaderAuth: { name: 'X-Auth-Token', value: sim.credentials.opentact.apiKey } };
	}
	return { httpHeaderAuth: { name: 'Authorization', value: `Bearer ${await twoSmsToken(sim)}` } };
}

module.exports = { loadWorkflow, credentialsFor, twoSmsToken, RESULT_NODE, FIRST_NODE };
