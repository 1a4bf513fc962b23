'use strict';
// n8n's scanner lints a published package with inline configuration ignored, so an
// `eslint-disable` comment that quiets `npm run lint` does not quiet the scanner. `npm run
// lint:scanner` lints the same way; here it must catch a finding hidden behind such a comment,
// in a copy of the sources, where `npm run lint` lets it through.
const fs = require('node:fs');
const path = require('node:path');
const { freshCopy, run } = require('./helpers');

const PROBE = 'nodes/shared/hiddenFinding.ts';
const PROBE_SOURCE = [
	'export function hiddenFinding(): string {',
	'\t// eslint-disable-next-line no-console',
	"\tconsole.log('a finding n8n\\'s scanner reports');",
	"\treturn 'probe';",
	'}',
	'',
].join('\n');

let copy;
beforeAll(() => {
	copy = freshCopy();
	fs.writeFileSync(path.join(copy.dir, PROBE), PROBE_SOURCE);
});
afterAll(() => copy?.remove());

test('npm run lint:scanner fails on a finding an eslint-disable comment hides, naming the file and the rule', async () => {
	const scanned = await run('npm', ['run', 'lint:scanner'], { cwd: copy.dir });
	expect(scanned.code).not.toBe(0);
	// The probe's console.log is the only finding: nothing else in the copy fails.
	expect(scanned.stdout).toContain(PROBE);
	expect(scanned.stdout).toMatch(/3:2 +error +Unexpected console statement +no-console/);
	expect(scanned.stdout).toMatch(/✖ 1 problem \(1 error, 0 warnings\)/);
}, 240_000);

test('npm run lint (n8n-node lint) honours the comment and passes, which is why lint:scanner exists', async () => {
	const linted = await run('npm', ['run', 'lint'], { cwd: copy.dir });
	expect({ code: linted.code, output: linted.code === 0 ? '' : linted.stdout + linted.stderr }).toEqual({ code: 0, output: '' });
}, 240_000);
