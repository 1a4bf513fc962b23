'use strict';
// Disable SMS, the headline action, through n8n's engine against the simulator.
const {
	LEASES,
	FAST_RETRIES,
	SMS_ROUTE,
	LOOKUP_ROUTE,
	run,
	jsonOf,
	pairingOf,
	requestsTo,
	startSimulator,
} = require('./helpers');

let sim;
beforeAll(async () => {
	sim = await startSimulator();
});
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

test('numbers in five common formats and a lease UUID all get SMS disabled, with the audit fields', async () => {
	const input = [
		{ phone: '+1 201-777-1234' },
		{ phone: '(201) 777-1235' },
		{ phone: '12017771236' },
		{ phone: '201.555.0100' },
		{ phone: '+1 (212) 555 0142' },
		{ phone: LEASES.d0170.uuid.toUpperCase() },
	];
	const result = await run(sim, 'disable-sms', input);
	expect(result.status).toBe('success');
	const out = jsonOf(result.items('Opentact'));
	const expected = [
		['+12017771234', LEASES.a1234.uuid],
		['+12017771235', LEASES.a1235.uuid],
		['+12017771236', LEASES.a1236.uuid],
		['+12015550100', LEASES.b0100.uuid],
		['+12125550142', LEASES.c0142.uuid],
		[null, LEASES.d0170.uuid],
	];
	expect(out.map(({ phoneNumber, tnLeaseId, smsEnabled, outcome }) => [phoneNumber, tnLeaseId, smsEnabled, outcome])).toEqual(
		expected.map(([phoneNumber, tnLeaseId]) => [phoneNumber, tnLeaseId, false, 'disabled']),
	);
	for (const item of out) {
		expect(item.at).toMatch(ISO_TIME);
		// Simplified: the removed subscription is left out, so a first run and a re-run (nothing
		// removed) have the same columns; Simplify off keeps it (below).
		expect(item).not.toHaveProperty('subscription');
	}
	for (const lease of [LEASES.a1234, LEASES.a1235, LEASES.a1236, LEASES.b0100, LEASES.c0142, LEASES.d0170]) {
		expect(sim.state.opentact.smsEnabled(lease.tn)).toBe(false);
	}
	// Five lookups for five numbers; the UUID went straight to the DELETE.
	expect(requestsTo(sim, 'GET', LOOKUP_ROUTE)).toHaveLength(5);
	expect(requestsTo(sim, 'DELETE', SMS_ROUTE).map((entry) => entry.query.tn_lease).sort()).toEqual(
		expected.map(([, uuid]) => uuid).sort(),
	);
});

test('a number held as a JSON number, or built by a longer expression, is read like any other', async () => {
	const result = await run(sim, 'disable-sms', [{ phone: 12017771234 }, { area: '201', rest: '7771235' }], {
		parameters: { phoneNumber: "={{ $json.phone ?? ('+1 ' + $json.area + ' ' + $json.rest) }}" },
	});
	expect(jsonOf(result.items('Opentact')).map((item) => [item.phoneNumber, item.outcome])).toEqual([
		['+12017771234', 'disabled'],
		['+12017771235', 'disabled'],
	]);
	const plain = await run(sim, 'disable-sms', [{ phone: 12017771236 }]);
	expect(jsonOf(plain.items('Opentact'))[0]).toMatchObject({ phoneNumber: '+12017771236', outcome: 'disabled' });
});

test("the DELETE the simulator received matches Opentact's documentation (Disable SMS on Number): path, tn_lease query, X-Auth-Token, no body", async () => {
	const result = await run(sim, 'disable-sms', [{ phone: '+1 201-777-1234' }]);
	expect(result.status).toBe('success');
	const [lookup, remove] = sim.requests();
	expect(lookup).toMatchObject({ method: 'GET', path: '/rest/lease/tn/12017771234/tn', body: null });
	expect(remove).toMatchObject({
		method: 'DELETE',
		path: '/rest/lease/tn/number/subscription/sms',
		query: { tn_lease: LEASES.a1234.uuid },
		body: null,
		status: 200,
	});
	expect(Object.keys(remove.query)).toEqual(['tn_lease']);
	expect(remove.headers['x-auth-token']).toBe('[redacted]'); // present, and the recorder hid it
	expect(remove.headers.authorization).toBeUndefined();
	expect(remove.headers['content-type']).toBeUndefined();
	expect(sim.requests()).toHaveLength(2);
});

