'use strict';
// What the two trigger nodes show, held to the rules they share with the keyword module: the
// keyword fields' defaults (literals, as n8n's lint requires) are the shared default lists, and
// both nodes are triggers n8n can run (no inputs; the webhook trigger's three lifecycle methods).
const { OpentactTrigger } = require('../../dist/nodes/Opentact/OpentactTrigger.node');
const { OpentactPollingTrigger } = require('../../dist/nodes/Opentact/OpentactPollingTrigger.node');
const { DEFAULT_KEYWORDS } = require('../../dist/nodes/shared/keywords');

const field = (node, name) => node.description.properties.find((property) => property.name === name);

test.each([
	['Opentact Trigger', new OpentactTrigger()],
	['Opentact Polling Trigger', new OpentactPollingTrigger()],
])("%s offers the shared default keyword lists and the four events", (_, node) => {
	expect(field(node, 'optOutKeywords').default).toBe(DEFAULT_KEYWORDS.optOut);
	expect(field(node, 'optInKeywords').default).toBe(DEFAULT_KEYWORDS.optIn);
	expect(field(node, 'helpKeywords').default).toBe(DEFAULT_KEYWORDS.help);
	expect(field(node, 'events').options.map((option) => option.value).sort()).toEqual(['anyMessage', 'help', 'optIn', 'optOut']);
	expect(node.description.inputs).toEqual([]);
});

test('the webhook trigger registers itself (checkExists, create, delete) and picks its profile from the list or by ID', () => {
	const node = new OpentactTrigger();
	expect(Object.keys(node.webhookMethods.default).sort()).toEqual(['checkExists', 'create', 'delete']);
	expect(node.description.webhooks).toEqual([{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'opentact' }]);
	expect(field(node, 'messagingProfile').modes.map((mode) => mode.name)).toEqual(['list', 'id']);
	expect(typeof node.methods.listSearch.searchMessagingProfiles).toBe('function');
});

test('the polling trigger polls', () => {
	const node = new OpentactPollingTrigger();
	expect(node.description.polling).toBe(true);
	expect(typeof node.poll).toBe('function');
});
