'use strict';
// The quick-start job: starts the embedded simulator, runs one workflow through n8n's real
// execution engine (n8n-core) that disables SMS on sample Opentact numbers and removes sample
// contacts from the 2sms stop log, then prints what happened to each number.
const path = require('node:path');
const { startSimulator } = require('../../simulator');
const { runWorkflow, createCredentialStore } = require('../../harness');
const { simulatorCredentials } = require('../../harness/simulatorCredentials');

// Written the way a CRM export holds them; one number is not leased, one is already off.
const SAMPLES = [
	{ retiredLine: '+1 201-777-1234', optedInContact: '07700 900101' },
	{ retiredLine: '(201) 777-1235', optedInContact: '+44 7700 900102' },
	{ retiredLine: '12015550101', optedInContact: '447700900104' },
	{ retiredLine: '201.555.0199', optedInContact: '07700 900999' },
];

function table(rows, columns) {
	const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? '').length)));
	const line = (cells) => cells.map((cell, i) => String(cell ?? '').padEnd(widths[i])).join('  ');
	return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(columns.map((c) => r[c])))].join('\n');
}

/** A refused request, in the words of the item it belongs to: a 4xx here is an answer, not a crash. */
function whyRefused(request) {
	if (request.status === null || request.status < 400) return undefined;
	if (request.method === 'DELETE' && request.path.endsWith('/subscription/sms') && request.status === 404) {
		return 'no SMS subscription on that lease: SMS was already off, so that item reads alreadyDisabled';
	}
	if (request.path.startsWith('/rest/lease/tn/') && request.status === 404) return 'not a number this account leases: that item is an error';
	return 'refused: that item is an error, with the provider\'s words';
}

async function main() {
	const sim = await startSimulator();
	try {
		const credentialStore = createCredentialStore(simulatorCredentials(sim, { opentact: 'emailPassword' }));
		const started = Date.now();
		const result = await runWorkflow(path.join(__dirname, 'workflow.json'), {
			credentialStore,
			input: SAMPLES.map((json) => ({ json })),
		});
		const seconds = ((Date.now() - started) / 1000).toFixed(2);
		console.log(`Simulator on ${sim.url}; workflow ${result.status} in ${seconds} s\n`);

		const shorten = (text) => (text && text.length > 70 ? `${text.slice(0, 67)}...` : text);
		console.log('Opentact: Disable SMS on retired lines');
		const disabled = result.items('Disable SMS on retired lines').map((item) => ({
			input: SAMPLES[item.pairedItem.item].retiredLine,
			phoneNumber: item.json.phoneNumber,
			outcome: item.json.outcome ?? 'error',
			smsEnabled: item.json.smsEnabled,
			detail: shorten(item.json.error) ?? item.json.tnLeaseId,
		}));
		console.log(table(disabled, ['input', 'phoneNumber', 'outcome', 'smsEnabled', 'detail']));

		console.log('\n2sms: Remove opted-in contacts from the stop log (short code 60777)');
		const removed = result.items('Remove opted-in contacts from the stop log').map((item) => ({
			input: SAMPLES[item.pairedItem.item].optedInContact,
			phoneNumber: item.json.phoneNumber,
			outcome: item.json.outcome ?? 'error',
			status: item.json.status,
			detail: shorten(item.json.error) ?? `credits left ${item.json.creditsRemaining}`,
		}));
		console.log(table(removed, ['input', 'phoneNumber', 'outcome', 'status', 'detail']));

		const sent = sim.requests().filter((r) => r.api !== 'admin');
		console.log(`\nThe simulator received ${sent.length} requests:`);
		for (const r of sent) {
			const why = whyRefused(r);
			console.log(`  ${r.method} ${r.path}${Object.keys(r.query).length ? `?${new URLSearchParams(r.query)}` : ''} -> ${r.status}${why ? `  (${why})` : ''}`);
		}
		console.log('\nRun it again: the simulator starts fresh each time. A re-run against the same state would report alreadyDisabled / notOnStopLog.');
		if (result.status !== 'success') process.exitCode = 1;
	} finally {
		await sim.close();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
