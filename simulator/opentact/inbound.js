'use strict';

const { success, failure, invalid } = require('./envelope');
const { presentLease } = require('./present');
const { UUID_PATTERN } = require('./leases');
const { readPaging } = require('./paging');
const {
	OPENTACT_SMSI_DEFAULTS,
	OPENTACT_SMSI_STATES,
	OPENTACT_SMSI_NOT_FOUND_MESSAGE,
	OPENTACT_INBOUND_SEARCH,
} = require('../assumed');

// The body filters of POST /rest/sms/search/inbound (FACT: names; ASSUMED: how they match, assumed.js).
const NUMBER_FILTERS = Object.freeze(['from', 'to', 'tn']);
const ORDERS = Object.freeze(['ASC', 'DESC']);

/**
 * Inbound SMS (swagger ISMSI) as Opentact stores them: received on one of our leased numbers,
 * searchable (POST /rest/sms/search/inbound) and readable (GET /rest/sms/inbound/{uuid}).
 * Messages arrive only through receive() — the simulator's stand-in for a carrier.
 */
function createInboundSms({ state, ids }) {
	let messages = []; // ISMSI objects in arrival order
	let threads = new Map(); // "tn|from" -> thread UUID

	/**
	 * Stores one inbound SMS {to, from, message, created_on?, state?, delivered?, readed?} and returns
	 * it with the lease it arrived on. Throws a TypeError for input no carrier would deliver.
	 */
	function receive(spec) {
		if (!spec || typeof spec !== 'object') throw new TypeError('inbound SMS must be an object');
		const to = phoneDigits(spec.to, 'to');
		const lease = state.find(to);
		if (!lease) throw new TypeError(`to ${to} is not a number leased in the simulator`);
		if (!lease.sms) throw new TypeError(`to ${to}: SMS is not enabled on this number`);
		const from = phoneDigits(spec.from, 'from');
		if (typeof spec.message !== 'string') throw new TypeError('message must be a string');
		const createdOn = instant(spec.created_on ?? new Date(), 'created_on');
		const smsState = spec.state ?? OPENTACT_SMSI_DEFAULTS.state;
		if (!OPENTACT_SMSI_STATES.includes(smsState)) {
			throw new TypeError(`state must be one of ${OPENTACT_SMSI_STATES.join(', ')}`);
		}
		for (const flag of ['delivered', 'readed']) {
			if (spec[flag] !== undefined && typeof spec[flag] !== 'boolean')
				throw new TypeError(`${flag} must be a boolean`);
		}

		const threadKey = `${lease.tn}|${from}`;
		if (!threads.has(threadKey)) threads.set(threadKey, ids.uuid());
		const message = {
			uuid: ids.uuid(),
			to: String(lease.tn),
			from,
			message: spec.message,
			thread: threads.get(threadKey),
			state: smsState,
			delivered: spec.delivered ?? OPENTACT_SMSI_DEFAULTS.delivered,
			readed: spec.readed ?? OPENTACT_SMSI_DEFAULTS.readed,
			tn: presentLease(lease, state.catalog).tn,
			tnlease: lease.uuid,
			provider_event: OPENTACT_SMSI_DEFAULTS.provider_event,
			account: lease.account,
			created_on: createdOn,
		};
		messages.push(message);
		return { message: structuredClone(message), lease };
	}

	/** POST /rest/sms/search/inbound?take=&skip= with the documented body filters. */
	function search(ctx) {
		const body =
			ctx.body.type === 'json' && ctx.body.value && typeof ctx.body.value === 'object'
				? ctx.body.value
				: {};
		const paging = readPaging(ctx.query, body);
		if (paging.refused) return paging.refused;
		const filters = readFilters(body);
		if (filters.refused) return filters.refused;

		const matching = messages
			.map((message, arrival) => ({ message, arrival }))
			.filter(({ message }) => message.account === ctx.account && filters.match(message))
			.sort((a, b) => filters.direction * compareArrival(a, b));
		const data = matching
			.slice(paging.skip, paging.skip + paging.take)
			.map(({ message }) => structuredClone(message));
		return success({ take: paging.take, skip: paging.skip, total: matching.length, data });
	}

	/** GET /rest/sms/inbound/:uuid */
	function byUuid(ctx) {
		const { uuid } = ctx.params;
		if (!UUID_PATTERN.test(uuid)) return invalid('params.uuid', 'invalid uuid', uuid);
		const message = messages.find(
			(candidate) => candidate.uuid === uuid.toLowerCase() && candidate.account === ctx.account,
		);
		if (!message) {
			const fields = { 'params.uuid': { message: 'Not found', value: uuid } };
			return failure(404, OPENTACT_SMSI_NOT_FOUND_MESSAGE, fields);
		}
		return success(structuredClone(message));
	}

	return {
		receive,
		search,
		byUuid,
		all: () => structuredClone(messages),
		load() {
			messages = [];
			threads = new Map();
		},
		save: () => ({ messages: structuredClone(messages), threads: [...threads] }),
		restore(saved) {
			messages = structuredClone(saved.messages);
			threads = new Map(saved.threads);
		},
	};
}

