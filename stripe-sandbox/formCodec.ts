import { invalidRequest } from './errors';

/** A decoded Stripe form: nested objects, arrays and strings ('' means "unset"). */
export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type FormObject = { [key: string]: FormValue };

function decodeComponent(text: string): string {
	try {
		return decodeURIComponent(text.replace(/\+/g, ' '));
	} catch {
		throw invalidRequest(
			`Invalid percent-encoding in "${text.slice(0, 40)}". Encode the request as application/x-www-form-urlencoded.`,
		);
	}
}

/** Splits `a[b][0][c]` into ['a', 'b', '0', 'c'] and `expand[]` into ['expand', '']. */
function splitKey(key: string): string[] {
	const open = key.indexOf('[');
	if (open <= 0) return [key];
	const parts = [key.slice(0, open)];
	const rest = key.slice(open);
	const bracket = /\[([^\]]*)\]/g;
	let consumed = 0;
	for (let match = bracket.exec(rest); match; match = bracket.exec(rest)) {
		if (match.index !== consumed) return [key];
		parts.push(match[1]);
		consumed = match.index + match[0].length;
	}
	return consumed === rest.length ? parts : [key];
}

function isIndexObject(value: FormObject): boolean {
	const keys = Object.keys(value);
	return keys.length > 0 && keys.every((key) => /^\d+$/.test(key));
}

/** Turns objects whose keys are all indexes (`a[0]`, `a[1]`) into arrays, ordered by index. */
function indexedToArrays(value: FormValue): FormValue {
	if (typeof value === 'string') return value;
	if (Array.isArray(value)) return value.map(indexedToArrays);
	const converted: FormObject = {};
	for (const [key, child] of Object.entries(value)) converted[key] = indexedToArrays(child);
	if (isIndexObject(converted)) {
		return Object.keys(converted)
			.sort((a, b) => Number(a) - Number(b))
			.map((key) => converted[key]);
	}
	return converted;
}

/**
 * Decodes `application/x-www-form-urlencoded` bodies and query strings the way Stripe reads them:
 * bracketed keys nest, `[]` appends, `[0]` indexes; values stay strings so validation sees them raw.
 */
export function decodeStripeForm(text: string): FormObject {
	const root: FormObject = {};
	if (!text) return root;
	for (const pair of text.split('&')) {
		if (!pair) continue;
		const equals = pair.indexOf('=');
		const rawKey = equals === -1 ? pair : pair.slice(0, equals);
		const rawValue = equals === -1 ? '' : pair.slice(equals + 1);
		const path = splitKey(decodeComponent(rawKey));
		const value = decodeComponent(rawValue);
		let node: FormObject | FormValue[] = root;
		for (let index = 0; index < path.length; index++) {
			const segment = path[index];
			const isLast = index === path.length - 1;
			const nextAppends = path[index + 1] === '';
			if (Array.isArray(node)) {
				if (isLast) node.push(value);
				else {
					const child: FormObject = {};
					node.push(child);
					node = child;
				}
				continue;
			}
			if (isLast) {
				node[segment] = value;
				break;
			}
			let child: FormValue | undefined = node[segment];
			if (child === undefined || typeof child === 'string') {
				child = nextAppends ? [] : {};
				node[segment] = child;
			}
			node = child as FormObject | FormValue[];
			if (nextAppends && Array.isArray(node) && index + 1 === path.length - 1) {
				node.push(value);
				break;
			}
		}
	}
	return indexedToArrays(root) as FormObject;
}
