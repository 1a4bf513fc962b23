'use strict';
// The real-n8n acceptance suite (npm run test:n8n). Kept out of the main jest run: the root
// config only matches *.test.js, these files are *.acceptance.js and need a cached n8n.
const path = require('node:path');

module.exports = {
	rootDir: path.resolve(__dirname, '..', '..'),
	testMatch: ['<rootDir>/test/n8n/**/*.acceptance.js'],
	testEnvironment: 'node',
	modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.tmp/'],
	maxWorkers: 1,
	testTimeout: 300_000,
	verbose: true,
};
