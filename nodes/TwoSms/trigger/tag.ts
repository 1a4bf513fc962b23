/**
 * A short tag of a text, for what the trigger remembers without keeping the text itself: two
 * FNV-1a passes with different starting values (about 64 bits). Among the 10,000 keys the trigger
 * keeps at most, two texts share a tag about once in 10^11 polls; a 32-bit tag would do so about
 * once in a hundred. Not a secret's protection: only a compact key.
 */
export function tag(text: string): string {
	let first = 0x811c9dc5;
	let second = 0x01000193 ^ text.length;
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		first = Math.imul(first ^ code, 0x01000193) >>> 0;
		second = Math.imul(second ^ code, 0x5bd1e995) >>> 0;
	}
	return `${first.toString(36)}.${second.toString(36)}`;
}