/** Oldest first; equal created_on in arrival order. */
function compareArrival(a, b) {
	return a.message.created_on.localeCompare(b.message.created_on) || a.arrival - b.arrival;
}

/** The body's filters as one predicate and a sort direction, or the 400 naming the bad field. */
function readFilters(body) {
	const refuse = (field, message) => ({ refused: invalid(`body.${field}`, message, body[field]) });
	const tests = [];

	for (const field of ['created_on_from', 'created_on_to']) {
		if (body[field] === undefined || body[field] === null) continue;
		const at = typeof body[field] === 'string' ? Date.parse(body[field]) : NaN;
		if (Number.isNaN(at)) return refuse(field, `${field} must be an ISO 8601 date`);
		// ISO strings of one format compare as the instants they name.
		const bound = new Date(at).toISOString();
		const inclusive = OPENTACT_INBOUND_SEARCH.createdOnBoundsInclusive;
		tests.push(
			field === 'created_on_from'
				? (message) => message.created_on > bound || (inclusive && message.created_on === bound)
				: (message) => message.created_on < bound || (inclusive && message.created_on === bound),
		);
	}

	for (const field of NUMBER_FILTERS) {
		if (body[field] === undefined || body[field] === null) continue;
		const wanted = String(body[field]).trim().replace(/^\+/, '');
		if (!/^\d{1,15}$/.test(wanted)) return refuse(field, `${field} must be a phone number`);
		const own = field === 'tn' ? (message) => String(message.tn.tn) : (message) => message[field];
		tests.push((message) => own(message) === wanted);
	}
	if (body.state !== undefined && body.state !== null) {
		if (!OPENTACT_SMSI_STATES.includes(body.state))
			return refuse('state', `state must be one of ${OPENTACT_SMSI_STATES.join(', ')}`);
		tests.push((message) => message.state === body.state);
	}
	if (body.readed !== undefined && body.readed !== null) {
		if (typeof body.readed !== 'boolean') return refuse('readed', 'readed must be a boolean');
		tests.push((message) => message.readed === body.readed);
	}
	if (body.message !== undefined && body.message !== null) {
		if (typeof body.message !== 'string') return refuse('message', 'message must be a string');
		const needle = body.message.toLowerCase();
		tests.push((message) => message.message.toLowerCase().includes(needle));
	}

	const order = body.order?.created_on ?? OPENTACT_INBOUND_SEARCH.defaultOrder;
	if (
		(body.order !== undefined && (typeof body.order !== 'object' || body.order === null)) ||
		typeof order !== 'string' ||
		!ORDERS.includes(order.toUpperCase())
	) {
		return {
			refused: invalid('body.order.created_on', 'order.created_on must be ASC or DESC', order),
		};
	}
	return {
		direction: order.toUpperCase() === 'ASC' ? 1 : -1,
		match: (message) => tests.every((test) => test(message)),
	};
}

/** 11-digit string without '+' for US numbers; other international numbers as their digits. */
function phoneDigits(value, name) {
	const digits = String(value ?? '').replace(/[\s().+-]/g, '');
	const normalised = /^\d{10}$/.test(digits) ? `1${digits}` : digits;
	if (!/^\d{8,15}$/.test(normalised)) throw new TypeError(`${name} must be a phone number`);
	return normalised;
}

function instant(value, name) {
	const at = value instanceof Date ? value.getTime() : Date.parse(String(value));
	if (Number.isNaN(at)) throw new TypeError(`${name} must be an ISO 8601 date`);
	return new Date(at).toISOString();
}

module.exports = { createInboundSms };
