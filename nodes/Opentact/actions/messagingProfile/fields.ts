import type { IExecuteFunctions, INodeParameterResourceLocator, INodeProperties } from 'n8n-workflow';

import { invalidInput } from '../../../shared/itemErrors';
import { itemParameterReader } from '../../../shared/itemParameter';
import { isUuid } from '../../transport/answers';

/*
 * The messaging-profile picker, one field for every place a profile is chosen: Enable SMS, the
 * Messaging Profile resource and the trigger. From the list (the account's profiles, searched by
 * name or UUID) or by ID.
 */

/** The list search the picker calls; each node using the picker lists it under `methods.listSearch`. */
export const PROFILE_SEARCH_METHOD = 'searchMessagingProfiles';

const UUID_PATTERN = '^\\s*[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\s*$';

/** The picker, named `name` (Enable SMS keeps `messagingProfileId`, so saved workflows keep their value). */
export function messagingProfileField(name: string, description: string): INodeProperties {
	return {
		displayName: 'Messaging Profile',
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: PROFILE_SEARCH_METHOD, searchable: true },
			},
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				placeholder: 'd8ddc2c8-3e41-471f-83e7-3b2a771241f7',
				validation: [{ type: 'regex', properties: { regex: UUID_PATTERN, errorMessage: 'Not a valid UUID' } }],
			},
		],
	};
}

const isLocator = (value: unknown): value is INodeParameterResourceLocator =>
	typeof value === 'object' && value !== null && '__rl' in value && 'value' in value;

/** A profile UUID from a field's value, or what is wrong with it (the label as the user sees it). */
export function checkProfileId(value: unknown): { ok: true; uuid: string } | { ok: false; problem: string } {
	const text = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
	if (text === '') return { ok: false, problem: 'is empty' };
	if (!isUuid(text)) return { ok: false, problem: 'is not a valid UUID (expected 8-4-4-4-12 hexadecimal digits)' };
	return { ok: true, uuid: text.toLowerCase() };
}

/**
 * A reader of a profile field for each item. The field is a picker now; a workflow saved when it
 * was a plain text field keeps a string (often `{{ $json.profile }}`), which is read exactly as
 * before, through the fast per-item reader. A picker value is read once when it is fixed, and
 * per item through n8n when its value is an expression.
 */
export function profileIdReader(ctx: IExecuteFunctions, name: string, label: string): (itemIndex: number) => string {
	const raw = ctx.getNode().parameters[name];
	const node = ctx.getNode();
	let readValue: (itemIndex: number) => unknown;
	if (isLocator(raw)) {
		const perItem = (itemIndex: number) => ctx.getNodeParameter(name, itemIndex, '', { extractValue: true });
		const fixed = typeof raw.value !== 'string' || !raw.value.startsWith('=');
		if (fixed) {
			const value = perItem(0);
			readValue = () => value;
		} else readValue = perItem;
	} else {
		readValue = itemParameterReader(ctx, name);
	}
	return (itemIndex) => {
		const value = readValue(itemIndex);
		const checked = checkProfileId(value);
		if (!checked.ok) throw invalidInput(node, itemIndex, label, value, checked.problem);
		return checked.uuid;
	};
}
