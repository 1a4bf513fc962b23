#!/usr/bin/env node
'use strict';
// Real n8n with this package, one entry for all of it:
//   node scripts/n8n launch [--version 1.123.81] [--port 5678] [--keep]   (npm run n8n; --keep keeps what you built)
//       a local n8n with the package, the simulator, its credentials and the examples
//   node scripts/n8n test [--version 2.41.1] [--no-screenshots] [--update-screenshots]   (npm run test:n8n)
//       the acceptance suite (test/n8n) in each n8n version
//   node scripts/n8n install [2.41.1|1.123.81 …]
//       n8n into the cache only (the test command runs this per version, in parallel)
const { killAllNow } = require('../lib/processes');

const COMMANDS = {
	launch: (argv) => require('./launch').launch(argv),
	test: (argv) => require('./acceptance').runAcceptance(argv),
	install: (argv) => require('./install').install(argv),
};
const USAGE = 'usage: node scripts/n8n launch|test|install [options] (see the top of scripts/n8n/index.js)';

const [command, ...argv] = process.argv.slice(2);
if (!Object.hasOwn(COMMANDS, command)) {
	console.error(command === undefined ? USAGE : `unknown command "${command}"\n${USAGE}`);
	process.exit(2);
}
Promise.resolve()
	.then(() => COMMANDS[command](argv))
	.catch((error) => {
		console.error(error);
		killAllNow();
		process.exit(1);
	});
