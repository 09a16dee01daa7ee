import type { Definition, EndpointDefinition, ObjectDefinition } from './types';

const RFC3339_RANGE: ObjectDefinition = {
	type: 'object',
	properties: {
		gt: { type: 'string' },
		gte: { type: 'string' },
		lt: { type: 'string' },
		lte: { type: 'string' },
	},
};

/**
 * Parameters whose SDK type contradicts the API it describes, by endpoint (`METHOD template`), each
 * checked against Stripe's API reference. Kept to what the reference states; the generator fails
 * when an entry no longer names a parameter of the endpoint, so an SDK upgrade revisits it.
 *
 * - `GET /v2/core/events` `created`: stripe 23.1.0 types it with v1's shared `RangeQueryParam`
 *   (unix seconds as numbers), but every v2 timestamp is an RFC 3339 string: the reference
 *   documents `created.gt|gte|lt|lte` as date-time strings, as the other SDKs type them
 *   (stripe-java `EventListParams.Created` takes an `Instant`).
 */
const SDK_TYPE_CORRECTIONS: Record<string, Record<string, Definition>> = {
	'GET /v2/core/events': { created: RFC3339_RANGE },
};

/** The endpoints with the corrections above applied. */
export function correctSdkTypes(endpoints: EndpointDefinition[]): EndpointDefinition[] {
	return endpoints.map((endpoint) => {
		const key = `${endpoint.method} ${endpoint.path}`;
		const corrections = SDK_TYPE_CORRECTIONS[key];
		if (!corrections) return endpoint;
		for (const param of Object.keys(corrections)) {
			if (!(param in endpoint.params.properties)) {
				throw new Error(`${key} has no parameter ${param} any more: review SDK_TYPE_CORRECTIONS`);
			}
		}
		return {
			...endpoint,
			params: {
				...endpoint.params,
				properties: { ...endpoint.params.properties, ...corrections },
			},
		};
	});
}
