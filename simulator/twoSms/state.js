'use strict';

/**
 * The 2sms account: its stop log, keyed per (destination digits, short code), its address book
 * and its credits. Entries keep the API's own field names: {Destination, ShortCode, Reason,
 * DateAdded}; contacts the names the listing's filters use: {ContactID, FirstName, LastName,
 * EmailAddress, MobilePhone, AddressBookGroupID, PersonNumber} (plus `Inherited`, the
 * simulator's mark for a contact another user shares with this one).
 */
function createTwoSmsState() {
	let stopLog = new Map();
	let contacts = [];
	let credits = 0;
	// Bumped on every change, so a listing worked out once can serve all its pages.
	let version = 0;

	const key = (destination, shortCode) => `${destination}|${shortCode}`;

	function load(fixture) {
		const entries = fixture.stopLog ?? [];
		restore({
			credits: fixture.credits ?? 0,
			stopLog: entries,
			contacts: fixture.addressBook ?? contactsFor(entries),
		});
	}

	function restore(saved) {
		credits = saved.credits;
		stopLog = new Map(
			saved.stopLog.map((entry) => [key(entry.Destination, entry.ShortCode), { ...entry }]),
		);
		contacts = (saved.contacts ?? []).map((contact) => ({ ...contact }));
		version++;
	}

	return {
		load,
		save: () => ({
			credits,
			stopLog: [...stopLog.values()].map((entry) => ({ ...entry })),
			contacts: contacts.map((contact) => ({ ...contact })),
		}),
		restore,
		has: (destination, shortCode) => stopLog.has(key(destination, shortCode)),
		add(entry) {
			stopLog.set(key(entry.Destination, entry.ShortCode), { ...entry });
			version++;
		},
		remove(destination, shortCode) {
			stopLog.delete(key(destination, shortCode));
			version++;
		},
		/** In the order entries were added. */
		entries: () => [...stopLog.values()],
		/** The address book, in the order contacts were added. */
		contacts: () => contacts,
		addContact(contact) {
			contacts.push({ ...contact });
			version++;
		},
		/** Removes every contact `matches` says yes to; returns how many went. */
		removeContacts(matches) {
			const before = contacts.length;
			contacts = contacts.filter((contact) => !matches(contact));
			version++;
			return before - contacts.length;
		},
		get version() {
			return version;
		},
		get credits() {
			return credits;
		},
		spend(amount) {
			credits = Math.round((credits - amount) * 100) / 100;
		},
	};
}

/**
 * A fixture written before the address book existed: one contact per number on its stop log,
 * so the listing shows what it showed then.
 */
function contactsFor(entries) {
	const numbers = [...new Set(entries.map((entry) => entry.Destination))];
	return numbers.map((number, index) => ({
		ContactID: `sim-contact-${index + 1}`,
		FirstName: null,
		LastName: null,
		EmailAddress: null,
		MobilePhone: number,
		AddressBookGroupID: null,
		PersonNumber: null,
	}));
}

module.exports = { createTwoSmsState };
