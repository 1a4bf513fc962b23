import type { INode, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * The Dry Run option of every operation that changes something (Disable SMS, Enable SMS, Remove
 * from and Add to Stop Log), with the same name and words in both nodes. Under it, items are read,
 * checked and looked up exactly as in a real run, and each reports what would change; nothing
 * that changes state is sent.
 */
export const dryRunOption: INodeProperties = {
	displayName: 'Dry Run',
	name: 'dryRun',
	type: 'boolean',
	default: false,
	description:
		'Whether to only read and check each item and report what would change (outcome "wouldDisable", "wouldRemove", …, "alreadyDisabled", "alreadyOnStopLog", …, or for 2sms "notListed" when 2sms lists no entry, with dryRun true), without sending any change. Bad input and unreadable answers fail items as in a real run.',
};

/**
 * Whether a run's Options turn Dry Run on: true or false, or the text "true" or "false" an
 * expression may give. Anything else stops the run before any request: a value meant as "yes"
 * must never be taken for "no" and let real changes through.
 */
export function readDryRun(node: INode, options: Record<string, unknown>): boolean {
	const value = options.dryRun;
	if (value === undefined || value === false || value === 'false') return false;
	if (value === true || value === 'true') return true;
	throw new NodeOperationError(node, 'Dry Run must be true or false', {
		description: 'Nothing was sent. Turn Dry Run on or off, or make its expression give true or false.',
	});
}
