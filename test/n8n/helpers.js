'use strict';
// Reading what real n8n prints and returns, for the acceptance tests.

/** The run data JSON `n8n execute --rawOutput` prints after its log lines. */
function parseExecuteOutput(output) {
	const lines = output.split('\n');
	const start = lines.lastIndexOf('{');
	const end = lines.lastIndexOf('}');
	if (start === -1 || end < start)
		throw new Error(`no execution JSON in the output of n8n execute:\n${output.slice(-4000)}`);
	return JSON.parse(lines.slice(start, end + 1).join('\n'));
}

/** Items (json only) one node put out on `output` in its last run. */
function nodeItems(run, nodeName, output = 0) {
	const runs = run.data.resultData.runData[nodeName];
	if (!runs)
		throw new Error(
			`node "${nodeName}" did not run; ran: ${Object.keys(run.data.resultData.runData).join(', ')}`,
		);
	const last = runs[runs.length - 1];
	if (last.error) throw new Error(`node "${nodeName}" failed: ${last.error.message}`);
	return (last.data?.main?.[output] ?? []).map((item) => item.json);
}

function leaseByTn(state, tn) {
	const lease = state.opentact.leases.find((entry) => String(entry.tn) === String(tn));
	if (!lease) throw new Error(`no lease ${tn} in the simulator`);
	return lease;
}

const smsEnabled = (state, tn) =>
	leaseByTn(state, tn).sms !== null && leaseByTn(state, tn).sms !== undefined;

const stopLogNumbers = (state) => state.twoSms.stopLog.map((entry) => entry.Destination);

module.exports = { parseExecuteOutput, nodeItems, smsEnabled, stopLogNumbers };
