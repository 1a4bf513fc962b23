/**
 * Runs `task` over `inputs` with at most `limit` tasks in flight, keeping results in input order.
 * When `shouldStop` turns true no new task starts (tasks already in flight finish), which is how a
 * run without "Continue On Fail" stops sending requests after the first failure.
 */
export async function mapWithConcurrency<T, R>(
	inputs: readonly T[],
	limit: number,
	task: (input: T, position: number) => Promise<R>,
	shouldStop: () => boolean = () => false,
): Promise<Array<R | undefined>> {
	const results: Array<R | undefined> = new Array(inputs.length);
	let next = 0;
	const worker = async () => {
		while (next < inputs.length && !shouldStop()) {
			const position = next++;
			results[position] = await task(inputs[position], position);
		}
	};
	const workers = Math.max(1, Math.min(Math.floor(limit) || 1, inputs.length));
	await Promise.all(Array.from({ length: workers }, worker));
	return results;
}
