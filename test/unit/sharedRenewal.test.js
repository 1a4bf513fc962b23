'use strict';
// Token renewal shared by the requests in flight (both credentials use it).
const { renewOnce, noteTokenWorked } = require('../../dist/nodes/shared/sharedRenewal');

const counter = () => {
	let logins = 0;
	return { login: async () => `token-${++logins}`, count: () => logins };
};

test('requests holding the same expired token share one login', async () => {
	const { login, count } = counter();
	const account = `account-${Math.random()}`;
	const tokens = await Promise.all(Array.from({ length: 10 }, () => renewOnce(account, 'T0', login)));
	expect(new Set(tokens)).toEqual(new Set(['token-1']));
	expect(count()).toBe(1);
});

test('a late request holding a token renewed twice since gets the newest token, not a dead one', async () => {
	const { login, count } = counter();
	const account = `account-${Math.random()}`;
	const second = await renewOnce(account, 'T0', login); // T0 → token-1
	expect(second).toBe('token-1');
	noteTokenWorked('token-1'); // it served requests, then expired too (a token never used is not renewed twice)
	expect(await renewOnce(account, 'token-1', login)).toBe('token-2');
	expect(await renewOnce(account, 'T0', login)).toBe('token-2'); // a request still holding T0
	expect(count()).toBe(2);
});

test('accounts do not share renewals, and a failed login is not remembered', async () => {
	let fail = true;
	const flaky = async () => {
		if (fail) throw new Error('login refused');
		return 'fresh';
	};
	const account = `account-${Math.random()}`;
	await expect(renewOnce(account, 'T0', flaky)).rejects.toThrow('login refused');
	fail = false;
	expect(await renewOnce(account, 'T0', flaky)).toBe('fresh');
	expect(await renewOnce(`${account}-other`, 'T0', async () => 'other')).toBe('other');
});
