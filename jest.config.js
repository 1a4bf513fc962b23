'use strict';

/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	testMatch: ['<rootDir>/test/**/*.test.js'],
	setupFiles: ['<rootDir>/harness/jest.setup.js'],
	// Engine runs start real HTTP servers and n8n-core; give them room on slow machines.
	testTimeout: 60_000,
	modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.tmp/'],
};
