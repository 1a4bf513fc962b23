'use strict';
// The bare node: the least a node can do for the 2sms job in real n8n and still send the same
// requests through n8n's helper. `--bare-node` (a diagnostic of the real-n8n bench) installs a
// copy of the packed package whose Remove from Stop Log runs `bareRemove` below instead of our
// operation: the same credential read once, the same sign-in, the same batches (Batch Size, 100 by
// default) and senders (Concurrency, 20 by default), the first batch alone as ours sends it. It
// reads each item's phone as bare digits and takes the answer's Status at its word: no checks, no
// read-back, no splitting of a refused batch, no retries. So what our node takes beyond this is
// what our checks cost, and what this takes is n8n's and the API's. It is never shipped.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

/**
 * Remove from Stop Log bare. `ctx` is n8n's execute context; `ours` is what it uses of the
 * package, required where the copy installs it (PACKAGE_PARTS): the credential read once, the
 * credential's type and check, the stop log's route and the one reading of a record's Status.
 */
async function bareRemove(ctx, ours) {
	const { withCredentialOnce, CREDENTIAL_TYPE, checkCredentials, STOP_LOG_PATH, readStatus } = ours;
	const items = ctx.getInputData();
	const options = ctx.getNodeParameter('options', 0, {});
	const batchSize = Math.max(1, Math.floor(Number(options.batchSize ?? 100)) || 100);
	const concurrency = Math.max(1, Math.floor(Number(options.concurrency ?? 20)) || 20);
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
	const { baseUrl } = checkCredentials(credentials);
	const sender = withCredentialOnce(ctx, CREDENTIAL_TYPE, credentials);

	const digits = items.map((item) => String(item.json.phone).replace(/[^0-9]/g, ''));
	const batches = [];
	for (let start = 0; start < items.length; start += batchSize) {
		batches.push(Array.from({ length: Math.min(batchSize, items.length - start) }, (_, offset) => start + offset));
	}
	const output = new Array(items.length);
	const send = async (batch) => {
		const body = batch.map((index) => ({
			Destination: digits[index],
			Reason: String(items[index].json.reason),
			SendConfirmation: false,
			ShortCode: null,
		}));
		const answer = await sender.helpers.httpRequestWithAuthentication(CREDENTIAL_TYPE, {
			method: 'DELETE',
			url: `${baseUrl}/${STOP_LOG_PATH}`,
			body,
			json: true,
		});
		const says = new Map();
		for (const record of answer?.ResponseData?.Detail?.Records ?? []) {
			says.set(String(record.Destination), readStatus('remove', record.Status));
		}
		for (const index of batch) {
			const said = says.get(digits[index]);
			const outcome = said === 'done' ? 'removed' : said === 'already' ? 'notOnStopLog' : 'unknown';
			output[index] = { json: { phone: `+${digits[index]}`, outcome }, pairedItem: { item: index } };
		}
	};
	if (batches.length > 0) await send(batches[0]); // as ours: the first answer proves the token
	let next = 1;
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < batches.length) await send(batches[next++]);
		}),
	);
	return [output];
}

/** Where the packed package keeps Remove from Stop Log, and the line of it that is replaced. */
const OPERATION_FILE = 'package/dist/nodes/TwoSms/actions/stopLog/remove.operation.js';
const OUR_CALL = "return await (0, change_1.changeStopLog)(this, 'remove');";
const BARE_CALL = "return await require('./bareRemove').bareRemove(this);";
/** The package's modules bareRemove uses, as required from beside the operation (OPERATION_FILE). */
const PACKAGE_PARTS = `{
	withCredentialOnce: require('../../../shared/credentialOnce').withCredentialOnce,
	CREDENTIAL_TYPE: require('../../transport/credential').CREDENTIAL_TYPE,
	checkCredentials: require('../../transport/credential').checkCredentials,
	STOP_LOG_PATH: require('../../transport/stopLog').STOP_LOG_PATH,
	readStatus: require('../../transport/answers').readStatus,
}`;

/**
 * A copy of `tarball` (what `npm pack` made) whose Remove from Stop Log is `bareRemove`, written
 * into `destination`; returns its path. Throws when the operation's compiled call to our code is
 * not there exactly once, so a changed build cannot silently bench our node as the bare one.
 */
function bareVariant(tarball, destination) {
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-bare-'));
	try {
		execFileSync('tar', ['-xzf', tarball, '-C', work]);
		const operation = path.join(work, OPERATION_FILE);
		const source = fs.readFileSync(operation, 'utf8');
		const found = source.split(OUR_CALL).length - 1;
		if (found !== 1) throw new Error(`${OPERATION_FILE} calls changeStopLog ${found} times, not once: the bare node cannot replace it`);
		fs.writeFileSync(operation, source.replace(OUR_CALL, BARE_CALL));
		fs.writeFileSync(
			path.join(path.dirname(operation), 'bareRemove.js'),
			`'use strict';\n// The bench's bare node (scripts/bench/bareNode.js), not this package's code.\n${bareRemove.toString()}\nconst ours = ${PACKAGE_PARTS};\nmodule.exports = { bareRemove: (ctx) => bareRemove(ctx, ours) };\n`,
		);
		fs.mkdirSync(destination, { recursive: true });
		const variant = path.join(destination, path.basename(tarball).replace(/\.tgz$/, '-bare.tgz'));
		execFileSync('tar', ['-czf', variant, '-C', work, 'package']);
		return variant;
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
}

module.exports = { bareRemove, bareVariant, OPERATION_FILE };
