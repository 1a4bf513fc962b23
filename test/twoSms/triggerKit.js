'use strict';
// Shared set-up for the 2sms Trigger's engine tests: its workflow fixtures with per-test
// parameters, activation through the harness (n8n-core's poll executor), and a small 2sms
// look-alike on 127.0.0.1 whose listing and inbound report answer what a test scripts.
const http = require('node:http');
const { activatePollTrigger, loadWorkflowFixture } = require('../../harness');

const TRIGGER = '2sms Trigger';
const LISTING = '/api/v2/addressbook/stoplog';
const REPORT = '/api/v1/reports/standard/inbound';
const FIXTURES = {
	stopLogChanged: 'test/workflows/twoSms/stop-log-changed.json',
	inboundKeyword: 'test/workflows/twoSms/inbound-keyword.json',
};

/** The event's fixture workflow with the trigger's parameters changed (options merged). */
function triggerWorkflow(event, { options = {}, ...parameters } = {}) {
	const workflow = loadWorkflowFixture(FIXTURES[event]);
	const node = workflow.nodes.find((candidate) => candidate.name === TRIGGER);
	Object.assign(node.parameters, parameters);
	Object.assign(node.parameters.options, options);
	return workflow;
}

/** Activates the trigger of `workflow`: the handle's `activation` is the first poll's outcome. */
async function activate(workflow, credentials, options = {}) {
	return await activatePollTrigger(workflow, { credentials, ...options });
}

/** The json of each emitted item. */
const emitted = (outcome) => outcome.items.map((item) => item.json);

/** The memory the trigger keeps in n8n's static data (in memory now, or as n8n saved it). */
const memoryOf = (staticData) => staticData[`node:${TRIGGER}`] ?? staticData;

/** 2sms's envelope around `detail`. */
const envelope = (detail) => ({
	Error: { ErrorCode: null, ErrorReason: null },
	ResponseData: { Identification: { UserId: 'look-alike' }, Result: 'Success', Detail: detail },
});

/** One page of the listing; `total` undefined leaves TotalRecords out. */
function listingPage(records, total) {
	const detail = { Records: records };
	if (total !== undefined) detail.TotalRecords = total;
	return envelope(detail);
}

/** International digits of a UK number as a test writes it ("+44 7700 900101", "07700 900101", 447700900101). */
function ukDigitsOf(written) {
	const digits = String(written ?? '').replace(/\D/g, '');
	if (digits.startsWith('00')) return digits.slice(2);
	return digits.startsWith('0') ? `44${digits.slice(1)}` : digits;
}

/**
 * The listing of `entries()` (read at each request, so a test can change it between requests),
 * `pageSize` a page whatever NoOfRecords says, with TotalRecords; MobilePhone filters by
 * Destination or MobilePhone as written.
 */
function pagedListing(entries, { pageSize = 100 } = {}) {
	return (query) => {
		let list = entries();
		if (query.MobilePhone) {
			const asked = query.MobilePhone.split(',');
			list = list.filter((entry) => asked.includes(ukDigitsOf(entry.MobilePhone ?? entry.Destination)));
		}
		const page = Number(query.Page);
		return listingPage(list.slice(page * pageSize, page * pageSize + pageSize), list.length);
	};
}

/**
 * Starts a look-alike: `/Token` issues a token; `listing(query, request)` and `report(query,
 * request)` return a body (answered 200) or `{ status, body, headers }`. Every other request is
 * recorded and answered 404.
 */
async function startLookAlike({ listing = () => listingPage([], 0), report = () => envelope([]) } = {}) {
	const received = [];
	const server = http.createServer((req, res) => {
		req.resume();
		req.on('end', () => {
			const url = new URL(req.url, 'http://127.0.0.1');
			const query = Object.fromEntries(url.searchParams);
			let answer;
			if (url.pathname === '/Token') {
				answer = { access_token: 'look-alike-access-token', token_type: 'bearer', expires_in: 28800 };
			} else {
				received.push({ method: req.method, path: url.pathname, query });
				if (url.pathname === LISTING) answer = listing(query, req);
				else if (url.pathname === REPORT) answer = report(query, req);
				else answer = { status: 404, body: { Message: 'No HTTP resource was found' } };
			}
			const full = answer && answer.status !== undefined && answer.body !== undefined;
			const { status, body, headers = {} } = full ? answer : { status: 200, body: answer };
			res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
			res.end(JSON.stringify(body));
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const baseUrl = `http://127.0.0.1:${server.address().port}`;
	return {
		credentials: { twoSmsApi: { baseUrl: 'custom', customBaseUrl: baseUrl, clientId: 'look-alike-client', clientSecret: 'look-alike-client-secret' } },
		requests: () => received.slice(),
		listings: () => received.filter((request) => request.path === LISTING),
		reports: () => received.filter((request) => request.path === REPORT),
		forget: () => void received.splice(0),
		close: async () => {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		},
	};
}

module.exports = {
	TRIGGER,
	LISTING,
	REPORT,
	triggerWorkflow,
	activate,
	emitted,
	memoryOf,
	envelope,
	listingPage,
	pagedListing,
	startLookAlike,
};
