'use strict';
// What the trigger acceptance tests (triggers.js) set up around a real n8n: the two trigger
// examples as a user configures them, a CRM stand-in on 127.0.0.1, and the simulator's controls
// (inject an inbound SMS, read a profile, set a profile's callback URL as its owner would).
const fs = require('node:fs');
const path = require('node:path');
const { REPO } = require('../../scripts/lib/pack');
const { CREDENTIAL_IDS, CREDENTIAL_NAMES } = require('../../harness/simulatorCredentials');
const { startCrm } = require('../../scripts/lib/crmStandIn');

/** The simulator's default messaging profile (no callback URL in the fixture); LINE uses it. */
const PROFILE = { uuid: 'd8ddc2c8-3e41-471f-83e7-3b2a771241f7', name: 'default messaging profile' };
const LINE = '12017771234';

const STOP = {
	file: 'stop-to-stop-log.json',
	id: 'trgStopToStopLog',
	trigger: 'STOP to an Opentact line',
};
const POLL = {
	file: 'twosms-stop-log-changed-crm.json',
	id: 'trgTwoSmsStopLog',
	trigger: '2sms stop log changed',
};

const readExample = (file) => JSON.parse(fs.readFileSync(path.join(REPO, 'examples', file), 'utf8'));
const credentialRef = (type) => ({ id: CREDENTIAL_IDS[type], name: CREDENTIAL_NAMES[type] });

/** examples/stop-to-stop-log.json with what its notes ask a user to fill in: the profile, the CRM. */
function stopWorkflow(crmUrl) {
	const workflow = readExample(STOP.file);
	for (const node of workflow.nodes) {
		if (node.name === STOP.trigger) {
			node.parameters.messagingProfile = { __rl: true, mode: 'list', value: PROFILE.uuid, cachedResultName: PROFILE.name };
			node.credentials = { opentactApi: credentialRef('opentactApi') };
		}
		if (node.type === 'n8n-nodes-opentact-2sms.twoSms') node.credentials = { twoSmsApi: credentialRef('twoSmsApi') };
		if (node.type === 'n8n-nodes-base.httpRequest') node.parameters.url = node.parameters.url.replace('https://crm.example.com', crmUrl);
	}
	return { ...workflow, id: STOP.id, name: `${workflow.name} (acceptance)` };
}

/** examples/twosms-stop-log-changed-crm.json polling every minute, n8n's shortest schedule. */
function pollWorkflow() {
	const workflow = readExample(POLL.file);
	const trigger = workflow.nodes.find((node) => node.name === POLL.trigger);
	trigger.parameters.pollTimes = { item: [{ mode: 'everyMinute' }] };
	trigger.credentials = { twoSmsApi: credentialRef('twoSmsApi') };
	return { ...workflow, id: POLL.id, name: `${workflow.name} (acceptance)` };
}

/** Writes both workflows for `n8n import:workflow --separate` and returns the folder. */
function writeTriggerWorkflows(workDir, crmUrl) {
	const dir = path.join(workDir, 'trigger-workflows');
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(path.join(dir, 'stop.json'), JSON.stringify(stopWorkflow(crmUrl), null, 2));
	fs.writeFileSync(path.join(dir, 'poll.json'), JSON.stringify(pollWorkflow(), null, 2));
	return dir;
}

/** The simulator's controls and the Opentact API as the profile's owner, over HTTP. */
function simulatorControls(sim) {
	const call = async (method, url, body, headers = {}) => {
		const response = await fetch(url, {
			method,
			headers: { 'content-type': 'application/json', ...headers },
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(60_000),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}: ${text.slice(0, 500)}`);
		return text ? JSON.parse(text) : undefined;
	};
	return {
		/** Plays the carrier: stores the SMS and POSTs it to the profile's callback URL; resolves once delivered. */
		opentactInbound: (body) => call('POST', `${sim.url}/__sim/opentact/inbound`, body),
		/** A reply to a 2sms short code; STOP puts the sender on its stop log. */
		twoSmsInbound: (body) => call('POST', `${sim.url}/__sim/twosms/inbound`, body),
		profile: async (uuid = PROFILE.uuid) => {
			const profiles = (await sim.state()).opentact.profiles;
			const found = profiles.find((entry) => entry.uuid === uuid);
			if (!found) throw new Error(`no profile ${uuid} in the simulator`);
			return found;
		},
		/** What a person does in the Opentact portal: point the profile at another system. */
		setCallbackUrl: (callbackUrl, uuid = PROFILE.uuid) =>
			call('PATCH', `${sim.opentactBaseUrl}/profile/messaging/${uuid}`, { callback_url: callbackUrl }, {
				'x-auth-token': sim.credentials.opentact.apiKey,
			}),
	};
}

/** The secret query parameter of a callback URL the trigger registered. */
const secretOf = (url) => new URL(url).searchParams.get('secret');

module.exports = { PROFILE, LINE, STOP, POLL, writeTriggerWorkflows, startCrm, simulatorControls, secretOf };
