'use strict';

// Larger bodies than any real request of these APIs: 1000 stop-log records are about 150 KB.
const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** The whole request body as text; `tooLarge` when it passed MAX_BODY_BYTES (the rest is drained). */
function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		let size = 0;
		req.on('data', (chunk) => {
			size += chunk.length;
			if (size <= MAX_BODY_BYTES) chunks.push(chunk);
		});
		req.on('end', () =>
			resolve({ raw: Buffer.concat(chunks).toString('utf8'), tooLarge: size > MAX_BODY_BYTES }),
		);
		req.on('error', reject);
	});
}

/** 'application/json' from 'application/json; charset=utf-8'. */
function mediaType(contentType) {
	return String(contentType ?? '')
		.split(';')[0]
		.trim()
		.toLowerCase();
}

function isJsonType(type) {
	return type === 'application/json' || type === 'text/json' || type.endsWith('+json');
}

function isXmlType(type) {
	return type === 'application/xml' || type === 'text/xml' || type.endsWith('+xml');
}

/**
 * A parsed body: { type: 'none' | 'json' | 'xml' | 'form' | 'text' | 'invalid', value }.
 * `invalid` keeps the raw text so the request log shows what the client really sent.
 */
function parseBody(contentType, raw, { parseXml } = {}) {
	if (raw === '') return { type: 'none', value: undefined };
	const type = mediaType(contentType);
	if (isJsonType(type)) {
		try {
			return { type: 'json', value: JSON.parse(raw) };
		} catch {
			return { type: 'invalid', value: raw };
		}
	}
	if (isXmlType(type) && parseXml) {
		const value = parseXml(raw);
		return value === null ? { type: 'invalid', value: raw } : { type: 'xml', value };
	}
	if (type === 'application/x-www-form-urlencoded') {
		return { type: 'form', value: Object.fromEntries(new URLSearchParams(raw)) };
	}
	return { type: 'text', value: raw };
}

module.exports = { readBody, parseBody, mediaType, MAX_BODY_BYTES };
