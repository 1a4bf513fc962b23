'use strict';
// The 2sms Trigger's Inbound Keyword event as n8n runs it in an active workflow, against the
// simulator's inbound report: windows that overlap, each reply emitted once.
const { runWorkflow } = require('../../harness');
const { TWO_SMS_INBOUND_REPORT_FIELDS, TWO_SMS_INBOUND_DATE_FORMAT } = require('../../simulator/assumed');
const { INBOUND_REPORT_FIELDS, INBOUND_DATE_FORMAT } = require('../../dist/nodes/TwoSms/transport/answers');
const { WINDOW_OVERLAP_MS } = require('../../dist/nodes/TwoSms/trigger/inboundKeyword');
const { useSimulator, credentialsFor } = require('./twoSmsTestKit');
const { TRIGGER, REPORT, triggerWorkflow, activate, emitted } = require('./triggerKit');

const env = useSimulator();
const workflow = (parameters) => triggerWorkflow('inboundKeyword', parameters);
const reports = () => env.sim.requests().filter((request) => request.path === REPORT);
/** An ISO time `seconds` ago. */
const ago = (seconds) => new Date(Date.now() - seconds * 1000).toISOString();
const reply = (spec) => env.sim.twoSms.injectInbound({ from: '+447700900555', to: '60777', at: ago(1), ...spec });
const shown = (outcome) => emitted(outcome).map((json) => [json.event, json.keyword, json.text]);

test('the node reads the report by the field names and date format the simulator writes', () => {
	expect(INBOUND_REPORT_FIELDS).toEqual({ text: 'Text', inboundNumber: 'InboundNumber', ...TWO_SMS_INBOUND_REPORT_FIELDS });
	expect(INBOUND_DATE_FORMAT).toBe(TWO_SMS_INBOUND_DATE_FORMAT);
});

test('the first poll reads the last 10 minutes only to remember them; the next emits a STOP once with every field', async () => {
	reply({ message: 'STOP', at: ago(120) }); // before activation: not a new reply
	const trigger = await activate(workflow(), credentialsFor(env.sim));
	expect(trigger.activation.status).toBe('nothing');
	const [first] = reports();
	expect(Object.keys(first.query)).toEqual(['StartDate', 'EndDate']);
	expect(Date.parse(first.query.EndDate) - Date.parse(first.query.StartDate)).toBe(WINDOW_OVERLAP_MS);

	const { message } = reply({ message: 'Stop.', from: '+447700900556', at: ago(1) });
	const outcome = await trigger.poll();

	expect(emitted(outcome)).toEqual([
		{
			event: 'optOut',
			keyword: 'STOP',
			from: '+447700900556',
			to: '60777',
			text: 'Stop.',
			receivedAt: `${message.at.slice(0, 19)}.000Z`,
			messageId: message.id,
			raw: { Text: 'Stop.', InboundNumber: '60777', InboundCli: '447700900556', DateInsert: expect.stringMatching(/^\d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d$/), InboundMessageID: message.id },
		},
	]);
	// The second window starts 10 minutes before the first one ended.
	expect(reports()[1].query.StartDate).toBe(new Date(Date.parse(first.query.EndDate) - WINDOW_OVERLAP_MS).toISOString().replace('.000Z', 'Z'));
	expect(await trigger.poll()).toMatchObject({ status: 'nothing' });
});

test('opt-out, opt-in and help replies are emitted with their keyword; other replies only when Any Other Reply is chosen', async () => {
	const onlyKeywords = await activate(workflow(), credentialsFor(env.sim));
	const everything = await activate(workflow({ events: ['optOut', 'optIn', 'help', 'inbound'] }), credentialsFor(env.sim));
	for (const message of ['unsubscribe', 'Start', 'HELP?', 'Stop please', 'hello']) reply({ message });

	expect(shown(await onlyKeywords.poll())).toEqual([
		['optOut', 'UNSUBSCRIBE', 'unsubscribe'],
		['optIn', 'START', 'Start'],
		['help', 'HELP', 'HELP?'],
	]);
	expect(shown(await everything.poll())).toEqual([
		['optOut', 'UNSUBSCRIBE', 'unsubscribe'],
		['optIn', 'START', 'Start'],
		['help', 'HELP', 'HELP?'],
		['inbound', null, 'Stop please'],
		['inbound', null, 'hello'],
	]);
});

