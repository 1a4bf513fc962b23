'use strict';
// What n8n's nodes panel and AI tool panel find for the words compliance staff type. The editor
// searches two fields of a node type only, its displayName and its codex `alias` (not the
// description), with its own fuzzy matcher: sublimeSearch from @n8n/utils, keys
// properties.displayName and properties.codex.alias (the same keys in n8n 2.41.1's editor bundle).
// Here the package is loaded the way n8n loads it (n8n-core's PackageDirectoryLoader reads the
// codex files next to the built nodes) and searched among all of n8n-nodes-base's nodes.
const { PackageDirectoryLoader } = require('n8n-core');
const { sublimeSearch } = require('@n8n/utils/search/sublime-search');
const baseNodeTypes = require('n8n-nodes-base/dist/types/nodes.json');
const { REPO_ROOT } = require('../../harness/env');

let ours;
beforeAll(async () => {
	const loader = new PackageDirectoryLoader(REPO_ROOT);
	await loader.loadAll();
	ours = loader.types.nodes;
});

const asItems = (descriptions) => descriptions.map((description) => ({ key: description.name, properties: description }));

/** The nodes panel: every node but the AI sub-nodes (n8n filters those out of the main search). */
const nodesPanel = () =>
	asItems([...baseNodeTypes, ...ours].filter((node) => !(node.codex?.categories ?? []).includes('AI')));

/**
 * The AI tool panel: n8n 2.41 derives "<displayName> Tool" from every usableAsTool node and keeps
 * its codex alias (convertNodeToAiTool / setToolCodex in n8n's tool-generation). n8n 1.123 drops
 * the alias from the tool's codex, so there the tools are found by name only.
 */
const toolPanel = () =>
	asItems(
		[...baseNodeTypes, ...ours]
			.filter((node) => node.usableAsTool)
			.map((node) => ({
				...node,
				displayName: `${node.displayName} Tool`,
				codex: { categories: ['AI'], ...(node.codex?.alias && { alias: node.codex.alias }) },
			})),
	);

const firstHit = (query, items) => sublimeSearch(query.toLowerCase(), items)[0]?.item.properties.displayName;

const FINDS = [
	['stop log', '2sms'],
	['remove from stop log', '2sms'],
	['add to stop log', '2sms'],
	['opt out', '2sms'],
	['opt-out', '2sms'],
	['opt in', '2sms'],
	['opt back in', '2sms'],
	['unsubscribe', '2sms'],
	['disable sms', 'Opentact'],
	['Disable SMS on number', 'Opentact'],
	['turn off sms', 'Opentact'],
	['opentact', 'Opentact'],
	['2sms', '2sms'],
];

test.each(FINDS)('typing "%s" in the nodes panel shows %s first', (query, node) => {
	expect(firstHit(query, nodesPanel())).toBe(node);
});

test.each(FINDS)('typing "%s" in the AI tool panel shows the %s tool first', (query, node) => {
	expect(firstHit(query, toolPanel())).toBe(`${node} Tool`);
});

test('"opt out" does not offer Opentact: disabling SMS on your own line is not a recipient opting out', () => {
	const hits = sublimeSearch('opt out', nodesPanel()).map(({ item }) => item.properties.displayName);
	expect(hits).toContain('2sms');
	expect(hits).not.toContain('Opentact');
});

describe('codex files (nodes/*/*.node.json), as n8n loaded them', () => {
	test('every node has its codex: categories n8n knows, aliases, no subcategories', () => {
		const knownCategories = new Set(baseNodeTypes.flatMap((node) => node.codex?.categories ?? []));
		expect(ours.map((node) => node.name).sort()).toEqual(['opentact', 'opentactPollingTrigger', 'opentactTrigger', 'twoSms', 'twoSmsTrigger']);
		for (const node of ours) {
			expect(node.codex.categories.length).toBeGreaterThan(0);
			for (const category of node.codex.categories) expect(knownCategories).toContain(category);
			expect(node.codex.categories).not.toContain('AI');
			expect(node.codex.alias.length).toBeGreaterThan(0);
			expect(node.codex).not.toHaveProperty('subcategories');
		}
	});

	test("documentation links are the providers' public pages, plain https addresses the node panel can append its ?utm_… query to", () => {
		// n8n builds the Docs link as `${primaryDocumentation[0].url}?utm_source=…`: a #fragment
		// would swallow that query (and match no heading), a ?query would get a second '?'.
		// The hosts are the providers' own documentation sites (tests stay on 127.0.0.1, so the
		// pages themselves were checked by hand; docs/publishing.md lists them).
		const PROVIDER_DOC_HOSTS = ['doc.opentact.org', 'portal.2sms.com', 'us.2sms.us'];
		for (const node of ours) {
			const { primaryDocumentation, credentialDocumentation } = node.codex.resources;
			for (const { url } of [...primaryDocumentation, ...credentialDocumentation]) {
				const parsed = new URL(url);
				expect(parsed.protocol).toBe('https:');
				expect(parsed.hash).toBe('');
				expect(parsed.search).toBe('');
				expect(PROVIDER_DOC_HOSTS).toContain(parsed.hostname);
			}
		}
	});
});
