import { sleep } from 'n8n-workflow';

/** The share of the measured accepted rate a run falls back to after a 429 (as TCP and AWS do). */
const CUT = 0.9;
/** How fast the paced rate grows back while no 429 comes: 10% a second, compounded. */
const GROWTH_PER_SECOND = 1.1;
/** Never slower than one request a second, whatever a single early 429 seemed to say. */
const MIN_RATE = 1;
/** Accepted answers are counted over the last second, in ten slices (constant memory). */
const SLICE_MS = 100;
const SLICES = 10;
/** A rate measured over less than this is noise: the pace is cut from where it is instead. */
const MIN_MEASURED_SECONDS = 0.2;

/**
 * One pacer per node run, shared by all its requests: a client-side rate limit learned from the
 * server's 429s. Until the first 429 it never holds a request back, so a run without a limit is
 * as fast as before. A 429 holds the whole run for the server's Retry-After (the others would be
 * refused too), and sets the pace to a little under the rate the server accepted in the last
 * second; the pace then grows slowly until the next 429. So the run settles just under the
 * server's limit instead of bursting out after each pause and being refused again.
 */
export class Pacer {
	private resumeAt = 0;
	/** Requests a second while paced; Infinity until the first 429. */
	private baseRate = Infinity;
	/** When the current pace began (the end of the pause that set it); growth counts from here. */
	private pacedSince = 0;
	private nextSlotAt = 0;
	private readonly accepted = new Array<number>(SLICES).fill(0);
	private acceptedSlice = 0;
	private readonly waiting: Array<(sentAt: number) => void> = [];
	private releasing = false;

	/**
	 * Returns when the request may be sent: after any pause, in its turn under the pace. Returns
	 * the time it was let go, for refused().
	 */
	async waitForTurn(): Promise<number> {
		for (let wait = this.resumeAt - Date.now(); wait > 0; wait = this.resumeAt - Date.now()) await sleep(wait);
		if (this.baseRate === Infinity) return Date.now();
		const turn = new Promise<number>((resolve) => this.waiting.push(resolve));
		if (!this.releasing) void this.release();
		return await turn;
	}

	/**
	 * Lets the waiting requests go one at a time, each `1 / rate` after the one before. One loop
	 * hands out every turn, so a stalled event loop delays the next request instead of letting all
	 * that were due go at once. A pause set meanwhile holds the queue until it ends.
	 */
	private async release(): Promise<void> {
		this.releasing = true;
		try {
			for (let next = this.waiting.shift(); next; next = this.waiting.shift()) {
				for (let now = Date.now(); Math.max(this.resumeAt, this.nextSlotAt) > now; now = Date.now()) {
					await sleep(Math.max(this.resumeAt, this.nextSlotAt) - now);
				}
				const now = Date.now();
				this.nextSlotAt = now + 1000 / this.rate(now);
				next(now);
			}
		} finally {
			this.releasing = false;
		}
	}

	/** The server answered (anything but a 429): one more request its limit let through. */
	answered(now = Date.now()): void {
		this.accepted[this.sliceOf(now)]++;
	}

	/**
	 * The server refused a request sent at `sentAt` with a 429 and asked for `waitMs`. The pause
	 * never shortens a longer one. Only a request sent under the current pace (or before any pace)
	 * sets a new one: the others, sent before the last cut, were refused for the old pace.
	 */
	refused(sentAt: number, waitMs: number, now = Date.now()): void {
		const pauseEnded = this.resumeAt;
		this.resumeAt = Math.max(this.resumeAt, now + waitMs);
		if (this.baseRate !== Infinity && sentAt < this.pacedSince) return;
		const measured = this.acceptedRate(now, pauseEnded);
		// Nothing accepted lately measures nothing (a 429 on a run's first request): a run not yet
		// paced stays unpaced, a paced one is cut from where it is.
		if (measured === undefined && this.baseRate === Infinity) return;
		this.baseRate = Math.max(MIN_RATE, CUT * (measured ?? this.rate(now)));
		this.pacedSince = this.resumeAt;
	}

	/**
	 * Requests a second the server accepted lately: over the last second, or, when a pause ended
	 * within it, over the time since (the pause sent nothing, so counting it would halve the rate
	 * after every 1-second pause). Undefined when that time is too short to measure.
	 */
	private acceptedRate(now: number, pauseEnded: number): number | undefined {
		this.sliceOf(now);
		const accepted = this.accepted.reduce((sum, count) => sum + count, 0);
		const seconds = Math.min(1, (now - pauseEnded) / 1000);
		if (accepted === 0 || seconds < MIN_MEASURED_SECONDS) return undefined;
		return accepted / seconds;
	}

	/** The paced rate at `at`: the base rate grown by the time since the pace began. */
	private rate(at: number): number {
		const seconds = Math.max(0, at - this.pacedSince) / 1000;
		// Capped so that a long run without a 429 cannot grow it to Infinity (a zero interval is fine).
		return Math.min(1e6, this.baseRate * GROWTH_PER_SECOND ** seconds);
	}

	/** The slice `now` falls in, clearing slices that the last second has left behind. */
	private sliceOf(now: number): number {
		const slice = Math.floor(now / SLICE_MS);
		const stale = Math.min(SLICES, slice - this.acceptedSlice);
		for (let step = 1; step <= stale; step++) this.accepted[(this.acceptedSlice + step) % SLICES] = 0;
		this.acceptedSlice = Math.max(this.acceptedSlice, slice);
		return slice % SLICES;
	}
}

const pacers = new WeakMap<object, Pacer>();

/** The pacer shared by all requests of one node run (keyed by n8n's execute context). */
export function pacerOf(run: object): Pacer {
	let pacer = pacers.get(run);
	if (!pacer) {
		pacer = new Pacer();
		pacers.set(run, pacer);
	}
	return pacer;
}
