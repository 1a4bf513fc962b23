'use strict';
// Other work in this repository may rebuild dist/ while a benchmark or soak runs (a clean build
// deletes it first). Both therefore run a private copy of the built package, taken once at the
// start, inside the repo's git-ignored .tmp/ so `n8n-workflow` still resolves from node_modules.
const fs = require('node:fs');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const ENV = 'BENCH_PACKAGE_DIR';

/** Copies package.json + dist/ to .tmp/bench-package-<pid>; returns the directory. */
function snapshotPackage() {
	const dist = path.join(REPO_ROOT, 'dist');
	if (!fs.existsSync(path.join(dist, 'nodes'))) throw new Error('dist/ is not built: run `npm run build` first');
	const dir = path.join(REPO_ROOT, '.tmp', `bench-package-${process.pid}`);
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	fs.copyFileSync(path.join(REPO_ROOT, 'package.json'), path.join(dir, 'package.json'));
	fs.cpSync(dist, path.join(dir, 'dist'), { recursive: true });
	process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
	process.env[ENV] = dir; // children inherit it
	return dir;
}

/** In a child: run the snapshot, not the live dist/, when the parent made one. */
function useSnapshot() {
	const dir = process.env[ENV];
	if (!dir) return;
	require('../../harness').registerPackage(dir);
}

module.exports = { snapshotPackage, useSnapshot };
