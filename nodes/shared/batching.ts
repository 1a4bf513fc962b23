/** Splits `list` into consecutive chunks of at most `size` entries. */
export function chunk<T>(list: readonly T[], size: number): T[][] {
	const step = Math.max(1, Math.floor(size));
	const chunks: T[][] = [];
	for (let start = 0; start < list.length; start += step) {
		chunks.push(list.slice(start, start + step));
	}
	return chunks;
}
