/** A small seeded PRNG (mulberry32) so ids and the demo seed are the same on every run. */
export class SeededRandom {
	private state: number;

	constructor(seed: number) {
		this.state = seed >>> 0;
	}

	/** A float in [0, 1). */
	next(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	/** An integer in [min, max]. */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	/** One element of a non-empty list. */
	pick<T>(items: readonly T[]): T {
		return items[Math.floor(this.next() * items.length)];
	}
}

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Makes Stripe-looking ids (`tr_1Ab…`, 24 characters after the prefix) from a seeded PRNG. */
export class IdGenerator {
	private readonly random: SeededRandom;

	constructor(seed = 4242) {
		this.random = new SeededRandom(seed);
	}

	/** A fresh id with the given prefix, e.g. `next('tr')`. */
	next(prefix: string, length = 24): string {
		let body = '1';
		for (let index = 1; index < length; index++) body += ALPHABET[this.random.int(0, 61)];
		return `${prefix}_${body}`;
	}

	/** Random letters and digits, for secrets and client secrets. */
	token(length: number): string {
		let text = '';
		for (let index = 0; index < length; index++) text += ALPHABET[this.random.int(0, 61)];
		return text;
	}
}
