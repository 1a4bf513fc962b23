'use strict';
// A small 2sms look-alike on 127.0.0.1 that answers what a test scripts: the answers our
// simulator would never give (other words, other page sizes, missing fields, other numbers).
// It issues a token at /Token like 2sms and records every other request it receives.
const http = require('node:http');

const STOP_LOG = '/api/v1/addressbook/stoplog';
const SEARCH = '/api/v2/addressbook/stoplog';

/** 2sms's envelope around `detail`; `result` and `error` replace the success words. */
function envelope(detail, { result = 'Success', error = { ErrorCode: null, ErrorReason: null } } = {}) {
	return { Error: error, ResponseData: { Identification: { UserId: 'hostile-user' }, Result: result, Detail: detail } };
}

/** One stop-log change answer: `records` as given, credits 0. */
const changeAnswer = (records, options) => envelope({ Records: records, CreditsUsed: 0, CreditsRemaining: 10 }, options);

/** One page of a stop-log search answer; `total` undefined leaves TotalRecords out. */
function searchPage(records, total) {
	const detail = { Records: records };
	if (total !== undefined) detail.TotalRecords = total;
	return envelope(detail);
}

/**
 * A server answering a stop-log search from `entries` ({Destination, ShortCode}) the way a test
 * chooses: `pageSize` entries a page whatever NoOfRecords says, pages from `firstPage`, and
 * TotalRecords unless `withTotal` is false.
 */
function pagedSearch(entries, { pageSize = 100, firstPage = 0, withTotal = true } = {}) {
	return (query) => {
		const page = Number(query.Page);
		const start = Math.max(0, (page - firstPage) * pageSize);
		return searchPage(entries.slice(start, start + pageSize), withTotal ? entries.length : undefined);
	};
}

/**
 * A stop log kept by a look-alike that words its answers its own way: `status({changed, action,
 * record})` gives each record's Status (return undefined to leave it out), `applies` says whether
 * a change is really made, `answer` passes Result/Error to the envelope. The search answers from
 * the same state (pages from 0, with TotalRecords), so reading back sees what really happened.
 */
function stopLogLookAlike({ onLog = [], defaultShortCode = '60777', status, applies = true, answer } = {}) {
	const entries = new Map(onLog.map(([digits, shortCode]) => [`${digits}|${shortCode}`, { Destination: digits, ShortCode: shortCode }]));
	return {
		isOnStopLog: (digits, shortCode = defaultShortCode) => entries.has(`${digits}|${shortCode}`),
		change(records, method) {
			const action = method === 'DELETE' ? 'remove' : 'add';
			const answered = records.map((record) => {
				const shortCode = record.ShortCode ?? defaultShortCode;
				const key = `${record.Destination}|${shortCode}`;
				const changed = action === 'remove' ? entries.has(key) : !entries.has(key);
				if (changed && applies) {
					if (action === 'remove') entries.delete(key);
					else entries.set(key, { Destination: record.Destination, ShortCode: shortCode });
				}
				const word = status({ changed, action, record });
				const result = { Destination: record.Destination, MessageID: null, ShortCode: shortCode };
				return word === undefined ? result : { ...result, Status: word };
			});
			return changeAnswer(answered, answer);
		},
		search(query) {
			const asked = String(query.MobilePhone ?? '').split(',');
			const listed = [...entries.values()].filter((entry) => asked.includes(entry.Destination));
			return pagedSearch(listed)(query);
		},
	};
}

/**
 * Starts the server. `search(query, request)` and `change(records, method, request)` return a
 * body (answered 200) or `{ status, body }`.
 */
async function startHostileTwoSms({ search = () => searchPage([], 0), change = () => changeAnswer([]) } = {}) {
	const received = [];
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			const url = new URL(req.url, 'http://127.0.0.1');
			const raw = Buffer.concat(chunks).toString('utf8');
			let body = raw;
			try {
				body = raw ? JSON.parse(raw) : undefined;
			} catch {
				// a form body (the token request) stays text
			}
			const request = { method: req.method, path: url.pathname, query: Object.fromEntries(url.searchParams), body };
			let answer;
			if (url.pathname === '/Token') {
				answer = { access_token: 'hostile-access-token', token_type: 'bearer', expires_in: 28800 };
			} else {
				received.push(request);
				if (url.pathname === SEARCH && req.method === 'GET') answer = search(request.query, request);
				else if (url.pathname === STOP_LOG) answer = change(body, req.method, request);
				else answer = { status: 404, body: { Message: 'No HTTP resource was found' } };
			}
			const { status, body: payload } = answer && answer.status && answer.body !== undefined ? answer : { status: 200, body: answer };
			res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
			res.end(JSON.stringify(payload));
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const baseUrl = `http://127.0.0.1:${server.address().port}`;
	return {
		baseUrl,
		credentials: { twoSmsApi: { baseUrl: 'custom', customBaseUrl: baseUrl, clientId: 'hostile-client', clientSecret: 'hostile-client-secret' } },
		/** Requests other than the token's, in the order they came. */
		requests: () => received.slice(),
		searches: () => received.filter((request) => request.path === SEARCH),
		changes: () => received.filter((request) => request.path === STOP_LOG),
		close: async () => {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		},
	};
}

module.exports = { startHostileTwoSms, stopLogLookAlike, envelope, changeAnswer, searchPage, pagedSearch };
