'use strict';

/**
 * A small seeded pseudo-random generator (mulberry32). Fault decisions and generated ids come
 * from it, so the same seed and the same sequence of requests give the same run every time.
 */
function createPrng(seed) {
	let state = Number(seed) >>> 0;

	function next() {
		state = (state + 0x6d2b79f5) >>> 0;
		let mixed = state;
		mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
		mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
		return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
	}

	/** A version-4-shaped UUID, repeatable for a given seed. */
	function uuid() {
		const bytes = Array.from({ length: 16 }, () => Math.floor(next() * 256));
		bytes[6] = (bytes[6] & 0x0f) | 0x40;
		bytes[8] = (bytes[8] & 0x3f) | 0x80;
		const hex = bytes.map((byte) => byte.toString(16).padStart(2, '0')).join('');
		return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
	}

	return { next, uuid };
}

module.exports = { createPrng };
