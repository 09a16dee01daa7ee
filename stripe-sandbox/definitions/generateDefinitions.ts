import { join, relative } from 'node:path';

import ts from 'typescript';

import { TypeDescriber } from './describeTypes';
import { correctSdkTypes } from './sdkTypeCorrections';
import { collapseIdenticalTypes } from './serializeDefinitions';
import { v2OptionalFieldsNullable } from './v2Nullability';
import {
	filesUnder,
	pinnedApiVersion,
	sdkCallsIn,
	sdkVersion,
	stripeEsmDirectory,
} from './stripeSdkSource';
import type { Definition, EndpointDefinition, StripeDefinitions } from './types';

function encodingOf(
	method: EndpointDefinition['method'],
	path: string,
): EndpointDefinition['encoding'] {
	if (method !== 'POST') return 'query';
	return path.startsWith('/v2/') ? 'json' : 'form';
}

function lowerFirst(text: string): string {
	return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Each SDK method's endpoint, with the parameters its `params` argument's type describes. */
function describeEndpoints(
	program: ts.Program,
	describer: TypeDescriber,
	resourceDirectory: string,
): EndpointDefinition[] {
	const checker = program.getTypeChecker();
	const byKey = new Map<string, EndpointDefinition>();
	for (const jsFile of filesUnder(resourceDirectory, '.js')) {
		const calls = sdkCallsIn(jsFile);
		if (calls.length === 0) continue;
		const declarations = program.getSourceFile(jsFile.replace(/\.js$/, '.d.ts'));
		if (!declarations) throw new Error(`No type declarations for ${jsFile}`);
		// `resources/V2/Core/Accounts.js` is `stripe.v2.core.accounts`.
		const resource = relative(resourceDirectory, jsFile)
			.replace(/\.js$/, '')
			.split('/')
			.map(lowerFirst)
			.join('.');
		for (const call of calls) {
			const methodDeclaration = declarations.statements
				.find(
					(statement): statement is ts.ClassDeclaration =>
						ts.isClassDeclaration(statement) && statement.name?.text === call.className,
				)
				?.members.find(
					(member): member is ts.MethodDeclaration =>
						ts.isMethodDeclaration(member) &&
						ts.isIdentifier(member.name) &&
						member.name.text === call.methodName,
				);
			if (!methodDeclaration) {
				throw new Error(`${jsFile}: no declaration of ${call.className}.${call.methodName}`);
			}
			const paramsArgument = methodDeclaration.parameters.find(
				(parameter) => ts.isIdentifier(parameter.name) && parameter.name.text === 'params',
			);
			const endpoint: EndpointDefinition = {
				method: call.method,
				path: call.path,
				sdkMethod: `${resource}.${call.methodName}`,
				encoding: encodingOf(call.method, call.path),
				params: paramsArgument
					? describer.describeParameters(checker.getTypeAtLocation(paramsArgument))
					: { type: 'object', properties: {} },
			};
			const key = `${call.method} ${call.path}`;
			const earlier = byKey.get(key);
			if (!earlier) {
				byKey.set(key, endpoint);
				continue;
			}
			// One endpoint reached by two SDK methods (`accounts.retrieve()` without an id and
			// `accounts.retrieveCurrent()`): both must describe the same parameters, and the method
			// made for this endpoint alone names it.
			if (JSON.stringify(earlier.params) !== JSON.stringify(endpoint.params)) {
				throw new Error(`${key}: ${earlier.sdkMethod} and ${endpoint.sdkMethod} disagree`);
			}
			const sameMethodCalls = calls.filter(
				(other) => other.className === call.className && other.methodName === call.methodName,
			);
			if (sameMethodCalls.length === 1) earlier.sdkMethod = endpoint.sdkMethod;
		}
	}
	return [...byKey.values()].sort((a, b) =>
		a.path === b.path ? a.method.localeCompare(b.method) : a.path.localeCompare(b.path),
	);
}

/**
 * Every response object, by its `object` value (`deleted_<object>` for a deletion): the interfaces
 * with a string-literal `object` field, and unions of them such as `type Event = AccountUpdatedEvent
 * | …`, whose members (and their `EventBase`) are parts of that object, not objects of their own.
 */
function describeObjects(
	program: ts.Program,
	describer: TypeDescriber,
	declarationFiles: string[],
): Record<string, Definition> {
	const checker = program.getTypeChecker();
	const objectNameOf = (type: ts.Type): string | undefined => {
		const objectProperty = type.getProperty('object');
		if (!objectProperty) return undefined;
		const objectType = checker.getTypeOfSymbol(objectProperty);
		if (!objectType.isStringLiteral()) return undefined;
		const deletedProperty = type.getProperty('deleted');
		const deleted =
			deletedProperty !== undefined &&
			checker.typeToString(checker.getTypeOfSymbol(deletedProperty)) === 'true';
		return `${deleted ? 'deleted_' : ''}${objectType.value}`;
	};
	const statements = declarationFiles.flatMap(
		(file) => program.getSourceFile(file)?.statements ?? [],
	);
	const objects: Record<string, Definition> = {};
	const unionObjects = new Set<string>();
	for (const statement of statements) {
		if (!ts.isTypeAliasDeclaration(statement) || statement.typeParameters?.length) continue;
		// `EventNotification` is the SDK's own view of a thin event (what `parseEventNotification`
		// returns: `context` a `StripeContext` object, fetch methods); the API's object is `Event`.
		if (statement.name.text.endsWith('Notification')) continue;
		const type = checker.getTypeAtLocation(statement.name);
		if (!type.isUnion()) continue;
		const names = new Set(type.types.map(objectNameOf));
		const [name] = names;
		if (names.size !== 1 || !name) continue;
		if (objects[name]) throw new Error(`Two unions describe the object ${name}`);
		objects[name] = describer.describe(type);
		unionObjects.add(name);
	}
	for (const statement of statements) {
		if (!ts.isInterfaceDeclaration(statement) || statement.typeParameters?.length) continue;
		const type = checker.getTypeAtLocation(statement.name);
		const name = objectNameOf(type);
		if (!name || unionObjects.has(name)) continue;
		if (objects[name]) throw new Error(`Two interfaces describe the object ${name}`);
		objects[name] = describer.describe(type);
	}
	return objects;
}

/**
 * Generates the definitions of the pinned API version from the installed `stripe` SDK: each
 * resource method's HTTP method and path from its `.js` file, its parameters from the `params`
 * argument's type in the `.d.ts` file (with the few corrections of `sdkTypeCorrections.ts`), and
 * every object from the interfaces that carry an `object` field. Deterministic: the same SDK gives the same result.
 */
export function generateDefinitions(esmDirectory = stripeEsmDirectory()): StripeDefinitions {
	const resourceDirectory = join(esmDirectory, 'resources');
	const declarationFiles = filesUnder(resourceDirectory, '.d.ts');
	const program = ts.createProgram(declarationFiles, {
		strict: true,
		noEmit: true,
		skipLibCheck: true,
		target: ts.ScriptTarget.ES2022,
		module: ts.ModuleKind.ESNext,
		moduleResolution: ts.ModuleResolutionKind.Bundler,
	});
	const describer = new TypeDescriber(program.getTypeChecker(), esmDirectory);
	const endpoints = correctSdkTypes(describeEndpoints(program, describer, resourceDirectory));
	const objects = describeObjects(program, describer, declarationFiles);
	return collapseIdenticalTypes(
		v2OptionalFieldsNullable({
			apiVersion: pinnedApiVersion(esmDirectory),
			sdkVersion: sdkVersion(esmDirectory),
			endpoints,
			objects,
			types: describer.types,
		}),
	);
}
