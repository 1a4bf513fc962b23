/**
 * One redactor for every piece of provider text that reaches a user: an error message, its
 * description, the stored run error, the credential Test button, an output field. A provider may
 * echo what we sent it (a form body with the client secret, a header with the token, the
 * password in a "wrong password for …" message); such an echo must not become a copy of the
 * secret in an audit trail.
 *
 * It is fed two ways. The credential values of a run, registered when a node opens its client
 * and when a credential signs in; and every token a sign-in issued in this process. Both go into
 * one small module-level registry: both credentials and both nodes import this module, and
 * Node's module cache makes it one instance. The registry is bounded (oldest forgotten first);
 * a value that is forgotten is registered again the next time its credential is used.
 *
 * Linear by construction: each secret is looked for with `indexOf` (no pattern is built from a
 * secret, no regular expression runs on provider text), and the provider text is cut to a
 * bounded length first, so a megabyte of echo costs no more than a page.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/** What stands where a secret was. */
export const REDACTED = '[redacted]';

/**
 * Secrets shorter than this are replaced only where they stand alone (not inside a longer word
 * or number). Replacing every "12" or "ab" would turn a provider's message into a row of
 * markers and hide the very number it is about; and a secret that short is guessable anyway.
 */
export const MIN_SUBSTRING_SECRET_LENGTH = 4;

/** How much of one provider text is kept (characters of the provider's text, before markers). */
export const PROVIDER_TEXT_MAX_LENGTH = 1000;

/** How many values the registry keeps: both credentials of a few accounts and their tokens. */
const MAX_REMEMBERED = 200;

/** Credential fields whose values are secrets: hidden wherever they appear. */
const SECRET_FIELDS = ['apiKey', 'password', 'clientSecret', 'sessionToken', 'accessToken'] as const;

/**
 * Credential fields that name the account (half of a sign-in): hidden where they stand alone,
 * so an email or client ID is not copied into the audit trail, while a number that merely
 * contains a client ID's digits is left readable.
 */
const IDENTITY_FIELDS = ['email', 'clientId'] as const;

type Kind = 'secret' | 'identity';

const remembered = new Map<string, Kind>();

interface Pattern {
	form: string;
	/** Replaced only where it stands alone (identities and very short secrets). */
	wholeOnly: boolean;
}

/** The registry's patterns, worked out once per change of the registry (not once per message). */
let registryPatterns: Pattern[] | undefined;

/** Registers values to hide from now on (bounded; a value registered again becomes newest). */
export function rememberSecrets(values: Iterable<unknown>, kind: Kind = 'secret'): void {
	for (const value of values) {
		if (typeof value !== 'string' || value === '') continue;
		const known = remembered.get(value);
		// A value known as a secret stays one even if it is also someone's identity.
		const next = known === 'secret' ? 'secret' : kind;
		remembered.delete(value);
		remembered.set(value, next);
		if (known !== next) registryPatterns = undefined;
		if (remembered.size > MAX_REMEMBERED) {
			const oldest = remembered.keys().next().value as string;
			remembered.delete(oldest);
			registryPatterns = undefined;
		}
	}
}

/** Registers the secret and identity values of a credential (any of ours). */
export function rememberCredentialSecrets(credentials: ICredentialDataDecryptedObject | undefined): void {
	if (!credentials) return;
	rememberSecrets(SECRET_FIELDS.map((field) => credentials[field]), 'secret');
	rememberSecrets(IDENTITY_FIELDS.map((field) => credentials[field]), 'identity');
}

/**
 * Where the secrets to hide come from, besides the registry: a credential object, a list of
 * values, or anything else (an execute context, undefined), which adds nothing: the run's
 * credential values are in the registry since its client was opened.
 */
export type RedactionSource = ICredentialDataDecryptedObject | readonly unknown[] | object | null | undefined;

function patternsOf(values: Iterable<[string, Kind]>): Pattern[] {
	const patterns: Pattern[] = [];
	for (const [value, kind] of values) {
		for (const form of variants(value)) {
			patterns.push({ form, wholeOnly: kind === 'identity' || form.length < MIN_SUBSTRING_SECRET_LENGTH });
		}
	}
	return patterns;
}