test('Simplify off returns the full subscription object as Opentact sent it', async () => {
	const result = await run(sim, 'disable-sms', [{ phone: '12017771234' }], { parameters: { simplify: false } });
	const [item] = jsonOf(result.items('Opentact'));
	expect(item.subscription.uuid).toBe('c5cc6326-0023-43d8-81a5-e7b7e019919d');
	expect(item.subscription.sms_campaign.sms_brand.brandId).toBe('BERV56F'); // a deep field of the documented object kept
	expect(item.subscription.created_by.email).toBe('sim.user@opentact.example');
});

test('a number whose SMS is already off is reported "alreadyDisabled", and a re-run fails nothing', async () => {
	const input = [{ phone: LEASES.b0101.tn }, { phone: LEASES.a1234.tn }];
	const first = await run(sim, 'disable-sms', input);
	expect(first.status).toBe('success');
	expect(jsonOf(first.items('Opentact')).map((item) => [item.outcome, item.smsEnabled, item.confirmedBy, item.providerMessage])).toEqual([
		['alreadyDisabled', false, 'answer', 'SMS subscription not found'],
		['disabled', false, 'answer', null],
	]);
	// The same columns whether or not something was removed.
	const columns = jsonOf(first.items('Opentact')).map((item) => Object.keys(item).sort().join());
	expect(columns[0]).toBe(columns[1]);
	const again = await run(sim, 'disable-sms', input);
	expect(again.status).toBe('success');
	expect(jsonOf(again.items('Opentact')).map((item) => item.outcome)).toEqual(['alreadyDisabled', 'alreadyDisabled']);
	expect(jsonOf(again.items('Opentact'))[1].tnLeaseId).toBe(LEASES.a1234.uuid);
});

test('with "Fail If Already Disabled" an already-off number is an error naming the reason', async () => {
	const result = await run(sim, 'disable-sms', [{ phone: LEASES.b0101.tn }], {
		options: { failIfAlreadyDisabled: true },
	});
	expect(result.status).toBe('error');
	expect(result.error.name).toBe('NodeApiError');
	expect(result.error.message).toBe('Item 0: Opentact answered 404: SMS subscription not found');
});

test('an unknown number fails only its own item (404 "TNLease not found"), the others are disabled', async () => {
	const input = [{ phone: LEASES.a1234.tn }, { phone: '+1 201 999 0000' }, { phone: LEASES.a1235.tn }];
	const result = await run(sim, 'disable-sms', input, { node: { continueOnFail: true } });
	expect(result.status).toBe('success');
	const out = jsonOf(result.items('Opentact'));
	expect(out.map((item) => item.outcome ?? 'error')).toEqual(['disabled', 'error', 'disabled']);
	expect(out[1].error).toBe('Item 1: +1 201 999 0000 is not a number leased by this Opentact account (Opentact answered 404: TNLease not found)');
	expect(out[1].message).toBe('HTTP 404; params.tn: Not found (12019990000)');
	expect(pairingOf(result.items('Opentact'))).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	expect(sim.state.opentact.smsEnabled(LEASES.a1235.tn)).toBe(false);
});

test('without Continue On Fail an unknown number fails the run with its item index', async () => {
	const result = await run(sim, 'disable-sms', [{ phone: '12019990000' }]);
	expect(result.status).toBe('error');
	expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '404', message: 'Item 0: +1 201 999 0000 is not a number leased by this Opentact account (Opentact answered 404: TNLease not found)' });
});

test("a lease of another account is refused (403) with Opentact's message", async () => {
	const result = await run(sim, 'disable-sms', [{ phone: LEASES.foreign.tn }], { node: { continueOnFail: true } });
	expect(jsonOf(result.items('Opentact'))[0].error).toBe('Item 0: Opentact answered 403: TNLease belongs to another account');
	expect(requestsTo(sim, 'DELETE', SMS_ROUTE)).toHaveLength(0);
});

test('a number that appears several times costs one lookup and one DELETE, and every item says disabled', async () => {
	const input = ['+1 201-777-1234', '2017771234', '(201) 777-1234', '12017771234'].map((phone) => ({ phone }));
	const result = await run(sim, 'disable-sms', input);
	expect(result.status).toBe('success');
	expect(requestsTo(sim, 'GET', LOOKUP_ROUTE)).toHaveLength(1);
	expect(requestsTo(sim, 'DELETE', SMS_ROUTE)).toHaveLength(1);
	expect(jsonOf(result.items('Opentact')).map((item) => [item.outcome, item.confirmedBy])).toEqual(input.map(() => ['disabled', 'answer']));
});

