import type { FormObject } from './formCodec';

/** One request the sandbox received, as tests read it back. */
export interface RecordedRequest {
	method: string;
	path: string;
	query: FormObject;
	rawQuery: string;
	headers: Record<string, string>;
	rawBody: string;
	/** The form-decoded body of a v1 request (values stay strings); `{}` for v2. */
	body: FormObject;
	/** The parsed JSON body of a v2 request; undefined for v1 and for bodies that are not JSON. */
	jsonBody: Record<string, unknown> | undefined;
	stripeAccount: string | undefined;
	stripeContext: string | undefined;
	idempotencyKey: string | undefined;
	status: number;
	responseBody: unknown;
	requestId: string;
}

/**
 * Completes a log entry with `responseBody` parsed from the text that was sent, on first read: the
 * parse costs nothing for requests no test looks at, and the entry cannot see later changes to the
 * objects the body was made from.
 */
export function recordedRequest(
	text: string,
	entry: Omit<RecordedRequest, 'responseBody'>,
): RecordedRequest {
	return Object.defineProperty(entry, 'responseBody', {
		configurable: true,
		enumerable: true,
		get(this: RecordedRequest) {
			const parsed: unknown = JSON.parse(text);
			Object.defineProperty(this, 'responseBody', {
				configurable: true,
				enumerable: true,
				writable: true,
				value: parsed,
			});
			return parsed;
		},
	}) as RecordedRequest;
}
