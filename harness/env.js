'use strict';
// Process environment n8n-core reads once, at require time (its config classes are
// built from env vars). This file must therefore be required before n8n-core.
const fs = require('node:fs');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..');

function setDefault(name, value) {
	if (process.env[name] === undefined || process.env[name] === '') process.env[name] = value;
}

// Keep n8n's instance folder (settings file with the encryption key) inside the repo's
// git-ignored temp space, never in the developer's real ~/.n8n.
setDefault('N8N_USER_FOLDER', path.join(REPO_ROOT, '.tmp', 'n8n-user'));
fs.mkdirSync(process.env.N8N_USER_FOLDER, { recursive: true });
// n8n logs can carry request options (headers, credentials); silent unless asked for.
setDefault('N8N_LOG_LEVEL', process.env.HARNESS_LOG === '1' ? 'debug' : 'silent');
// The isolated-vm engine is not built on this machine; the legacy engine is n8n's default.
setDefault('N8N_EXPRESSION_ENGINE', 'legacy');
setDefault('N8N_DIAGNOSTICS_ENABLED', 'false');
setDefault('N8N_VERSION_NOTIFICATIONS_ENABLED', 'false');

module.exports = { REPO_ROOT };
