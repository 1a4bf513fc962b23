'use strict';
// What `npm run n8n` prints for a person's first hour: the credential values to create a
// credential by hand (the same block `npm run simulator` prints), and for each published webhook
// example its production and test URLs with a curl whose body the example answers with success.
// The bodies are run through the examples themselves (engine harness, simulator over HTTP).
const { spawn } = require('node:child_process');
const path = require('node:path');
const { runWorkflow, webhookRequest } = require('../../harness');
const { startSimulator } = require('../../simulator');
const { credentialBlock } = require('../../simulator/cli');
const { launchInstructions, curlCommand } = require('../../scripts/n8n/launch');
const { exampleWorkflows } = require('../../scripts/n8n/stack');
const { n8nCredentialImport } = require('../../harness/simulatorCredentials');

const N8N_URL = 'http://127.0.0.1:5678';
const CLI = path.join(__dirname, '..', '..', 'simulator', 'cli.js');

let sim;
beforeAll(async () => {
	sim = await startSimulator();
});
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());

const printed = ({ env = {}, examples = exampleWorkflows() } = {}) =>
	launchInstructions({ version: '2.41.1', n8nUrl: N8N_URL, sim, examples, logFile: '/tmp/n8n.log', env });

/** The curl lines printed under one example, as { method, url, body } (body parsed back from the shell quoting). */
function curlsUnder(text, example) {
	const lines = text.split('\n');
	const start = lines.indexOf(`  ${example.name}`);
	expect(start).toBeGreaterThanOrEqual(0);
	const end = lines.findIndex((line, index) => index > start && /^ {2}\S/.test(line));
	return lines
		.slice(start, end === -1 ? undefined : end)
		.map((line) => line.trim())
		.filter((line) => line.startsWith('curl '))
		.map((line) => {
			const prefix = /^curl -X ([A-Z]+) (\S+) -H 'content-type: application\/json' -d '/.exec(line);
			expect(prefix).not.toBeNull();
			expect(line.endsWith("'")).toBe(true);
			const json = line.slice(prefix[0].length, -1).replaceAll("'\\''", "'");
			return { method: prefix[1], url: prefix[2], body: JSON.parse(json) };
		});
}

/** Runs an example workflow on the webhook body, with the credentials the launcher imports. */
async function fireExample(example, body) {
	const credentials = Object.fromEntries(n8nCredentialImport(sim).map(({ type, data }) => [type, data]));
	return await runWorkflow(`examples/${example.file}`, {
		credentials,
		input: [webhookRequest({ body, path: example.webhookPath })],
	});
}

