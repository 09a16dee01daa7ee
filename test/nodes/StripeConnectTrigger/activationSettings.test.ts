import { describe, expect, it } from 'vitest';

import { eventsFromFor, readChoice } from '../../../nodes/StripeConnectTrigger/activationSettings';
import { readTriggerOptions } from '../../../nodes/StripeConnectTrigger/triggerOptions';

describe('options read at activation', () => {
	const choice = {
		field: 'Delivery',
		options: [
			{ value: 'webhookEndpoints', name: 'Webhook Endpoints' },
			{ value: 'eventDestination', name: 'Event Destination' },
		],
	};

	it('takes exactly one of the offered values', () => {
		expect(readChoice('eventDestination', choice)).toBe('eventDestination');
	});

	it('refuses anything else, naming the field and the values it takes', () => {
		for (const value of ['EventDestination', ' eventDestination', '', null, undefined, 1, ['x']]) {
			expect(readChoice(value, choice), String(value)).toEqual({
				problem: `"Delivery" is ${JSON.stringify(value) ?? 'undefined'}. Choose one of: Webhook Endpoints (webhookEndpoints), Event Destination (eventDestination).`,
			});
		}
	});

	it('reads the options: unset switches are off, set ones exactly true or false', () => {
		expect(readTriggerOptions({})).toEqual({
			toleranceSeconds: 300,
			fetchLatestObject: false,
			fetchRelatedObject: false,
			deduplicateAcrossProcesses: false,
		});
		expect(
			readTriggerOptions({
				toleranceSeconds: 60,
				fetchRelatedObject: true,
				fetchLatestObject: false,
			}),
		).toMatchObject({ toleranceSeconds: 60, fetchRelatedObject: true, fetchLatestObject: false });
	});

	it('refuses a switch that is not true or false, naming the option', () => {
		for (const [name, label] of [
			['fetchLatestObject', 'Fetch Latest Object'],
			['fetchRelatedObject', 'Fetch Related Object'],
			['deduplicateAcrossProcesses', 'Deduplicate Across Processes'],
		]) {
			for (const value of ['true', 'false', 1, 0, '', null]) {
				expect(readTriggerOptions({ [name]: value }), `${name} ${String(value)}`).toEqual({
					problem: `${label} is ${JSON.stringify(value)}. Turn it on or off (true or false).`,
				});
			}
		}
		expect(readTriggerOptions({ toleranceSeconds: 0 })).toEqual({
			problem: expect.stringMatching(/^Signature Tolerance \(Seconds\) is 0\./) as string,
		});
	});

	it('maps the Source to the events_from of a destination', () => {
		expect(eventsFromFor('connect')).toEqual(['@accounts']);
		expect(eventsFromFor('platform')).toEqual(['@self']);
		expect(eventsFromFor('both')).toEqual(['@accounts', '@self']);
	});
});
