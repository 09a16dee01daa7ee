import { describe, expect, it } from 'vitest';

import { createCollectingSink, openEventStream } from '../../../functions/shared/eventSinks';
import { testEvent } from '../../support/jobEvents';

describe('openEventStream on a sink without streaming', () => {
	it('publishes every event once, at close, in the order added and the summary last', async () => {
		const sink = createCollectingSink();
		const stream = openEventStream(sink);
		stream.add(testEvent(0));
		stream.add(testEvent(1));
		expect(sink.events).toHaveLength(0);

		const report = await stream.close([testEvent(2)]);
		expect(report.published).toBe(3);
		expect(sink.events.map((event) => event.detail.eventKey)).toEqual([
			'test:0',
			'test:1',
			'test:2',
		]);
	});

	it('publishes nothing when abandoned', async () => {
		const sink = createCollectingSink();
		const stream = openEventStream(sink);
		stream.add(testEvent(0));
		await stream.abandon();

		expect(sink.events).toHaveLength(0);
		expect(() => stream.add(testEvent(1))).toThrow(/closed/);
	});
});
