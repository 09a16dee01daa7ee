/** A path template (`/v1/transfers/{id}/reversals`) matched against a request path. */
export interface PathMatch<T> {
	value: T;
	template: string;
	pathParams: Record<string, string>;
}

interface Node<T> {
	literals: Map<string, Node<T>>;
	/** One child for every `{placeholder}` here; each template names its own placeholders. */
	placeholder?: Node<T>;
	byMethod: Map<string, { value: T; template: string }>;
}

function newNode<T>(): Node<T> {
	return { literals: new Map(), byMethod: new Map() };
}

/**
 * Finds what a method and path name among `METHOD /path/{placeholder}` templates. A literal segment
 * wins over a placeholder (`/v1/payment_intents/search` is not the intent `search`), and a path
 * that matches only with another method is no match. Cost follows the path's length, not the
 * number of templates.
 */
export class PathIndex<T> {
	private readonly root = newNode<T>();

	/** Indexes a table keyed by `METHOD /path/{placeholder}`. */
	static fromTable<T>(table: Record<string, T>): PathIndex<T> {
		const index = new PathIndex<T>();
		for (const [key, value] of Object.entries(table)) {
			const space = key.indexOf(' ');
			index.add(key.slice(0, space), key.slice(space + 1), value);
		}
		return index;
	}

	add(method: string, template: string, value: T): void {
		let node = this.root;
		for (const segment of template.split('/').slice(1)) {
			if (segment.startsWith('{') && segment.endsWith('}')) {
				node.placeholder ??= newNode<T>();
				node = node.placeholder;
			} else {
				let next = node.literals.get(segment);
				if (!next) {
					next = newNode<T>();
					node.literals.set(segment, next);
				}
				node = next;
			}
		}
		node.byMethod.set(method.toUpperCase(), { value, template });
	}

	match(method: string, path: string): PathMatch<T> | undefined {
		const segments = path.split('/').slice(1);
		const values: string[] = [];
		const found = this.walk(this.root, segments, 0, method.toUpperCase(), values);
		if (!found) return undefined;
		const names = [...found.template.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
		const pathParams = Object.fromEntries(names.map((name, index) => [name, values[index]]));
		return { value: found.value, template: found.template, pathParams };
	}

	private walk(
		node: Node<T>,
		segments: string[],
		position: number,
		method: string,
		values: string[],
	): { value: T; template: string } | undefined {
		if (position === segments.length) return node.byMethod.get(method);
		const segment = segments[position];
		const literal = node.literals.get(segment);
		if (literal) {
			const found = this.walk(literal, segments, position + 1, method, values);
			if (found) return found;
		}
		if (node.placeholder && segment !== '') {
			values.push(safeDecode(segment));
			const found = this.walk(node.placeholder, segments, position + 1, method, values);
			if (found) return found;
			values.pop();
		}
		return undefined;
	}
}

function safeDecode(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}
