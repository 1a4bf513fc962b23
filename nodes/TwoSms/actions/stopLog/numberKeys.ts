import type { PreparedItem } from '../../../shared/runOperation';

/** The same number asked for by several items: sent once, answered for each of them. */
export interface NumberGroup<T> {
	key: string;
	entry: T;
	itemIndexes: number[];
}

/** Numbers are compared as bare international digits, short codes as digits or nothing. */
export function numberKey(digits: string, shortCode: string | null | undefined): string {
	return `${digits}|${shortCode ?? ''}`;
}

/** Reads a number as 2sms echoes it ("447700900123", "+447700900123") into bare digits. */
export function echoedDigits(value: unknown): string {
	return typeof value === 'string' || typeof value === 'number' ? String(value).replace(/\D/g, '') : '';
}

/** Reads an echoed short code into the same form `numberKey` uses. */
export function echoedShortCode(value: unknown): string | null {
	const digits = echoedDigits(value);
	return digits === '' ? null : digits;
}

/**
 * Groups items by (number, short code), in order of first appearance. The first item's other
 * fields (reason, confirmation) are the ones sent.
 */
export function groupByNumber<T extends { digits: string; shortCode: string | null }>(
	items: Array<PreparedItem<T>>,
): Array<NumberGroup<T>> {
	const groups = new Map<string, NumberGroup<T>>();
	for (const { itemIndex, input } of items) {
		const key = numberKey(input.digits, input.shortCode);
		const group = groups.get(key);
		if (group) group.itemIndexes.push(itemIndex);
		else groups.set(key, { key, entry: input, itemIndexes: [itemIndex] });
	}
	return [...groups.values()];
}
