#!/usr/bin/env node
'use strict';
// Run by .github/workflows/publish.yml before `npm publish`: refuses a release whose tag is not
// `v<package.json version>`, or whose package.json links (repository, homepage, bugs) do not name
// the GitHub repository the workflow runs in. npm's provenance check compares repository.url with
// the repository that built the package, and these links are the npm page's Repository, Homepage
// and Issues links and n8n's "Report issue" link (read from the registry), so each must point at
// the repository that exists because it is publishing. Reads GITHUB_REPOSITORY, GITHUB_REF_NAME
// and GITHUB_SERVER_URL (set by GitHub Actions); exit code 1 with every problem listed.
const fs = require('node:fs');
const path = require('node:path');

function releaseProblems(packageJson, env) {
	const problems = [];
	const repository = env.GITHUB_REPOSITORY;
	const tag = env.GITHUB_REF_NAME;
	if (!repository || !tag) {
		return ['GITHUB_REPOSITORY and GITHUB_REF_NAME must be set (this runs in GitHub Actions, on a tag)'];
	}
	const repoUrl = `${env.GITHUB_SERVER_URL || 'https://github.com'}/${repository}`;
	if (tag !== `v${packageJson.version}`) {
		problems.push(`tag "${tag}" does not match package.json version "${packageJson.version}": tag v${packageJson.version}, or change the version`);
	}
	const declared = typeof packageJson.repository === 'string' ? packageJson.repository : packageJson.repository?.url;
	const accepted = [repoUrl, `${repoUrl}.git`, `git+${repoUrl}`, `git+${repoUrl}.git`];
	if (!accepted.includes(declared)) {
		problems.push(`package.json repository.url is "${declared}": set it to "git+${repoUrl}.git" (npm provenance requires the publishing repository)`);
	}
	if (packageJson.homepage !== `${repoUrl}#readme`) {
		problems.push(`package.json homepage is "${packageJson.homepage}": set it to "${repoUrl}#readme"`);
	}
	if (packageJson.bugs?.url !== `${repoUrl}/issues`) {
		problems.push(`package.json bugs.url is "${packageJson.bugs?.url}": set it to "${repoUrl}/issues"`);
	}
	return problems;
}

if (require.main === module) {
	const packageJson = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', 'package.json'), 'utf8'));
	const problems = releaseProblems(packageJson, process.env);
	for (const problem of problems) console.error(`::error::${problem}`);
	if (problems.length > 0) process.exit(1);
	console.log(`releasing ${packageJson.name}@${packageJson.version} from ${process.env.GITHUB_REPOSITORY}`);
}

module.exports = { releaseProblems };