function collect(source: RedactionSource): Pattern[] {
	registryPatterns ??= patternsOf(remembered);
	const extra = new Map<string, Kind>();
	const add = (value: unknown, kind: Kind) => {
		if (typeof value === 'string' && value !== '' && !remembered.has(value) && extra.get(value) !== 'secret') {
			extra.set(value, kind);
		}
	};
	if (Array.isArray(source)) {
		for (const value of source) add(value, 'secret');
	} else if (source && typeof source === 'object') {
		const record = source as Record<string, unknown>;
		for (const field of SECRET_FIELDS) add(record[field], 'secret');
		for (const field of IDENTITY_FIELDS) add(record[field], 'identity');
	}
	return extra.size === 0 ? registryPatterns : registryPatterns.concat(patternsOf(extra));
}

/** The forms an echo of `secret` may take: as sent in a form body or inside a JSON string. */
function variants(secret: string): string[] {
	const forms = new Set([secret]);
	forms.add(encodeURIComponent(secret));
	forms.add(new URLSearchParams({ v: secret }).toString().slice(2));
	forms.add(JSON.stringify(secret).slice(1, -1));
	return [...forms].filter((form) => form !== '');
}

const isWordChar = (code: number) =>
	(code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;

/** Whether text[start, end) stands alone: no letter, digit or underscore right before or after it. */
function standsAlone(text: string, start: number, end: number): boolean {
	return (start === 0 || !isWordChar(text.charCodeAt(start - 1))) && (end >= text.length || !isWordChar(text.charCodeAt(end)));
}

/**
 * The provider's text with every registered value (and every value of `source`) replaced by
 * `[redacted]`, cut to `maxLength` characters of the provider's text ("…" marks a cut).
 * Accepts anything: a non-string is shown as JSON.
 *
 * Usage: `redactProviderText(ctx, record.Status)`, `redactProviderText(credentials, body.message)`,
 * `redactProviderText(undefined, text)` (registry only).
 */
export function redactProviderText(source: RedactionSource, text: unknown, maxLength = PROVIDER_TEXT_MAX_LENGTH): string {
	const full = typeof text === 'string' ? text : text === undefined ? '' : (JSON.stringify(text) ?? String(text));
	const patterns = collect(source);
	let longest = 0;
	for (const { form } of patterns) longest = Math.max(longest, form.length);
	// Every occurrence that starts inside the kept part lies inside this window.
	const window = full.length > maxLength + longest ? full.slice(0, maxLength + longest) : full;
	const hidden: Array<[number, number]> = [];
	for (const { form, wholeOnly } of patterns) {
		for (let at = window.indexOf(form); at !== -1 && at < maxLength; at = window.indexOf(form, at + 1)) {
			if (!wholeOnly || standsAlone(full, at, at + form.length)) hidden.push([at, at + form.length]);
		}
	}
	hidden.sort((a, b) => a[0] - b[0]);
	let out = '';
	let position = 0;
	for (const [start, end] of hidden) {
		if (end <= position) continue; // inside a part already hidden
		if (start > position) out += window.slice(position, start);
		if (start >= position) out += REDACTED;
		position = end;
	}
	if (position < maxLength) out += window.slice(position, maxLength);
	return full.length > maxLength && position < full.length ? `${out}…` : out;
}

/**
 * A copy of a provider's JSON answer with every string redacted, bounded in depth and size, for
 * keeping a body on an error object without keeping an echo of a secret with it.
 */
export function redactProviderJson(source: RedactionSource, value: unknown, depth = 0): unknown {
	if (typeof value === 'string') return redactProviderText(source, value);
	if (typeof value !== 'object' || value === null) return value;
	if (depth >= 4) return '[…]';
	if (Array.isArray(value)) return value.slice(0, 50).map((entry) => redactProviderJson(source, entry, depth + 1));
	const copy: Record<string, unknown> = {};
	for (const key of Object.keys(value).slice(0, 50)) {
		copy[redactProviderText(source, key, 100)] = redactProviderJson(source, (value as Record<string, unknown>)[key], depth + 1);
	}
	return copy;
}
