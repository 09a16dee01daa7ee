/** A Stripe-shaped object as the sandbox stores and returns it. */
export type StripeObject = { id: string; object: string; [field: string]: unknown };

interface IndexEntry {
	account: string;
	kind: string;
	sequence: number;
}

/**
 * Every object the sandbox holds, filed under the account it lives on (the platform or a connected
 * account) and its kind. Bookkeeping that Stripe does not return lives beside it in `internals`.
 */
export class ObjectStore {
	private readonly spaces = new Map<string, Map<string, Map<string, StripeObject>>>();
	private readonly index = new Map<string, IndexEntry>();
	private readonly internalData = new Map<string, Record<string, unknown>>();
	/** Newest-first lists, rebuilt only after an object of that kind was added or removed. */
	private readonly sortedCache = new Map<string, StripeObject[]>();
	private sequence = 0;

	/** Files an object on an account; its kind defaults to its `object` field. */
	put<T extends StripeObject>(account: string, object: T, kind = object.object): T {
		let space = this.spaces.get(account);
		if (!space) {
			space = new Map();
			this.spaces.set(account, space);
		}
		let objects = space.get(kind);
		if (!objects) {
			objects = new Map();
			space.set(kind, objects);
		}
		objects.set(object.id, object);
		this.sortedCache.delete(`${account}\n${kind}`);
		if (!this.index.has(object.id)) {
			this.index.set(object.id, { account, kind, sequence: this.sequence++ });
		}
		return object;
	}

	/** The object with this id on this account, if it is of this kind. */
	get(account: string, kind: string, id: string): StripeObject | undefined {
		return this.spaces.get(account)?.get(kind)?.get(id);
	}

	/** Finds an object by id on any account. */
	find(id: string): { account: string; kind: string; object: StripeObject } | undefined {
		const entry = this.index.get(id);
		if (!entry) return undefined;
		const object = this.get(entry.account, entry.kind, id);
		return object ? { account: entry.account, kind: entry.kind, object } : undefined;
	}

	/** The account an object lives on. */
	accountOf(id: string): string | undefined {
		return this.index.get(id)?.account;
	}

	/** Removes an object (deleted accounts and webhook endpoints). */
	remove(account: string, kind: string, id: string): void {
		this.spaces.get(account)?.get(kind)?.delete(id);
		this.sortedCache.delete(`${account}\n${kind}`);
		this.index.delete(id);
	}

	/** Objects of a kind on an account, newest first as Stripe lists them. */
	list(account: string, kind: string): StripeObject[] {
		const key = `${account}\n${kind}`;
		let sorted = this.sortedCache.get(key);
		if (!sorted) {
			sorted = this.sortNewestFirst([...this.values(account, kind)]);
			this.sortedCache.set(key, sorted);
		}
		return [...sorted];
	}

	/** Objects of a kind on an account in no particular order (for sums, where order does not matter). */
	values(account: string, kind: string): IterableIterator<StripeObject> {
		return (this.spaces.get(account)?.get(kind) ?? new Map<string, StripeObject>()).values();
	}

	private sortNewestFirst(objects: StripeObject[]): StripeObject[] {
		return objects.sort(
			(a, b) =>
				Number(b.created ?? 0) - Number(a.created ?? 0) ||
				(this.index.get(b.id)?.sequence ?? 0) - (this.index.get(a.id)?.sequence ?? 0),
		);
	}

	/** Hidden bookkeeping for an object (created on first use). */
	internals(id: string): Record<string, unknown> {
		let data = this.internalData.get(id);
		if (!data) {
			data = {};
			this.internalData.set(id, data);
		}
		return data;
	}
}
