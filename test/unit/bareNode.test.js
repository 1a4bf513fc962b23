'use strict';
// The bench's bare node (`npm run bench -- --real-n8n --bare-node`, a diagnostic): a copy of the
// packed package whose Remove from Stop Log sends the same batches through n8n's helper and does
// nothing else. The copy must really run in n8n's engine and do the job (else the bench would time
// a node that fails fast), and a build it cannot patch must stop the bench rather than bench ours.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { runWorkflow, registerPackage } = require('../../harness');
const { REPO_ROOT } = require('../../harness/env');
const { bareVariant, OPERATION_FILE } = require('../../scripts/bench/bareNode');
const { checkDiagnostics } = require('../../scripts/bench/realN8n');
const { allScenarios } = require('../../scripts/bench/scenarios');
const { NODE, useSimulator, credentialsFor, stopLogWorkflow, stopLogRequests } = require('../twoSms/twoSmsTestKit');

const env = useSimulator();
let work;
beforeEach(() => {
	work = fs.mkdtempSync(path.join(os.tmpdir(), 'bare-node-test-'));
});
afterEach(() => {
	registerPackage(REPO_ROOT); // our own package again, for whatever runs next
	fs.rmSync(work, { recursive: true, force: true });
});

/** A tarball shaped as `npm pack` makes it (package/…) from the built package, `edit` applied to its Remove. */
function packBuilt(edit = (source) => source) {
	const stage = path.join(work, 'stage', 'package');
	fs.mkdirSync(stage, { recursive: true });
	fs.copyFileSync(path.join(REPO_ROOT, 'package.json'), path.join(stage, 'package.json'));
	fs.cpSync(path.join(REPO_ROOT, 'dist'), path.join(stage, 'dist'), { recursive: true });
	const operation = path.join(work, 'stage', OPERATION_FILE);
	fs.writeFileSync(operation, edit(fs.readFileSync(operation, 'utf8')));
	const tarball = path.join(work, 'n8n-nodes-opentact-2sms-0.1.0.tgz');
	execFileSync('tar', ['-czf', tarball, '-C', path.join(work, 'stage'), 'package']);
	return tarball;
}

function unpack(tarball) {
	const dir = path.join(work, 'unpacked');
	fs.mkdirSync(dir);
	execFileSync('tar', ['-xzf', tarball, '-C', dir]);
	// n8n provides n8n-workflow to the packages it loads; here it is this repository's.
	fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'package', 'node_modules'));
	return path.join(dir, 'package');
}

const uk = (index) => `+44 7700 900${String(100 + index).padStart(3, '0')}`;
const ukDigits = (index) => `447700900${String(100 + index).padStart(3, '0')}`;

test('runs in n8n\'s engine in place of our Remove: the same batches, every item answered in order with the outcome the stop log shows', async () => {
	const { sim } = env;
	const contacts = Array.from({ length: 250 }, (_, index) => ({ phone: uk(index), reason: 'Opted back in' }));
	const wasOn = contacts.map((_, index) => sim.state.twoSms.isOnStopLog(ukDigits(index)));
	expect(wasOn).toContain(true);

	const variant = bareVariant(packBuilt(), path.join(work, 'out'));
	expect(path.basename(variant)).toBe('n8n-nodes-opentact-2sms-0.1.0-bare.tgz');
	registerPackage(unpack(variant));
	const result = await runWorkflow(stopLogWorkflow('remove'), { credentials: credentialsFor(sim), input: contacts });

	expect(result.status).toBe('success');
	const items = result.items(NODE);
	expect(items.map((item) => item.pairedItem)).toEqual(contacts.map((_, item) => ({ item })));
	// The bare node's output (ours has many more fields: this proves the copy ran, not ours).
	expect(items.map((item) => item.json)).toEqual(
		contacts.map((_, index) => ({ phone: `+${ukDigits(index)}`, outcome: wasOn[index] ? 'removed' : 'notOnStopLog' })),
	);
	const requests = stopLogRequests(sim);
	expect(requests.map((request) => request.body.length)).toEqual([100, 100, 50]);
	// As ours: the first batch goes alone (its answer proves the token), the others after it.
	const answeredAt = Date.parse(requests[0].at) + requests[0].durationMs;
	expect(requests.slice(1).every((request) => Date.parse(request.at) >= answeredAt)).toBe(true);
	expect(requests[0].body[0]).toEqual({ Destination: ukDigits(0), Reason: 'Opted back in', SendConfirmation: false, ShortCode: null });
	expect(contacts.some((_, index) => sim.state.twoSms.isOnStopLog(ukDigits(index)))).toBe(false);
});

test('a build whose Remove does not call our operation exactly once is refused, not benched as the bare node', () => {
	const missing = packBuilt((source) => source.replace("changeStopLog)(this, 'remove')", "changeStopLog)(this, 'add')"));
	expect(() => bareVariant(missing, path.join(work, 'out'))).toThrow(/calls changeStopLog 0 times/);
	expect(fs.existsSync(path.join(work, 'out'))).toBe(false);
});

test('is refused with the Opentact jobs and the rate-limited ones (it replaces Remove only and retries nothing)', () => {
	const byName = (name) => allScenarios().find((scenario) => scenario.name === name);
	expect(() => checkDiagnostics([byName('twosms-remove-10000')], { bareNode: true })).not.toThrow();
	expect(() => checkDiagnostics([byName('opentact-disable-10000')], { bareNode: true })).toThrow(/--bare-node/);
	expect(() => checkDiagnostics([byName('twosms-remove-1000-rate50')], { bareNode: true })).toThrow(/rate50/);
});
