import type { IExecuteFunctions } from 'n8n-workflow';

import { itemParameterReader } from '../../../shared/itemParameter';
import { invalidInput } from '../../../shared/itemErrors';
import { parseNanpNumber } from '../../../shared/phoneNumber';

/** What the Phone Number field named: a lease by its UUID, or a US/CA number to resolve. */
export type LeaseTarget =
	| { kind: 'uuid'; uuid: string }
	| { kind: 'number'; tn: string; e164: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Hex with dashes and at least one letter: meant as a UUID, not as a phone number. */
const UUID_ATTEMPT = /^(?=.*[a-f])[0-9a-f-]{8,}$/i;

export const isUuid = (value: string) => UUID.test(value);

export const PHONE_NUMBER_LABEL = 'Phone Number';

/**
 * A reader of the Phone Number field, made once per run (the shared fast path reads
 * `{{ $json.phone }}` straight off the item); each call checks one item's value and throws that
 * item's NodeOperationError when it is not a number or a lease UUID.
 */
export function leaseTargetReader(ctx: IExecuteFunctions): (itemIndex: number) => LeaseTarget {
	const readValue = itemParameterReader(ctx, 'phoneNumber');
	const node = ctx.getNode();
	return (itemIndex) => {
		const value = readValue(itemIndex);
		const text = typeof value === 'string' ? value.trim() : value;
		if (text === '' || text === undefined || text === null) {
			throw invalidInput(node, itemIndex, PHONE_NUMBER_LABEL, value, 'is empty', 'Map a phone number or lease UUID from the input, e.g. {{ $json.phone }}');
		}
		if (typeof text === 'string' && UUID.test(text)) return { kind: 'uuid', uuid: text.toLowerCase() };
		if (typeof text === 'string' && UUID_ATTEMPT.test(text)) {
			throw invalidInput(node, itemIndex, PHONE_NUMBER_LABEL, value, 'is not a valid lease UUID (expected 8-4-4-4-12 hexadecimal digits)');
		}
		const parsed = parseNanpNumber(text);
		if (!parsed.ok) {
			throw invalidInput(node, itemIndex, PHONE_NUMBER_LABEL, value, parsed.problem, 'Use a US or Canadian number such as +1 201-777-1234, or a lease UUID');
		}
		return { kind: 'number', tn: parsed.digits, e164: parsed.e164 };
	};
}

/** A reader of a field that must hold a UUID (messaging profile, campaign). */
export function uuidFieldReader(ctx: IExecuteFunctions, name: string, label: string): (itemIndex: number) => string {
	const readValue = itemParameterReader(ctx, name);
	const node = ctx.getNode();
	return (itemIndex) => {
		const value = readValue(itemIndex);
		const text = typeof value === 'string' ? value.trim() : '';
		if (text === '') throw invalidInput(node, itemIndex, label, value, 'is empty');
		if (!UUID.test(text)) {
			throw invalidInput(node, itemIndex, label, value, 'is not a valid UUID (expected 8-4-4-4-12 hexadecimal digits)');
		}
		return text.toLowerCase();
	};
}
