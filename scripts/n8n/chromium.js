'use strict';
// Debian's chromium for the screenshot test: installed with apt-get when missing and root.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const { log } = require('../lib/runtime');

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

function ensureChromium() {
	const found = CANDIDATES.find((candidate) => fs.existsSync(candidate));
	if (found) return found;
	if (process.getuid?.() !== 0)
		throw new Error(
			"the screenshot test needs Debian's chromium: sudo apt-get install -y chromium",
		);
	log('installing chromium with apt-get (once)');
	const apt = (args) =>
		execFileSync('apt-get', args, {
			stdio: ['ignore', 'inherit', 'inherit'],
			timeout: 15 * 60_000,
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
		});
	try {
		apt(['install', '-y', '--no-install-recommends', 'chromium']);
	} catch {
		apt(['update']);
		apt(['install', '-y', '--no-install-recommends', 'chromium']);
	}
	const installed = CANDIDATES.find((candidate) => fs.existsSync(candidate));
	if (!installed) throw new Error('apt-get installed chromium but /usr/bin/chromium is missing');
	return installed;
}

module.exports = { ensureChromium };
