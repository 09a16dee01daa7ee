import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';

import ts from 'typescript';

import type { EndpointDefinition } from './types';

/** Where the installed `stripe` package keeps its ES module build (resources and their types). */
export function stripeEsmDirectory(): string {
	const require = createRequire(import.meta.url);
	return join(dirname(require.resolve('stripe')), '..', 'esm');
}

/** Every file under a directory with this ending, in a stable order. */
export function filesUnder(directory: string, extension: string): string[] {
	return readdirSync(directory)
		.sort()
		.flatMap((name) => {
			const path = join(directory, name);
			if (statSync(path).isDirectory()) return filesUnder(path, extension);
			return path.endsWith(extension) ? [path] : [];
		});
}

/** One `this._makeRequest(METHOD, path, …)` call of an SDK resource method. */
export interface SdkCall {
	className: string;
	methodName: string;
	method: EndpointDefinition['method'];
	path: string;
}

/**
 * Turns the path argument of `_makeRequest` into a template: `` `/v1/transfers/${encodeURIComponent(id)}` ``
 * becomes `/v1/transfers/{id}`.
 */
function pathTemplate(node: ts.Expression, where: string): string {
	if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
	if (!ts.isTemplateExpression(node)) throw new Error(`${where}: unexpected path expression`);
	return (
		node.head.text +
		node.templateSpans
			.map((span) => {
				const call = span.expression;
				const argument = ts.isCallExpression(call) ? call.arguments[0] : undefined;
				if (!argument || !ts.isIdentifier(argument)) {
					throw new Error(`${where}: path placeholder is not encodeURIComponent(name)`);
				}
				return `{${argument.text}}${span.literal.text}`;
			})
			.join('')
	);
}

/** Reads every `_makeRequest` call of every resource class in one SDK `.js` file. */
export function sdkCallsIn(file: string): SdkCall[] {
	const source = ts.createSourceFile(
		file,
		readFileSync(file, 'utf8'),
		ts.ScriptTarget.ES2022,
		true,
		ts.ScriptKind.JS,
	);
	const calls: SdkCall[] = [];
	for (const statement of source.statements) {
		if (!ts.isClassDeclaration(statement) || !statement.name) continue;
		const className = statement.name.text;
		for (const member of statement.members) {
			if (!ts.isMethodDeclaration(member) || !ts.isIdentifier(member.name)) continue;
			const methodName = member.name.text;
			const visit = (node: ts.Node): void => {
				if (
					ts.isCallExpression(node) &&
					ts.isPropertyAccessExpression(node.expression) &&
					node.expression.name.text === '_makeRequest'
				) {
					const [method, path] = node.arguments;
					const where = `${relative(process.cwd(), file)} ${className}.${methodName}`;
					// A call that forwards a URL it was given (fetching a related object) is no endpoint.
					if (!ts.isStringLiteral(method) || ts.isPropertyAccessExpression(path)) return;
					calls.push({
						className,
						methodName,
						method: method.text as SdkCall['method'],
						path: pathTemplate(path, where),
					});
				}
				node.forEachChild(visit);
			};
			member.forEachChild(visit);
		}
	}
	return calls;
}

/** The version of the installed `stripe` package. */
export function sdkVersion(esmDirectory: string): string {
	return (
		JSON.parse(readFileSync(join(esmDirectory, '..', 'package.json'), 'utf8')) as {
			version: string;
		}
	).version;
}

/** The API version the installed SDK pins (`stripe/esm/apiVersion.js`). */
export function pinnedApiVersion(esmDirectory: string): string {
	const source = readFileSync(join(esmDirectory, 'apiVersion.js'), 'utf8');
	const match = /ApiVersion = '([^']+)'/.exec(source);
	if (!match) throw new Error('stripe/esm/apiVersion.js names no ApiVersion');
	return match[1];
}
