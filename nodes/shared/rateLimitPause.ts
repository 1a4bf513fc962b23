import { sleep } from 'n8n-workflow';

/**
 * One pause per node run. When the provider answers 429 "come back in N seconds", every request
 * of the run waits until then, not only the one that was told: the others would be refused too,
 * and each refusal counts against the provider's limit.
 */
export class RateLimitPause {
	private resumeAt = 0;

	/** Returns once the run is not paused (a pause set while waiting is honoured too). */
	async waitForTurn(): Promise<void> {
		for (let wait = this.resumeAt - Date.now(); wait > 0; wait = this.resumeAt - Date.now()) {
			await sleep(wait);
		}
	}

	/** Holds every request of the run for `ms` from now (never shortens a longer pause). */
	pauseFor(ms: number): void {
		this.resumeAt = Math.max(this.resumeAt, Date.now() + ms);
	}
}

const pauses = new WeakMap<object, RateLimitPause>();

/** The pause shared by all requests of one node run (keyed by n8n's execute context). */
export function rateLimitPauseOf(run: object): RateLimitPause {
	let pause = pauses.get(run);
	if (!pause) {
		pause = new RateLimitPause();
		pauses.set(run, pause);
	}
	return pause;
}
