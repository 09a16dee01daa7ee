import { describe, expect, it } from 'vitest';

import { isConnectionError } from '../../../../nodes/shared/transport/connectionFailures';

describe('isConnectionError', () => {
	it('recognises failed connections, directly or as the cause', () => {
		expect(isConnectionError({ code: 'ECONNREFUSED' })).toBe(true);
		expect(isConnectionError({ message: 'x', cause: { code: 'ECONNRESET' } })).toBe(true);
	});

	it('does not treat other errors as connection errors', () => {
		expect(isConnectionError(new Error('The Stripe API key is malformed.'))).toBe(false);
		expect(isConnectionError(undefined)).toBe(false);
		expect(isConnectionError({ code: 'ERR_BAD_REQUEST' })).toBe(false);
	});
});
