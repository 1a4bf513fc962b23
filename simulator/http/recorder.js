'use strict';

const { createRedactor } = require('./redact');

/**
 * What the simulator received, in arrival order, with credentials redacted. Tests assert on it
 * ("the node sent one DELETE with three records") and people read it when a run goes wrong.
 */
function createRecorder({ secrets, onFinish = () => {} }) {
	const redact = createRedactor(secrets);
	let entries = [];
	let seq = 0;

	function begin({ api, method, path, query, headers, body }) {
		seq += 1;
		const started = performance.now();
		const entry = {
			seq,
			at: new Date().toISOString(),
			api,
			method,
			path: redact.text(path),
			query: redact.value(query),
			headers: redact.headers(headers),
			body: body.type === 'none' ? null : redact.value(body.value),
			status: null,
			fault: null,
			durationMs: null,
		};
		entries.push(entry);
		return {
			setFault(name) {
				entry.fault = name;
			},
			/** status null: the connection was dropped or abandoned without an answer. */
			finish(status) {
				if (entry.durationMs !== null) return;
				entry.status = status;
				entry.durationMs = Math.round((performance.now() - started) * 10) / 10;
				onFinish(entry, formatEntry(entry));
			},
		};
	}

	return {
		begin,
		list: () => structuredClone(entries),
		text: () => entries.map(formatEntry).join('\n'),
		clear() {
			entries = [];
		},
		reset() {
			entries = [];
			seq = 0;
		},
	};
}

function formatEntry(entry) {
	const outcome = entry.status === null ? 'no answer' : String(entry.status);
	const duration = entry.durationMs === null ? 'pending' : `${entry.durationMs} ms`;
	const lines = [
		`#${entry.seq} ${entry.at} ${entry.api} ${entry.method} ${entry.path} -> ${outcome} (${duration})`,
	];
	if (Object.keys(entry.query).length > 0)
		lines.push(`    query:   ${JSON.stringify(entry.query)}`);
	const headers = Object.entries(entry.headers).map(([name, value]) => `${name}: ${value}`);
	lines.push(`    headers: ${headers.join('; ')}`);
	if (entry.body !== null) lines.push(`    body:    ${JSON.stringify(entry.body)}`);
	if (entry.fault) lines.push(`    fault:   ${entry.fault}`);
	return lines.join('\n');
}

module.exports = { createRecorder, formatEntry };
