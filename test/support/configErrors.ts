import { ConfigError } from '../../functions/shared/config';

/** The ConfigError `read` throws; fails the test when it throws nothing or something else. */
export function configErrorOf(read: () => unknown): ConfigError {
	try {
		read();
	} catch (error) {
		if (error instanceof ConfigError) return error;
		throw error;
	}
	throw new Error('expected a ConfigError');
}
