import { describe, expect, it } from 'vitest';

import { readCommonConfig, requireEventBusName } from '../../../functions/shared/config';

describe('shared job configuration', () => {
	it('fails naming EVENT_BUS_NAME when a deployed job has no bus', () => {
		expect(() => requireEventBusName(readCommonConfig({}))).toThrow(/^EVENT_BUS_NAME: is not set/);
	});
});
