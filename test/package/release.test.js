'use strict';
// The publish workflow's gate (.ci/check-release.js): a version is published only from a tag
// v<version>, and only when package.json's repository, homepage and bugs links name the GitHub
// repository that publishes it (npm's provenance check and every link on the npm page and in
// n8n's "Report issue" depend on it).
const fs = require('node:fs');
const path = require('node:path');
const { releaseProblems } = require('../../.ci/check-release');
const { run, cleanEnv, REPO_ROOT } = require('./helpers');

const packageJson = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
/** The repository package.json names, e.g. "opentact-2sms/n8n-nodes-opentact-2sms". */
const namedRepository = new URL(packageJson.repository.url.replace(/^git\+/, '')).pathname.slice(1).replace(/\.git$/, '');
const onTag = (overrides = {}) => ({
	GITHUB_REPOSITORY: namedRepository,
	GITHUB_REF_NAME: `v${packageJson.version}`,
	GITHUB_SERVER_URL: 'https://github.com',
	...overrides,
});

test('package.json names one GitHub repository in repository, homepage and bugs, so a tag in it can publish', () => {
	expect(releaseProblems(packageJson, onTag())).toEqual([]);
});

test('a tag that is not v<package.json version> is refused, saying which tag to push', () => {
	const problems = releaseProblems(packageJson, onTag({ GITHUB_REF_NAME: 'v9.9.9' }));
	expect(problems).toEqual([expect.stringContaining(`tag v${packageJson.version}`)]);
	expect(releaseProblems(packageJson, onTag({ GITHUB_REF_NAME: packageJson.version }))).toHaveLength(1);
});

test('publishing from another repository (a fork, a rename) is refused until package.json names it', () => {
	const problems = releaseProblems(packageJson, onTag({ GITHUB_REPOSITORY: 'someone-else/n8n-nodes-opentact-2sms' }));
	expect(problems).toEqual([
		expect.stringContaining('"git+https://github.com/someone-else/n8n-nodes-opentact-2sms.git"'),
		expect.stringContaining('"https://github.com/someone-else/n8n-nodes-opentact-2sms#readme"'),
		expect.stringContaining('"https://github.com/someone-else/n8n-nodes-opentact-2sms/issues"'),
	]);
});

test('links that only look alike are refused: another host, a shorthand, a trailing path', () => {
	const repo = `https://github.com/${namedRepository}`;
	for (const url of [`https://gitlab.com/${namedRepository}.git`, `github:${namedRepository}`, `${repo}/tree/main`, '']) {
		const edited = { ...packageJson, repository: { type: 'git', url } };
		expect(releaseProblems(edited, onTag())).toEqual([expect.stringContaining('repository.url')]);
	}
	expect(releaseProblems({ ...packageJson, homepage: `${repo}/blob/main/README.md` }, onTag())).toHaveLength(1);
	expect(releaseProblems({ ...packageJson, bugs: undefined }, onTag())).toHaveLength(1);
});

test('outside GitHub Actions, or not on a tag, nothing is released', () => {
	expect(releaseProblems(packageJson, {})).toEqual([expect.stringContaining('GITHUB_REPOSITORY')]);
	expect(releaseProblems(packageJson, onTag({ GITHUB_REF_NAME: '' }))).toHaveLength(1);
});

test('the script exits 1 and prints each problem as a GitHub error annotation', async () => {
	const script = path.join(REPO_ROOT, '.ci', 'check-release.js');
	const refused = await run(process.execPath, [script], { env: cleanEnv(onTag({ GITHUB_REF_NAME: 'v9.9.9' })) });
	expect(refused.code).toBe(1);
	expect(refused.stderr).toMatch(/^::error::tag "v9\.9\.9" does not match/m);
	const accepted = await run(process.execPath, [script], { env: cleanEnv(onTag()) });
	expect(accepted.code).toBe(0);
});
