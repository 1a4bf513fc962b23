'use strict';

/**
 * The request log is meant to be pasted into bug reports and CI output, so no credential may
 * reach it: headers that carry one keep only their scheme, fields whose name says "secret" are
 * masked, and every known secret value is replaced wherever else it turns up.
 */
const REDACTED = '[redacted]';
const SECRET_NAME = /password|passwd|secret|token|api[-_]?key|authorization|cookie/i;
const SCHEME_HEADERS = new Set(['authorization', 'proxy-authorization']);
// A JWT anywhere in a string (three base64url parts, the first one a JSON header).
const JWT_PATTERN = /eyJ[\w-]+\.[\w-]+\.[\w-]+/g;

function createRedactor(knownSecrets) {
	const secrets = [
		...new Set(knownSecrets.filter((value) => typeof value === 'string' && value.length >= 4)),
	];

	// One pass over each string: any JWT or known secret, longest secrets first so one that
	// contains another is replaced whole. Most strings hold neither, and cost one regex test.
	const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	const anySecret = new RegExp(
		[JWT_PATTERN.source, ...[...secrets].sort((a, b) => b.length - a.length).map(escape)].join('|'),
		'g',
	);

	function scrubText(text) {
		const string = String(text);
		anySecret.lastIndex = 0;
		if (!anySecret.test(string)) return string;
		anySecret.lastIndex = 0;
		return string.replace(anySecret, REDACTED);
	}

	function headers(raw) {
		const result = {};
		for (const [name, value] of Object.entries(raw)) {
			const key = name.toLowerCase();
			if (SCHEME_HEADERS.has(key)) {
				const scheme = String(value).trim().split(/\s+/)[0];
				result[key] =
					scheme && scheme !== String(value).trim() ? `${scheme} ${REDACTED}` : REDACTED;
			} else if (SECRET_NAME.test(key)) {
				result[key] = REDACTED;
			} else {
				result[key] = Array.isArray(value) ? value.map(scrubText) : scrubText(value);
			}
		}
		return result;
	}

	/** Any JSON-like value: masks secret-named fields at every depth, scrubs every string. */
	function value(input) {
		if (typeof input === 'string') return scrubText(input);
		if (Array.isArray(input)) return input.map(value);
		if (input && typeof input === 'object') {
			const result = {};
			for (const [key, inner] of Object.entries(input)) {
				result[key] =
					SECRET_NAME.test(key) && inner !== null && inner !== undefined ? REDACTED : value(inner);
			}
			return result;
		}
		return input;
	}

	return { headers, value, text: scrubText };
}

module.exports = { createRedactor, REDACTED };
