'use strict';

/**
 * The 2sms account: its stop log, keyed per (destination digits, short code), and its credits.
 * Entries keep the API's own field names: {Destination, ShortCode, Reason, DateAdded}.
 */
function createTwoSmsState() {
	let stopLog = new Map();
	let credits = 0;

	const key = (destination, shortCode) => `${destination}|${shortCode}`;

	function load(fixture) {
		restore({ credits: fixture.credits ?? 0, stopLog: fixture.stopLog ?? [] });
	}

	function restore(saved) {
		credits = saved.credits;
		stopLog = new Map(
			saved.stopLog.map((entry) => [key(entry.Destination, entry.ShortCode), { ...entry }]),
		);
	}

	return {
		load,
		save: () => ({ credits, stopLog: [...stopLog.values()].map((entry) => ({ ...entry })) }),
		restore,
		has: (destination, shortCode) => stopLog.has(key(destination, shortCode)),
		add(entry) {
			stopLog.set(key(entry.Destination, entry.ShortCode), { ...entry });
		},
		remove(destination, shortCode) {
			stopLog.delete(key(destination, shortCode));
		},
		/** In the order entries were added. */
		entries: () => [...stopLog.values()],
		get credits() {
			return credits;
		},
		spend(amount) {
			credits = Math.round((credits - amount) * 100) / 100;
		},
	};
}

module.exports = { createTwoSmsState };
