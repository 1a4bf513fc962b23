import type { IHookFunctions, INodeProperties, IPollFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { DEFAULT_KEYWORDS, type InboundEvent, type KeywordRules, keywordRules } from '../../shared/keywords';

/*
 * The fields both Opentact triggers show (the webhook trigger adds the messaging profile): which
 * events start the workflow, and the keyword lists that decide them (nodes/shared/keywords.ts).
 */

/** The Events choice for "any inbound message": every readable message, keyword or not. */
export const ANY_MESSAGE = 'anyMessage';

export const eventsField: INodeProperties = {
	displayName: 'Events',
	name: 'events',
	type: 'multiOptions',
	required: true,
	default: ['optOut'],
	description: 'Which inbound SMS start the workflow. Each message is one event: a keyword event when the whole message is a keyword of its list, else "inbound".',
	options: [
		{ name: 'Any Inbound Message', value: ANY_MESSAGE, description: 'Every inbound SMS, keyword or not' },
		{ name: 'Help Keyword', value: 'help', description: 'The whole message is a help keyword (HELP, INFO)' },
		{ name: 'Opt-In Keyword', value: 'optIn', description: 'The whole message is an opt-in keyword (START, UNSTOP)' },
		{ name: 'Opt-Out Keyword', value: 'optOut', description: 'The whole message is an opt-out keyword (STOP, QUIT, …)' },
	],
};

// Defaults are literals, as n8n's lint requires; they must equal DEFAULT_KEYWORDS of
// nodes/shared/keywords.ts (test/opentact/triggerFields.test.js holds them equal).
export const keywordFields: INodeProperties[] = [
	{
		displayName: 'Opt-Out Keywords',
		name: 'optOutKeywords',
		type: 'string',
		default: 'STOP, QUIT, END, REVOKE, OPT OUT, CANCEL, UNSUBSCRIBE, STOPALL',
		description:
			'Replies that mean "stop texting me", separated by commas. A message matches when all of it is one keyword, ignoring case, spaces, punctuation and accents: "Stop." is STOP, "stop please" is not.',
	},
	{
		displayName: 'Opt-In Keywords',
		name: 'optInKeywords',
		type: 'string',
		default: 'START, UNSTOP',
		description: 'Replies that mean "text me again", separated by commas, matched like the opt-out keywords',
	},
	{
		displayName: 'Help Keywords',
		name: 'helpKeywords',
		type: 'string',
		default: 'HELP, INFO',
		description: 'Replies asking for help, separated by commas, matched like the opt-out keywords',
	},
];

export interface TriggerSettings {
	/** The events chosen; a message whose event is not among them starts nothing. */
	wants: (event: InboundEvent) => boolean;
	rules: KeywordRules;
}

type TriggerContext = IHookFunctions | IPollFunctions | IWebhookFunctions;

/** The events and keyword lists, checked: a list that cannot be used refuses activation and every poll. */
export function readTriggerSettings(ctx: TriggerContext): TriggerSettings {
	const events = ctx.getNodeParameter('events', []) as unknown;
	const chosen = new Set(Array.isArray(events) ? events.filter((event): event is string => typeof event === 'string') : []);
	if (chosen.size === 0) throw new NodeOperationError(ctx.getNode(), 'Choose at least one event under Events');
	const result = keywordRules({
		optOut: ctx.getNodeParameter('optOutKeywords', DEFAULT_KEYWORDS.optOut),
		optIn: ctx.getNodeParameter('optInKeywords', DEFAULT_KEYWORDS.optIn),
		help: ctx.getNodeParameter('helpKeywords', DEFAULT_KEYWORDS.help),
	});
	if (!result.ok) throw new NodeOperationError(ctx.getNode(), result.problem);
	const any = chosen.has(ANY_MESSAGE);
	return { wants: (event) => any || chosen.has(event), rules: result.rules };
}
