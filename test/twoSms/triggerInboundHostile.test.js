'use strict';
// Inbound Keyword reads report answers our simulator never gives: other date formats, no ids,
// records outside the window asked for, too many records, no list at all, echoed secrets.
// Served by small 2sms look-alikes on 127.0.0.1.
const { triggerWorkflow, activate, emitted, envelope, startLookAlike } = require('./triggerKit');

let server;
afterEach(async () => await server?.close());

const workflow = (parameters = {}) => triggerWorkflow('inboundKeyword', { ...parameters, options: { maxRetries: 0, ...parameters.options } });
const secondsAgo = (seconds) => Date.now() - seconds * 1000;
const usDate = (ms) => {
	const date = new Date(ms);
	const two = (value) => String(value).padStart(2, '0');
	return `${two(date.getUTCMonth() + 1)}/${two(date.getUTCDate())}/${date.getUTCFullYear()} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}`;
};
const shown = (outcome) => emitted(outcome).map((json) => [json.event, json.text, json.from, json.receivedAt]);

/** A look-alike whose report answers `records()` (changed by the test between polls), whatever the window. */
async function startWith(records, parameters) {
	server = await startLookAlike({ report: () => (typeof records === 'function' ? records() : envelope(records)) });
	const trigger = await activate(workflow(parameters), server.credentials);
	return trigger;
}

test('replies without an id and with ISO dates are emitted once, although every window lists them again; two equal replies are two', async () => {
	const at = new Date(Math.floor(secondsAgo(30) / 1000) * 1000).toISOString();
	const records = [];
	const trigger = await startWith(() => envelope(records));
	expect(trigger.activation.status).toBe('nothing');
	records.push(
		{ Text: 'STOP', InboundNumber: 60777, InboundCli: '+44 7700 900555', DateInsert: at },
		{ Text: 'STOP', InboundNumber: 60777, InboundCli: '+44 7700 900555', DateInsert: at }, // sent twice in one second
		{ Text: 'Start', InboundNumber: '60777', InboundCli: 447700900556, DateInsert: at.replace('Z', '+00:00') },
	);

	expect(shown(await trigger.poll())).toEqual([
		['optOut', 'STOP', '+447700900555', at],
		['optOut', 'STOP', '+447700900555', at],
		['optIn', 'Start', '+447700900556', at],
	]);
	expect(emitted(await trigger.poll())).toEqual([]);
	expect(server.reports()).toHaveLength(3);
});

test('a server that ignores the window and lists its whole history emits only replies inside the window asked for', async () => {
	const history = [
		{ Text: 'STOP', InboundNumber: '60777', InboundCli: '447700900101', DateInsert: '03/02/2025 10:15:00', InboundMessageID: 'old-1' },
		{ Text: 'STOP', InboundNumber: '60777', InboundCli: '447700900102', DateInsert: usDate(secondsAgo(3600)), InboundMessageID: 'old-2' },
	];
	const trigger = await startWith(() => envelope(history));
	history.push({ Text: 'QUIT', InboundNumber: '60777', InboundCli: '447700900103', DateInsert: usDate(secondsAgo(5)), InboundMessageID: 'new-1' });
	history.push({ Text: 'STOP', InboundNumber: '60777', InboundCli: '447700900104', DateInsert: usDate(Date.now() + 3600_000), InboundMessageID: 'future-1' });

	expect(emitted(await trigger.poll()).map((json) => json.messageId)).toEqual(['new-1']);
});

test('a reply whose date cannot be read is emitted once, with receivedAt null, while the report keeps listing it', async () => {
	const records = [];
	const trigger = await startWith(() => envelope(records));
	records.push({ Text: 'HELP', InboundNumber: '60777', InboundCli: '447700900555', DateInsert: 'yesterday-ish' });

	expect(shown(await trigger.poll())).toEqual([['help', 'HELP', '+447700900555', null]]);
	expect(emitted(await trigger.poll())).toEqual([]);
	expect(emitted(await trigger.poll())).toEqual([]);
});

