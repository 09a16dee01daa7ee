/** A Stripe-shaped object as the sandbox stores and returns it. */
export type StripeObject = { id: string; object: string; [field: string]: unknown };

interface IndexEntry {
	account: string;
	kind: string;
	sequence: number;
}

/** An object in its kind's list, with the sort key it was filed under. */
interface ListedObject {
	object: StripeObject;
	created: number;
	sequence: number;
}

/**
 * A newest-first list that a page can be read from without materialising it: each walk starts at a
 * cursor and yields only the objects that pass the list's filter, so a page costs what it returns.
 */
export interface NewestFirstList {
	/** Objects older than the cursor (or all when there is none), nearest first; undefined when the cursor is not in the list. */
	olderThan(cursorId: string | undefined): Iterable<StripeObject> | undefined;
	/** Objects newer than the cursor, nearest first; undefined when the cursor is not in the list. */
	newerThan(cursorId: string): Iterable<StripeObject> | undefined;
}

function createdOf(object: StripeObject): number {
	const created = Number(object.created ?? 0);
	return Number.isNaN(created) ? 0 : created;
}

/** Stripe lists newest first; among equal `created` the object filed later comes first. */
function isOlder(a: ListedObject, b: ListedObject): boolean {
	return a.created < b.created || (a.created === b.created && a.sequence < b.sequence);
}

/**
 * One kind's objects on one account, kept oldest first so that filing a new object is an append
 * and listing newest first is a walk from the end; no request ever re-sorts.
 */
class KindList {
	readonly byId = new Map<string, ListedObject>();
	private readonly oldestFirst: ListedObject[] = [];

	/** Files or replaces an object; it moves only when its `created` changed. */
	put(object: StripeObject, sequence: number): void {
		const existing = this.byId.get(object.id);
		if (existing && existing.created === createdOf(object)) {
			existing.object = object;
			return;
		}
		if (existing) this.oldestFirst.splice(this.positionOf(existing), 1);
		const listed: ListedObject = {
			object,
			created: createdOf(object),
			sequence: existing?.sequence ?? sequence,
		};
		this.byId.set(object.id, listed);
		const position = this.insertionPoint(listed);
		if (position === this.oldestFirst.length) this.oldestFirst.push(listed);
		else this.oldestFirst.splice(position, 0, listed);
	}

	remove(id: string): void {
		const listed = this.byId.get(id);
		if (!listed) return;
		this.oldestFirst.splice(this.positionOf(listed), 1);
		this.byId.delete(id);
	}

	get size(): number {
		return this.oldestFirst.length;
	}

	/** Yields objects from `start` towards older ones (step -1) or newer ones (step +1). */
	*walk(
		start: number,
		step: 1 | -1,
		where: ((object: StripeObject) => boolean) | undefined,
	): Generator<StripeObject> {
		for (
			let position = start;
			position >= 0 && position < this.oldestFirst.length;
			position += step
		) {
			const { object } = this.oldestFirst[position];
			if (!where || where(object)) yield object;
		}
	}

	/** Where a cursor object sits in the oldest-first array, found by binary search on its sort key. */
	positionOf(listed: ListedObject): number {
		const position = this.insertionPoint(listed) - 1;
		if (this.oldestFirst[position] !== listed) {
			throw new Error(`ObjectStore: ${listed.object.id} is not where its sort key files it`);
		}
		return position;
	}

	/** The first position whose object is newer than `listed` (after any with the same key). */
	private insertionPoint(listed: ListedObject): number {
		let low = 0;
		let high = this.oldestFirst.length;
		while (low < high) {
			const middle = (low + high) >>> 1;
			if (isOlder(listed, this.oldestFirst[middle])) high = middle;
			else low = middle + 1;
		}
		return low;
	}
}

/**
 * Every object the sandbox holds, filed under the account it lives on (the platform or a connected
 * account) and its kind. Bookkeeping that Stripe does not return lives beside it in `internals`.
 */
export class ObjectStore {
	private readonly spaces = new Map<string, Map<string, KindList>>();
	private readonly index = new Map<string, IndexEntry>();
	private readonly internalData = new Map<string, Record<string, unknown>>();
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
			objects = new KindList();
			space.set(kind, objects);
		}
		let entry = this.index.get(object.id);
		if (!entry) {
			entry = { account, kind, sequence: this.sequence++ };
			this.index.set(object.id, entry);
		}
		objects.put(object, entry.sequence);
		return object;
	}

	/** The object with this id on this account, if it is of this kind. */
	get(account: string, kind: string, id: string): StripeObject | undefined {
		return this.spaces.get(account)?.get(kind)?.byId.get(id)?.object;
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
		this.spaces.get(account)?.get(kind)?.remove(id);
		this.index.delete(id);
	}

	/** Objects of a kind on an account, newest first as Stripe lists them (a new array). */
	list(account: string, kind: string): StripeObject[] {
		const objects = this.spaces.get(account)?.get(kind);
		return objects ? [...objects.walk(objects.size - 1, -1, undefined)] : [];
	}

	/**
	 * Objects of a kind on an account that pass `where`, newest first, read lazily from a cursor.
	 * A cursor that names an object not in this filtered list is not found, as with `list()`.
	 */
	newestFirst(
		account: string,
		kind: string,
		where?: (object: StripeObject) => boolean,
	): NewestFirstList {
		const objects = this.spaces.get(account)?.get(kind) ?? new KindList();
		const cursorPosition = (cursorId: string): number | undefined => {
			const listed = objects.byId.get(cursorId);
			if (!listed || (where && !where(listed.object))) return undefined;
			return objects.positionOf(listed);
		};
		return {
			olderThan(cursorId) {
				if (cursorId === undefined) return objects.walk(objects.size - 1, -1, where);
				const position = cursorPosition(cursorId);
				return position === undefined ? undefined : objects.walk(position - 1, -1, where);
			},
			newerThan(cursorId) {
				const position = cursorPosition(cursorId);
				return position === undefined ? undefined : objects.walk(position + 1, 1, where);
			},
		};
	}

	/** Objects of a kind on an account in no particular order (for sums, where order does not matter). */
	values(account: string, kind: string): IterableIterator<StripeObject> {
		const objects = this.spaces.get(account)?.get(kind);
		return (function* () {
			if (objects) for (const listed of objects.byId.values()) yield listed.object;
		})();
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
