import type { SandboxCore } from './core';
import { clone } from './core';
import { invalidRequest } from './errors';
import type { ParamValue } from './openapi/validateRequest';

function expandPath(
	core: SandboxCore,
	target: Record<string, unknown>,
	path: string[],
	full: string,
): void {
	const [field, ...rest] = path;
	if (field === 'data' && Array.isArray(target.data)) {
		for (const item of target.data) expandPath(core, item as Record<string, unknown>, rest, full);
		return;
	}
	const value = target[field];
	if (value === null || value === undefined) return;
	if (typeof value === 'string') {
		const found = core.store.find(value);
		if (!found)
			throw invalidRequest(`This property cannot be expanded (${full}).`, undefined, 'expand');
		target[field] = clone(found.object);
	} else if (typeof value !== 'object') {
		throw invalidRequest(`This property cannot be expanded (${full}).`, undefined, 'expand');
	}
	if (rest.length > 0) expandPath(core, target[field] as Record<string, unknown>, rest, full);
}

/** Copies an object for the response and replaces the `expand[]` paths with the objects they name. */
export function present(
	core: SandboxCore,
	object: unknown,
	expand: ParamValue | undefined,
): unknown {
	const copy = clone(object) as Record<string, unknown>;
	const paths = Array.isArray(expand) ? (expand as string[]) : [];
	for (const path of paths) {
		if (path.split('.').length > 4) {
			throw invalidRequest(
				`You cannot expand more than 4 levels of a property. Property: ${path}`,
				undefined,
				'expand',
			);
		}
		expandPath(core, copy, path.split('.'), path);
	}
	return copy;
}
