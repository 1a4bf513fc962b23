import type { IDataObject } from 'n8n-workflow';

import { isUuid, shapeOf } from './answers';
import type { FailedAnswer, OpentactClient } from './client';

/*
 * Messaging profiles (docs/api-notes.md, Opentact "Messaging profiles"): where a number's inbound
 * SMS are POSTed (`callback_url`, then `callback_url2`). Read by the Messaging Profile resource,
 * the profile picker, and the trigger, which points `callback_url` at n8n and back.
 */

/** FACT: `GET /profile/messaging` answers `{success, payload: [profile]}`, an array, not paged. */
const PROFILE_LIST_PATH = '/profile/messaging';
const profilePath = (uuid: string) => `/profile/messaging/${uuid}`;

/**
 * ASSUMED: the most profiles one account's list is believed to hold. The list is not paged, so
 * its length is the server's; a longer one is refused with words rather than listed.
 */
export const MAX_PROFILES = 1000;

/** FACT (Opentact's old documentation): a callback URL holds 10 to 255 characters. */
export const CALLBACK_URL_MAX_LENGTH = 255;

/** A profile as the nodes rely on it: its UUID checked, its name and callback URLs read. */
export interface Profile {
	uuid: string;
	name: string | null;
	/** Null when none is set (FACT: a profile without a webhook shows `callback_url: null`). */
	callbackUrl: string | null;
	callbackUrl2: string | null;
	/** The profile object exactly as Opentact answered it. */
	raw: IDataObject;
}

export type ProfileRead = { ok: true; profile: Profile } | { ok: false; answer: FailedAnswer } | { ok: false; problem: string };

export type ProfileListRead = { ok: true; profiles: Profile[] } | { ok: false; answer: FailedAnswer } | { ok: false; problem: string };

/** A callback URL field: text, or none (null, absent or empty); anything else is unreadable. */
function readUrl(value: unknown): string | null | undefined {
	if (value === undefined || value === null || value === '') return null;
	return typeof value === 'string' ? value : undefined;
}

/**
 * One profile answered by Opentact, checked before anything relies on it: an object with a
 * UUID-shaped `uuid` (the one asked for, if one was) and callback URLs that are text or none.
 * Problems quote only values that passed a shape check.
 */
export function checkProfile(payload: unknown, askedUuid?: string): { ok: true; profile: Profile } | { ok: false; problem: string } {
	if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
		return { ok: false, problem: `the answer held ${shapeOf(payload)} where one messaging profile was expected` };
	}
	const raw = payload as IDataObject;
	const uuid = typeof raw.uuid === 'string' && isUuid(raw.uuid) ? raw.uuid.toLowerCase() : undefined;
	if (uuid === undefined) return { ok: false, problem: 'a messaging profile answered has no UUID' };
	if (askedUuid !== undefined && uuid !== askedUuid.toLowerCase()) {
		return { ok: false, problem: `asked for messaging profile ${askedUuid.toLowerCase()}, it answered profile ${uuid}` };
	}
	const callbackUrl = readUrl(raw.callback_url);
	const callbackUrl2 = readUrl(raw.callback_url2);
	if (callbackUrl === undefined || callbackUrl2 === undefined) {
		return { ok: false, problem: `messaging profile ${uuid} has a callback URL that is not text` };
	}
	const name = typeof raw.name === 'string' ? raw.name : null;
	return { ok: true, profile: { uuid, name, callbackUrl, callbackUrl2, raw } };
}

/** `GET /profile/messaging/{uuid}`: the profile, checked to be the one asked for. */
export async function readProfile(client: OpentactClient, uuid: string): Promise<ProfileRead> {
	const answer = await client.send({ method: 'GET', path: profilePath(uuid) });
	if (!answer.ok) return { ok: false, answer };
	return checkProfile(answer.payload, uuid);
}

/**
 * `GET /profile/messaging`: every profile of the account. A list that is not a list, longer than
 * MAX_PROFILES, or with an entry that is not a readable profile proves nothing about where
 * inbound SMS go, so it is refused as a whole rather than shown in part.
 */
export async function listProfiles(client: OpentactClient): Promise<ProfileListRead> {
	const answer = await client.send({ method: 'GET', path: PROFILE_LIST_PATH });
	if (!answer.ok) return { ok: false, answer };
	const { payload } = answer;
	if (!Array.isArray(payload)) return { ok: false, problem: `the profile list answered ${shapeOf(payload)} where a list was expected` };
	if (payload.length > MAX_PROFILES) {
		return { ok: false, problem: `the profile list holds ${payload.length} profiles, more than the ${MAX_PROFILES} one account is believed to have` };
	}
	const profiles: Profile[] = [];
	for (const [position, entry] of payload.entries()) {
		const checked = checkProfile(entry);
		if (!checked.ok) return { ok: false, problem: `entry ${position} of the profile list: ${checked.problem.replace(/^the answer held/, 'it is')}` };
		profiles.push(checked.profile);
	}
	return { ok: true, profiles };
}

/** `PATCH /profile/messaging/{uuid}` with `{callback_url}` (null clears it). Its answer proves nothing: read the profile back. */
export async function setCallbackUrl(client: OpentactClient, uuid: string, callbackUrl: string | null) {
	return await client.send({ method: 'PATCH', path: profilePath(uuid), body: { callback_url: callbackUrl } });
}

/**
 * A callback URL as messages may show it: its origin only. Its path and query may hold someone's
 * secret (ours, or another service's token in a path), so they are never quoted.
 */
export function describeUrl(url: string | null): string {
	if (url === null) return 'no callback URL';
	const text = url.trim().slice(0, 2048);
	if (!URL.canParse(text)) return 'a callback URL that is not a web address';
	const parsed = new URL(text);
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `a ${parsed.protocol} address`;
	const more = parsed.pathname !== '/' || parsed.search !== '' ? '/…' : '';
	return `${parsed.origin}${more}`;
}

/**
 * The query parameter that carries the trigger's secret in the callback URL it registers
 * (`…/webhook/<id>/opentact?secret=…`). Defined here, with the profiles, because every place that
 * shows a profile hides its value (see hideCallbackSecret). ASSUMED: Opentact POSTs to the URL as
 * stored, query included (simulator OPENTACT_CALLBACK_URL_KEPT_WHOLE).
 */
export const CALLBACK_SECRET_PARAM = 'secret';

/**
 * A callback URL with the value of every `secret` query parameter replaced by `[redacted]`: the
 * URL a trigger registered is shown by Get Many and the picker, and its secret must not be copied
 * into an execution or an audit trail. Linear: split on `?`, `&` and `#`, no pattern.
 */
export function hideCallbackSecret(url: string | null): string | null {
	if (url === null) return null;
	const queryAt = url.indexOf('?');
	if (queryAt === -1) return url;
	const hashAt = url.indexOf('#', queryAt);
	const end = hashAt === -1 ? url.length : hashAt;
	const prefix = `${CALLBACK_SECRET_PARAM}=`;
	const query = url
		.slice(queryAt + 1, end)
		.split('&')
		.map((pair) => (pair.startsWith(prefix) ? `${prefix}[redacted]` : pair))
		.join('&');
	return `${url.slice(0, queryAt + 1)}${query}${url.slice(end)}`;
}