test('a reply to an inbound long number comes with `to` in E.164; a Short Code keeps only its own replies, sent as Destination', async () => {
	const all = await activate(workflow(), credentialsFor(env.sim));
	const one = await activate(workflow({ shortCode: '88440' }), credentialsFor(env.sim));
	reply({ message: 'STOP', to: '447860012345' });
	reply({ message: 'STOP', to: '88440', from: '447700900557' });

	expect(emitted(await all.poll()).map((json) => json.to)).toEqual(['+447860012345', '88440']);
	expect(emitted(await one.poll()).map((json) => [json.to, json.from])).toEqual([['88440', '+447700900557']]);
	expect(reports().at(-1).query.Destination).toBe('88440');
});

test('a reply that reaches the report after the poll that should have seen it is still emitted, once', async () => {
	const trigger = await activate(workflow(), credentialsFor(env.sim));
	await trigger.poll();
	// Dated two minutes before the last window ended, written into the report only now.
	reply({ message: 'QUIT', at: ago(120) });

	expect(shown(await trigger.poll())).toEqual([['optOut', 'QUIT', 'QUIT']]);
	expect(await trigger.poll()).toMatchObject({ status: 'nothing' });
});

test('an error on a later poll is reported and keeps the memory; the next poll emits the replies that came meanwhile', async () => {
	const trigger = await activate(workflow({ options: { maxRetries: 0 } }), credentialsFor(env.sim));
	const remembered = trigger.staticData();
	reply({ message: 'STOP' });
	env.sim.addFault({ route: `GET ${REPORT}`, kind: 'status', status: 503, times: 1 });

	const failed = await trigger.poll();
	expect(failed.status).toBe('error');
	expect(failed.error.message).toBe('2sms answered 503: Service Unavailable (InternalError)');
	expect(failed.error.description).toContain('Nothing was emitted and what the trigger remembers was kept: the next poll reads the inbound report again.');
	expect(trigger.staticData()).toEqual(remembered);

	reply({ message: 'START' });
	expect(shown(await trigger.poll())).toEqual([
		['optOut', 'STOP', 'STOP'],
		['optIn', 'START', 'START'],
	]);
});

test('an error on the first poll fails the activation; so do keyword lists the trigger cannot use, before any request', async () => {
	env.sim.addFault({ route: `GET ${REPORT}`, kind: 'status', status: 403, times: 1 });
	const refused = await activate(workflow({ options: { maxRetries: 0 } }), credentialsFor(env.sim));
	expect(refused.activation.status).toBe('error');
	expect(refused.activation.error.message).toBe('2sms answered 403: Forbidden (InvalidRequest)');
	expect(refused.saved()).toEqual({});

	const before = reports().length;
	const twice = await activate(workflow({ optInKeywords: 'START, STOP' }), credentialsFor(env.sim));
	expect(twice.activation.error.message).toBe('"STOP" is in both Opt-Out Keywords and Opt-In Keywords (as "STOP"): a keyword may mean one thing only');
	const badCode = await activate(workflow({ shortCode: 'sixty' }), credentialsFor(env.sim));
	expect(badCode.activation.error.message).toBe('Short Code "sixty" must be 3 to 8 digits');
	expect(reports().length).toBe(before);
});

test('after n8n restarts from what it saved, replies emitted before are not emitted again, and later ones are', async () => {
	const trigger = await activate(workflow(), credentialsFor(env.sim));
	reply({ message: 'STOP' });
	expect(shown(await trigger.poll())).toEqual([['optOut', 'STOP', 'STOP']]);
	reply({ message: 'hello' });
	expect(await trigger.poll()).toMatchObject({ status: 'nothing' }); // remembered in memory only
	reply({ message: 'HELP', from: '447700900558' });

	const restarted = await trigger.restart();
	expect(shown(restarted.activation)).toEqual([['help', 'HELP', 'HELP']]);
});

test('Fetch Test Event (a manual run) shows the newest keyword reply of the last day', async () => {
	reply({ message: 'STOP', at: ago(3 * 3600) });
	reply({ message: 'Start', at: ago(600) });
	reply({ message: 'thanks', at: ago(60) });
	reply({ message: 'STOP', at: ago(2 * 86400) });
	const result = await runWorkflow(workflow(), { credentials: credentialsFor(env.sim) });

	expect(result.status).toBe('success');
	expect(result.items(TRIGGER).map((item) => [item.json.event, item.json.text])).toEqual([['optIn', 'Start']]);
	const [request] = reports();
	expect(Date.parse(request.query.EndDate) - Date.parse(request.query.StartDate)).toBe(86_400_000);
});
