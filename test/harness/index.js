'use strict';
// Engine-level test harness: run workflow JSON through n8n-core's real execution engine
// against the BUILT package (dist/), with in-memory credentials. See README.md here.
require('./env'); // before anything loads n8n-core
const { runWorkflow, loadWorkflowFixture } = require('./run-workflow');
const { createCredentialStore } = require('./credentials');
const { testCredential } = require('./credential-test');
const { registerPackage, ownPackageName } = require('./node-types');

/** Workflow JSON type string of one of this package's nodes, e.g. nodeType('opentact'). */
const nodeType = (name) => `${ownPackageName}.${name}`;

module.exports = {
	runWorkflow,
	loadWorkflowFixture,
	createCredentialStore,
	testCredential,
	registerPackage,
	nodeType,
	PACKAGE_NAME: ownPackageName,
};
