'use strict';
// The tooling depends one way: tests may use the tools (scripts/) and the harness, the tools
// may use the harness and the simulator, and nothing but tests uses test/. The bench, the soak,
// the demo and the real-n8n tooling share what they share through scripts/lib, never through
// each other. A require that breaks this fails here, naming the file and the line.
const fs = require('node:fs');
const path = require('node:path');
const { REPO_ROOT } = require('../../harness/env');

const TOOL_FOLDERS = ['bench', 'soak', 'n8n', 'demo'];

function jsFiles(dir) {
	const files = [];
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) files.push(...jsFiles(full));
		else if (entry.name.endsWith('.js')) files.push(full);
	}
	return files;
}

/** Relative requires of a file: [{ line, target }] with `target` relative to the repo root. */
function relativeRequires(file) {
	const found = [];
	fs.readFileSync(file, 'utf8')
		.split('\n')
		.forEach((text, index) => {
			for (const match of text.matchAll(/require\((?:path\.join\(__dirname,\s*)?'(\.{1,2}\/[^']*)'/g)) {
				const target = path.relative(REPO_ROOT, path.resolve(path.dirname(file), match[1]));
				found.push({ line: `${path.relative(REPO_ROOT, file)}:${index + 1}`, target });
			}
		});
	return found;
}

const requiresUnder = (folder) => jsFiles(path.join(REPO_ROOT, folder)).flatMap(relativeRequires);
const inside = (target, folder) => target === folder || target.startsWith(`${folder}/`);
const offending = (requires, forbidden) =>
	requires.filter(({ target }) => forbidden.some((folder) => inside(target, folder))).map(({ line, target }) => `${line} → ${target}`);

test('the reader is sound: it sees the requires this test file itself makes', () => {
	expect(relativeRequires(__filename).map(({ target }) => target)).toContain(path.join('harness', 'env'));
});

test('nothing in scripts/ or harness/ requires a file under test/', () => {
	expect(requiresUnder('scripts').length).toBeGreaterThan(20);
	expect(offending([...requiresUnder('scripts'), ...requiresUnder('harness')], ['test'])).toEqual([]);
});

test('the harness stands on its own: it requires nothing from scripts/ or test/', () => {
	expect(offending(requiresUnder('harness'), ['scripts', 'test'])).toEqual([]);
});

test.each(TOOL_FOLDERS)('scripts/%s requires no other tool folder (shared pieces come from scripts/lib)', (tool) => {
	const others = TOOL_FOLDERS.filter((other) => other !== tool).map((other) => `scripts/${other}`);
	expect(offending(requiresUnder(`scripts/${tool}`), others)).toEqual([]);
});

test('scripts/lib requires no tool folder', () => {
	expect(offending(requiresUnder('scripts/lib'), TOOL_FOLDERS.map((tool) => `scripts/${tool}`))).toEqual([]);
});

test('the npm scripts users and CI know run each tool through its one entry, scripts/<tool>/index.js', () => {
	const { scripts } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
	expect(scripts).toMatchObject({
		demo: 'n8n-node build && node scripts/demo',
		n8n: 'node scripts/n8n launch',
		'test:n8n': 'node scripts/n8n test',
		bench: 'node scripts/bench',
		soak: 'node scripts/soak',
		'soak:ci': 'node scripts/soak --ci',
	});
	for (const name of ['test', 'test:node24', 'simulator', 'lint', 'lint:scanner', 'lint:workflows']) expect(scripts).toHaveProperty([name]);
	for (const tool of TOOL_FOLDERS) expect(fs.existsSync(path.join(REPO_ROOT, 'scripts', tool, 'index.js'))).toBe(true);
});