/** Starts `node simulator/cli.js --port 0` and returns what it printed up to "Ctrl+C". */
async function simulatorCliBanner() {
	const child = spawn(process.execPath, [CLI, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
	try {
		return await new Promise((resolve, reject) => {
			let output = '';
			child.stdout.on('data', (chunk) => {
				output += chunk;
				if (output.includes('Ctrl+C')) resolve(output);
			});
			child.on('exit', (code) => reject(new Error(`simulator CLI exited early (${code}): ${output}`)));
		});
	} finally {
		child.kill('SIGTERM');
	}
}

test('npm run n8n prints the credential values to paste, the same block npm run simulator prints', async () => {
	const text = printed();
	expect(text).toContain(credentialBlock(sim));

	const banner = await simulatorCliBanner();
	const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)[1];
	const cliSim = { ...sim, url, opentactBaseUrl: `${url}/rest`, twoSmsBaseUrl: url };
	expect(banner).toContain(credentialBlock(cliSim));
});

test("the block gives Opentact's base URL with /rest and 2sms's without, and every secret a form asks for", () => {
	const lines = credentialBlock(sim).split('\n');
	const value = (label) => lines.filter((line) => line.startsWith(`  ${label} `)).map((line) => line.slice(label.length + 2).trim());
	expect(value('Base URL')).toEqual([`${sim.url}/rest`, 'Custom']);
	expect(value('Custom Base URL')).toEqual([sim.url]);
	expect(value('Environment')).toEqual(['Custom']);
	expect(value('API Key')).toEqual([sim.credentials.opentact.apiKey]);
	expect(value('Email')).toEqual([sim.credentials.opentact.email]);
	expect(value('Password')).toEqual([sim.credentials.opentact.password]);
	expect(value('Client ID')).toEqual([sim.credentials.twoSms.clientId]);
	expect(value('Client Secret')).toEqual([sim.credentials.twoSms.clientSecret]);
});

describe('every published webhook example', () => {
	const webhookExamples = exampleWorkflows().filter((example) => example.webhookPath);

	test('there is at least one (the CRM example), so the checks below run', () => {
		expect(webhookExamples.map((example) => example.file)).toContain('crm-webhook-disable-sms.json');
	});

	test.each(webhookExamples.map((example) => [example.file, example]))(
		'%s: a production and a test URL, each with a curl whose body the example answers with success',
		async (_file, example) => {
			const curls = curlsUnder(printed(), example);
			expect(curls.map(({ method, url }) => [method, url])).toEqual([
				[example.webhookMethod, `${N8N_URL}/webhook/${example.webhookPath}`],
				[example.webhookMethod, `${N8N_URL}/webhook-test/${example.webhookPath}`],
			]);
			expect(curls[1].body).toEqual(curls[0].body);

			const result = await fireExample(example, curls[0].body);
			expect(result.status).toBe('success');
			expect(result.responses).toHaveLength(1);
			expect(result.responses[0].statusCode).toBe(200);
		},
	);
});

test('the CRM curl disables SMS on the line and opts the contact back in, and says what a second call answers', async () => {
	const example = exampleWorkflows().find((entry) => entry.file === 'crm-webhook-disable-sms.json');
	const text = printed();
	const [{ body }] = curlsUnder(text, example);
	expect(body).toEqual(expect.objectContaining({ phone: expect.any(String), contact: expect.any(String) }));

	const first = await fireExample(example, body);
	expect(first.responses[0].body).toMatchObject({
		line: { phoneNumber: '+12017771234', smsEnabled: false, outcome: 'disabled' },
		contact: { phoneNumber: '+447700900101', outcome: 'removed' },
	});
	expect(sim.state.opentact.smsEnabled('12017771234')).toBe(false);
	expect(sim.state.twoSms.isOnStopLog('447700900101')).toBe(false);

	const again = await fireExample(example, body);
	expect(again.responses[0].statusCode).toBe(200);
	expect(again.responses[0].body.line.outcome).toBe('alreadyDisabled');
	expect(again.responses[0].body.contact.outcome).toBe('notOnStopLog');
	expect(text).toContain('the same call again answers "alreadyDisabled" and "notOnStopLog"');
	expect(text).toContain(`POST ${sim.url}/__sim/reset restores the seed state`);
});

test('the webhook URLs follow N8N_ENDPOINT_WEBHOOK and N8N_ENDPOINT_WEBHOOK_TEST, as n8n itself does', () => {
	const example = exampleWorkflows().find((entry) => entry.webhookPath);
	const curls = curlsUnder(printed({ env: { N8N_ENDPOINT_WEBHOOK: 'hooks', N8N_ENDPOINT_WEBHOOK_TEST: 'hooks-test' } }), example);
	expect(curls.map(({ url }) => url)).toEqual([
		`${N8N_URL}/hooks/${example.webhookPath}`,
		`${N8N_URL}/hooks-test/${example.webhookPath}`,
	]);
});

test('a webhook example with no sample body stops the launcher naming the file, rather than printing a curl that fails', () => {
	const orphan = { file: 'new-webhook.json', id: 'exnewwebhook0000', name: 'New webhook', webhookPath: 'new', webhookMethod: 'POST' };
	expect(() => printed({ examples: [orphan] })).toThrow(/new-webhook\.json/);
});

test('a value with a single quote stays one shell word in the printed curl', () => {
	const line = curlCommand('POST', `${N8N_URL}/webhook/x`, { customerId: "O'Brien" });
	expect(line).toBe(`curl -X POST ${N8N_URL}/webhook/x -H 'content-type: application/json' -d '{"customerId":"O'\\''Brien"}'`);
});
