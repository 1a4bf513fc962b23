import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * Reading one parameter for many items, fast.
 *
 * n8n evaluates an expression once per item through a full workflow data proxy, about a
 * millisecond each: 10,000 items with three expressions spend half a minute before a request
 * leaves. The expressions people write for these fields are nearly always `{{ $json.phone }}` or
 * a text around such references, so those are read straight off the item. The fast path only
 * answers when the result is certain to equal n8n's: the referenced values are own properties
 * holding text, numbers, booleans or null, or a last key that is absent (undefined, or nothing
 * inside a text). Anything else (other variables, functions, objects, a path through a missing
 * value) goes through `getNodeParameter`, errors included.
 */
type Part = { text: string } | { path: string[] };

const MISS = Symbol('miss');

/**
 * Keys n8n's own evaluation refuses or treats specially (prototype access): a path through
 * one of them is left to n8n, even when the item has such an own property (JSON.parse of a
 * webhook body creates an own `__proto__`).
 */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The longest expression the fast path reads. Expressions in these fields are a line at most;
 * a longer one goes to n8n, so the patterns below only ever run on short text.
 */
const MAX_FAST_EXPRESSION_LENGTH = 1000;

// One `{{ $json.a.b }}` / `{{ $json["a b"] }}` / `{{ $json.list[0] }}` reference.
const REFERENCE = /\{\{\s*\$json((?:\s*\.\s*[A-Za-z_$][\w$]*|\s*\[\s*(?:"[^"\\]*"|'[^'\\]*'|\d+)\s*\])+)\s*\}\}/g;
const STEP = /\.\s*([A-Za-z_$][\w$]*)|\[\s*(?:"([^"\\]*)"|'([^'\\]*)'|(\d+))\s*\]/g;

function parsePath(text: string): string[] {
	return [...text.matchAll(STEP)].map((step) => step[1] ?? step[2] ?? step[3] ?? step[4]);
}

/** The parts of `expression` (without its leading '='), or undefined when it is not that simple. */
function parseSimpleTemplate(expression: string): Part[] | undefined {
	const parts: Part[] = [];
	let end = 0;
	for (const match of expression.matchAll(REFERENCE)) {
		const text = expression.slice(end, match.index);
		if (text.includes('{{') || text.includes('}}')) return undefined;
		if (text) parts.push({ text });
		parts.push({ path: parsePath(match[1]) });
		end = match.index + match[0].length;
	}
	const rest = expression.slice(end);
	if (rest.includes('{{') || rest.includes('}}')) return undefined;
	if (rest) parts.push({ text: rest });
	return parts.some((part) => 'path' in part) ? parts : undefined;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** The value n8n would produce for `$json.<path>`, or MISS when only n8n can tell. */
function lookUp(json: unknown, path: string[]): unknown {
	let value = json;
	for (const [position, key] of path.entries()) {
		if (UNSAFE_KEYS.has(key)) return MISS;
		if (!isObject(value)) return MISS; // n8n throws here; let it say so
		if (!Object.prototype.hasOwnProperty.call(value, key)) {
			// An absent last key is undefined in n8n too; an inherited one (constructor, ...) is not ours to guess.
			return position === path.length - 1 && !(key in value) ? undefined : MISS;
		}
		value = value[key];
	}
	if (value === undefined || value === null || typeof value === 'string' || typeof value === 'boolean') return value;
	return typeof value === 'number' && Number.isFinite(value) ? value : MISS;
}

/** Returns a reader for parameter `name`; call it with each item index. */
export function itemParameterReader(
	ctx: IExecuteFunctions,
	name: string,
	fallback?: unknown,
): (itemIndex: number) => unknown {
	const slow = (itemIndex: number) => ctx.getNodeParameter(name, itemIndex, fallback);
	const raw = ctx.getNode().parameters[name];
	if (raw === undefined) return slow;
	if (typeof raw !== 'string' || !raw.startsWith('=')) {
		const fixed = slow(0); // a value without an expression is the same for every item
		return () => fixed;
	}
	const parts = raw.length > MAX_FAST_EXPRESSION_LENGTH ? undefined : parseSimpleTemplate(raw.slice(1));
	if (!parts) return slow;
	const items = ctx.getInputData();
	return (itemIndex) => {
		const json = items[itemIndex]?.json;
		if (parts.length === 1 && 'path' in parts[0]) {
			const value = lookUp(json, parts[0].path);
			return value === MISS ? slow(itemIndex) : value;
		}
		let text = '';
		for (const part of parts) {
			if ('text' in part) {
				text += part.text;
				continue;
			}
			const value = lookUp(json, part.path);
			if (value === MISS) return slow(itemIndex);
			text += value === undefined || value === null ? '' : String(value);
		}
		return text;
	};
}