test('a bad number with Continue On Fail becomes an error item before any request is sent for it', async () => {
	const input = [{ phone: '555-12' }, { phone: LEASES.a1234.tn }, { phone: 'call me' }, { phone: 'ABCDEF12-0000-4000-8000-00000000000' }];
	const result = await run(sim, 'disable-sms', input, { node: { continueOnFail: true } });
	expect(result.status).toBe('success');
	const out = jsonOf(result.items('Opentact'));
	expect(out[0].error).toBe('Item 0: Phone Number "555-12" has 5 digits; a US or Canadian number has 10 (or 11 starting with 1)');
	expect(out[1].outcome).toBe('disabled');
	expect(out[2].error).toMatch(/^Item 2: Phone Number "call me" contains characters that cannot be in a phone number/);
	expect(out[3].error).toMatch(/^Item 3: Phone Number ".*" is not a valid lease UUID/);
	expect(pairingOf(result.items('Opentact'))).toEqual([0, 1, 2, 3].map((item) => ({ item })));
	expect(sim.requests().map((entry) => entry.method)).toEqual(['GET', 'DELETE']);
});

test('a bad number without Continue On Fail fails the run naming the item, and no change starts after it', async () => {
	const result = await run(sim, 'disable-sms', [{ phone: LEASES.a1234.tn }, { phone: '' }, { phone: LEASES.a1235.tn }]);
	expect(result.status).toBe('error');
	expect(result.error).toMatchObject({ name: 'NodeOperationError', message: 'Item 1: Phone Number is empty' });
	// Items are read as their work starts: item 0's lookup was already under way, nothing was changed.
	expect(requestsTo(sim, 'DELETE', SMS_ROUTE)).toHaveLength(0);
	expect(requestsTo(sim, 'GET', '/rest/lease/tn/12017771235/tn')).toHaveLength(0);
	expect(sim.state.opentact.smsEnabled(LEASES.a1234.tn)).toBe(true);
});

test('with the error output, failing items go to it paired to their input and the rest go on', async () => {
	const input = [
		{ phone: LEASES.a1234.tn, customer: 'A' },
		{ phone: 'not a number', customer: 'B' },
		{ phone: '12019990000', customer: 'C' },
		{ phone: LEASES.a1235.tn, customer: 'D' },
	];
	const result = await run(sim, 'disable-sms', input, { node: { onError: 'continueErrorOutput' }, options: FAST_RETRIES });
	expect(result.status).toBe('success');
	const [success, errors] = result.outputs('Opentact');
	expect(success.map((item) => [item.json.phoneNumber, item.pairedItem])).toEqual([
		['+12017771234', { item: 0 }],
		['+12017771235', { item: 3 }],
	]);
	expect(errors.map((item) => [item.json.customer, item.pairedItem])).toEqual([
		['B', { item: 1 }],
		['C', { item: 2 }],
	]);
	expect(errors[0].json.error).toMatch(/^Item 1: Phone Number "not a number"/);
	expect(errors[1].json.error).toBe('Item 2: +1 201 999 0000 is not a number leased by this Opentact account (Opentact answered 404: TNLease not found)');
});

test('50 mixed items in one run keep their order and pairing', async () => {
	const numbers = [LEASES.a1234, LEASES.a1235, LEASES.b0100, LEASES.b0101, LEASES.c0142].map((lease) => lease.tn);
	const input = Array.from({ length: 50 }, (_, index) => {
		if (index % 10 === 3) return { phone: `bad-${index}`, index };
		if (index % 10 === 7) return { phone: `1201999${String(index).padStart(4, '0')}`, index }; // not leased
		return { phone: numbers[index % numbers.length], index };
	});
	const result = await run(sim, 'disable-sms', input, { node: { onError: 'continueErrorOutput' } });
	expect(result.status).toBe('success');
	const [success, errors] = result.outputs('Opentact');
	expect(success).toHaveLength(40);
	expect(errors).toHaveLength(10);
	const successIndexes = success.map((item) => item.pairedItem.item);
	const errorIndexes = errors.map((item) => item.pairedItem.item);
	expect(successIndexes).toEqual(input.map((item) => item.index).filter((index) => index % 10 !== 3 && index % 10 !== 7));
	expect(errorIndexes).toEqual(input.map((item) => item.index).filter((index) => index % 10 === 3 || index % 10 === 7));
	for (const item of success) expect(item.json.phoneNumber).toBe(`+${input[item.pairedItem.item].phone}`);
	for (const item of errors) expect(item.json.index).toBe(item.pairedItem.item); // merged input is the paired one
	expect(errors.every((item) => item.json.error.startsWith(`Item ${item.pairedItem.item}: `))).toBe(true);
	// Five distinct leased numbers + five unknown ones: ten lookups, one DELETE per distinct lease.
	expect(requestsTo(sim, 'GET', LOOKUP_ROUTE)).toHaveLength(10);
	expect(requestsTo(sim, 'DELETE', SMS_ROUTE)).toHaveLength(5);
});
