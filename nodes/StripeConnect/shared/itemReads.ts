import type { IDataObject } from 'n8n-workflow';

/*
 * Most expressions in a batch only read a property of the item: `={{ $json.amount }}`,
 * `={{ $json["order id"] }}`, `={{ $json.customer.account }}`. n8n evaluates every expression by
 * building a data proxy for the item (about a millisecond each), and it already does so twice per
 * property before the node sees the item. For these plain reads the node takes the value from the
 * item itself, with n8n's result: a missing or null step gives undefined, a value comes back as it is.
 * Anything else (a function, an operator, another node's data, a step into a string or number, a
 * value that is an object) is left to n8n.
 */

const PLAIN_READ =
	/^=\{\{\s*\$json((?:\.[A-Za-z_$][\w$]*|\[(?:"[^"\\\n]*"|'[^'\\\n]*')\])+)\s*\}\}$/;
const STEP = /\.([A-Za-z_$][\w$]*)|\[(?:"([^"\\\n]*)"|'([^'\\\n]*)')\]/g;

/** The property names an expression reads from `$json`, or undefined when it is not a plain read. */
export function plainItemPath(expression: string): string[] | undefined {
	const match = PLAIN_READ.exec(expression);
	if (!match) return undefined;
	return [...match[1].matchAll(STEP)].map((step) => step[1] ?? step[2] ?? step[3]);
}

/**
 * What n8n would give for reading `path` from the item's JSON, when the node can tell without n8n:
 * `{ value }`, or undefined to let n8n evaluate (e.g. the value is an object, or a step reads a
 * property of text).
 */
export function readItemPath(json: IDataObject, path: string[]): { value: unknown } | undefined {
	let node: unknown = json;
	for (const key of path) {
		if (node === undefined || node === null) return { value: undefined };
		if (typeof node !== 'object' || Array.isArray(node)) return undefined;
		if (!Object.prototype.hasOwnProperty.call(node, key)) return { value: undefined };
		node = (node as IDataObject)[key];
	}
	if (node !== null && typeof node === 'object') return undefined;
	return { value: node };
}