test.each([
	['a Detail that is no list', envelope({ Records: [] }), /^2sms answered 200: the inbound report answered without a list of messages \(Detail is object\)$/],
	['no ResponseData at all', { Error: { ErrorCode: null } }, /^2sms answered 200: the inbound report answered without a list of messages \(Detail is missing\)$/],
	['an error code in a 200', { Error: { ErrorCode: 'InvalidRequest', ErrorReason: 'Range is required' }, ResponseData: null }, /^2sms answered 200: Range is required \(InvalidRequest\)$/],
])('an answer with %s fails the poll and keeps the memory', async (_, answer, problem) => {
	let hostile = false;
	const trigger = await startWith(() => (hostile ? answer : envelope([])));
	const remembered = trigger.saved();
	hostile = true;
	const failed = await trigger.poll();
	expect(failed.status).toBe('error');
	expect(failed.error.message).toMatch(problem);
	expect(trigger.saved()).toEqual(remembered);
});

test('a window listing more than 10,000 replies is halved until it fits, and the next poll goes on from there', async () => {
	const many = Array.from({ length: 10_001 }, (_, index) => ({ Text: 'hi', InboundNumber: '60777', InboundCli: '447700900555', InboundMessageID: `m-${index}` }));
	let tooMany = 0;
	const trigger = await startWith(() => (tooMany-- > 0 ? envelope(many) : envelope([])));
	tooMany = 2;
	server.forget();

	expect(await trigger.poll()).toMatchObject({ status: 'nothing' });
	const windows = server.reports().map((request) => Date.parse(request.query.EndDate) - Date.parse(request.query.StartDate));
	expect(windows).toHaveLength(3);
	expect(windows[1]).toBe(Math.floor(windows[0] / 2000) * 1000);
	expect(windows[2]).toBe(Math.floor(windows[1] / 2000) * 1000);
	// The memory ends where the window that fitted ended.
	const end = JSON.stringify(trigger.staticData()).match(/"end":"([^"]+)"/)[1];
	expect(Date.parse(end)).toBe(Date.parse(server.reports()[2].query.EndDate));
});

test('a window still too long after five halvings fails the poll with the numbers', async () => {
	const many = Array.from({ length: 10_001 }, (_, index) => ({ Text: 'hi', InboundNumber: '60777', InboundMessageID: `m-${index}` }));
	let flood = false;
	const trigger = await startWith(() => envelope(flood ? many : []));
	flood = true;
	server.forget();
	const failed = await trigger.poll();

	expect(server.reports()).toHaveLength(6);
	expect(failed.error.message).toMatch(/^2sms answered 200: the inbound report lists 10001 replies from \S+ to \S+, more than the 10000 one poll takes$/);
});

test('2sms echoing the client secret in a reply or an error: items and errors show it redacted', async () => {
	let answer = envelope([]);
	const trigger = await startWith(() => answer, { events: ['optOut', 'optIn', 'help', 'inbound'] });
	answer = envelope([{ Text: 'look-alike-client-secret', InboundNumber: '60777', InboundCli: '447700900555', DateInsert: usDate(secondsAgo(2)), InboundMessageID: 'x' }]);
	const outcome = await trigger.poll();
	expect(emitted(outcome).map((json) => [json.event, json.text, json.raw.Text])).toEqual([['inbound', '[redacted]', '[redacted]']]);
	answer = { status: 500, body: { Error: { ErrorCode: 'InternalError', ErrorReason: 'bad secret look-alike-client-secret' }, ResponseData: null } };
	const failed = await trigger.poll();

	expect(failed.error.message).toBe('2sms answered 500: bad secret [redacted] (InternalError)');
	expect(JSON.stringify([outcome.items, failed.error])).not.toContain('look-alike-client-secret');
});
