'use strict';

const { success, failure, invalid } = require('./envelope');
const { UUID_PATTERN } = require('./leases');
const {
	OPENTACT_PROFILE_DEFAULTS,
	OPENTACT_PROFILE_ACCOUNT_AS_UUID,
	OPENTACT_PROFILE_PATCH_FIELDS,
	OPENTACT_PROFILE_NULL_CLEARS_CALLBACK,
	OPENTACT_CALLBACK_URL2_SAME_LIMITS,
	OPENTACT_PROFILE_NAME_LENGTH,
	OPENTACT_PROFILE_NOT_FOUND_MESSAGE,
} = require('../assumed');

// FACT (swagger IMessagingProfile): a profile's fields, in the order the API lists them.
const PROFILE_FIELDS = Object.freeze([
	'uuid',
	'name',
	'callback_url',
	'callback_url2',
	'number_pool_enable',
	'long_code_weight',
	'tollfree_weight',
	'skip_unhealthy_tns',
	'sticky_sender',
	'account',
	'created_on',
	'modified_on',
]);
// FACT (old docs): callback_url is 10..255 characters.
const CALLBACK_URL_LENGTH = Object.freeze({ min: 10, max: 255 });

/**
 * Messaging profiles: GET /rest/profile/messaging (an array, not paged), GET and PATCH
 * /rest/profile/messaging/{uuid}. The profiles live in the lease state's catalog, where leases and
 * SMS subscriptions read a profile's name; this module completes them to the API's shape and
 * edits them. A record is replaced, never changed in place, so a saved copy stays as it was.
 */
function createProfiles(state) {
	const profiles = () => state.catalog.profiles;

	/** After every state.load(fixture): each fixture profile completed (the fixture is never modified). */
	function load() {
		const completed = [...profiles().values()].map((profile) => complete(profile, state));
		profiles().clear();
		for (const profile of completed) profiles().set(profile.uuid, profile);
	}

	/** The caller's profile, or the 404 to answer (unknown and another account's alike). */
	function ownProfile(ctx) {
		const { uuid } = ctx.params;
		if (!UUID_PATTERN.test(uuid)) return { refused: invalid('params.uuid', 'invalid uuid', uuid) };
		const profile = profiles().get(uuid.toLowerCase());
		if (!profile || profile.account !== ctx.account) {
			const fields = { 'params.uuid': { message: 'Not found', value: uuid } };
			return { refused: failure(404, OPENTACT_PROFILE_NOT_FOUND_MESSAGE, fields) };
		}
		return { profile };
	}

	/** GET /rest/profile/messaging */
	function list(ctx) {
		const own = [...profiles().values()].filter((profile) => profile.account === ctx.account);
		return success(own.map(present));
	}

	/** GET /rest/profile/messaging/:uuid */
	function byUuid(ctx) {
		const { profile, refused } = ownProfile(ctx);
		return refused ?? success(present(profile));
	}

	/** PATCH /rest/profile/messaging/:uuid {name?, callback_url?, callback_url2?} */
	function update(ctx) {
		if (!UUID_PATTERN.test(ctx.params.uuid))
			return invalid('params.uuid', 'invalid uuid', ctx.params.uuid);
		const body = ctx.body.value;
		if (ctx.body.type !== 'json' || !body || typeof body !== 'object' || Array.isArray(body)) {
			return invalid('body', 'body must be a JSON object', ctx.body.value);
		}
		const problems = patchProblems(body);
		if (Object.keys(problems).length > 0) return failure(400, 'Validation failed', problems);
		const { profile, refused } = ownProfile(ctx);
		if (refused) return refused;

		const changes = Object.fromEntries(
			Object.entries(body).filter(([key, value]) => profile[key] !== value),
		);
		if (Object.keys(changes).length === 0) return success(present(profile));
		const updated = { ...profile, ...changes, modified_on: new Date().toISOString() };
		profiles().set(updated.uuid, updated);
		return success(present(updated));
	}

	return {
		load,
		list,
		byUuid,
		update,
		/** For a test: a profile in the API's shape, or undefined. */
		get: (uuid) => {
			const profile = profiles().get(String(uuid).toLowerCase());
			return profile ? present(profile) : undefined;
		},
		all: () => [...profiles().values()].map(present),
		save: () => [...profiles().values()].map((profile) => ({ ...profile })),
		restore(saved) {
			profiles().clear();
			for (const profile of saved) profiles().set(profile.uuid, { ...profile });
		},
	};
}

/** A fixture profile with every IMessagingProfile field. */
function complete(profile, state) {
	const created = profile.created_on ?? '2024-11-04T07:52:58.191Z';
	const account = String(profile.account ?? state.catalog.account.uuid);
	return {
		...OPENTACT_PROFILE_DEFAULTS,
		...profile,
		uuid: String(profile.uuid).toLowerCase(),
		account,
		created_on: created,
		modified_on: profile.modified_on ?? created,
	};
}

/** Only the documented fields, in the documented order (records keep `account` as a UUID). */
function present(profile) {
	const shown = Object.fromEntries(PROFILE_FIELDS.map((field) => [field, profile[field] ?? null]));
	if (!OPENTACT_PROFILE_ACCOUNT_AS_UUID) shown.account = { uuid: profile.account };
	return shown;
}

/** Every problem of a PATCH body at once, as {"body.<field>": {message, value}}. */
function patchProblems(body) {
	const problems = {};
	const add = (key, message) => {
		problems[`body.${key}`] = { message, value: body[key] ?? null };
	};
	for (const [key, value] of Object.entries(body)) {
		if (!OPENTACT_PROFILE_PATCH_FIELDS.includes(key)) {
			add(key, `${key} cannot be changed here`);
		} else if (key === 'name') {
			const { min, max } = OPENTACT_PROFILE_NAME_LENGTH;
			const length = typeof value === 'string' ? value.trim().length : -1;
			if (length < min || value.length > max) add(key, `name must be ${min}..${max} characters`);
		} else {
			const limited = key === 'callback_url' || OPENTACT_CALLBACK_URL2_SAME_LIMITS;
			if (value === null && OPENTACT_PROFILE_NULL_CLEARS_CALLBACK) continue;
			if (typeof value !== 'string') add(key, `${key} must be a string`);
			else if (limited && !withinLength(value)) {
				add(
					key,
					`${key} must be ${CALLBACK_URL_LENGTH.min}..${CALLBACK_URL_LENGTH.max} characters`,
				);
			}
		}
	}
	return problems;
}

function withinLength(value) {
	return value.length >= CALLBACK_URL_LENGTH.min && value.length <= CALLBACK_URL_LENGTH.max;
}

module.exports = { createProfiles, PROFILE_FIELDS, CALLBACK_URL_LENGTH };
