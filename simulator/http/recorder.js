'use strict';

const { createRedactor } = require('./redact');

/**
 * What the simulator received, in arrival order, with credentials redacted. Tests assert on it
 * ("the node sent one DELETE with three records") and people read it when a run goes wrong.
 *
 * keep: true keeps every entry; a number keeps only the latest that many; false keeps none
 * (for runs of 100,000 requests, whose log would dwarf what is measured). onFinish still sees
 * every entry either way.
 */
function createRecorder({ secrets, onFinish, keep = true }) {
	const redact = createRedactor(secrets);
	const limit = keep === true ? Infinity : keep === false ? 0 : keep;
	if (!(limit === Infinity || (Number.isInteger(limit) && limit >= 0))) {
		throw new TypeError('recordRequests must be true, false or an integer >= 0');
	}
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
		if (limit > 0) {
			entries.push(entry);
			// Drop the oldest in chunks, so a bounded log costs no per-request array shift.
			if (entries.length >= limit + Math.min(limit, 1024)) entries = entries.slice(-limit);
		}
		return {
			setFault(name) {
				entry.fault = name;
			},
			/** status null: the connection was dropped or abandoned without an answer. */
			finish(status) {
				if (entry.durationMs !== null) return;
				entry.status = status;
				entry.durationMs = Math.round((performance.now() - started) * 10) / 10;
				if (onFinish) onFinish(entry, formatEntry(entry));
			},
		};
	}

	return {
		begin,
		list: () => structuredClone(entries.slice(-limit)),
		text: () => entries.slice(-limit).map(formatEntry).join('\n'),
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
