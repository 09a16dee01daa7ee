import { NodeHelpers } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { StripeConnectTrigger } from '../../../nodes/StripeConnectTrigger/StripeConnectTrigger.node';

describe('the node description', () => {
	const { description, webhookMethods } = new StripeConnectTrigger();

	it('is a webhook trigger named stripeConnectTrigger with the full lifecycle', () => {
		expect(description.name).toBe('stripeConnectTrigger');
		expect(description.group).toEqual(['trigger']);
		expect(description.webhooks).toEqual([
			expect.objectContaining({ name: 'default', httpMethod: 'POST', path: 'webhook' }),
		]);
		expect(Object.keys(webhookMethods.default).sort()).toEqual(['checkExists', 'create', 'delete']);
		expect(description.credentials).toEqual([
			{ name: 'stripeConnectApi', required: true, testedBy: 'stripeConnectApiTest' },
		]);
	});

	it('has a subtitle and distinct light and dark icons', () => {
		expect(description.subtitle).toContain('$parameter["source"]');
		expect(description.icon).toEqual({
			light: 'file:stripeConnectTrigger.svg',
			dark: 'file:stripeConnectTrigger.dark.svg',
		});
	});

	it('asks for the event payload only with an event destination, and keeps webhook endpoints by default', () => {
		const shown = (values: Record<string, unknown>) =>
			Object.keys(
				NodeHelpers.getNodeParameters(
					description.properties,
					values as never,
					true,
					false,
					{ typeVersion: 1 },
					description,
				) ?? {},
			);
		expect(shown({})).not.toContain('eventPayload');
		expect(shown({}).includes('delivery')).toBe(true);
		expect(
			NodeHelpers.getNodeParameters(description.properties, {}, true, false, null, description),
		).toMatchObject({ delivery: 'webhookEndpoints' });
		expect(shown({ delivery: 'eventDestination' })).toContain('eventPayload');
	});

	it('offers Fetch Related Object with thin events and Fetch Latest Object otherwise', () => {
		const options = description.properties.find((property) => property.name === 'options');
		const option = (name: string) =>
			options?.options?.find(
				(candidate) => 'name' in candidate && candidate.name === name,
			) as INodeProperties;
		const offered = (name: string, root: Record<string, unknown>) =>
			NodeHelpers.displayParameter(
				{},
				option(name),
				{ typeVersion: 1 },
				description,
				root as never,
			);
		expect(offered('fetchLatestObject', { delivery: 'webhookEndpoints' })).toBe(true);
		expect(offered('fetchRelatedObject', { delivery: 'webhookEndpoints' })).toBe(false);
		const thin = { delivery: 'eventDestination', eventPayload: 'thin' };
		expect(offered('fetchLatestObject', thin)).toBe(false);
		expect(offered('fetchRelatedObject', thin)).toBe(true);
		const snapshot = { delivery: 'eventDestination', eventPayload: 'snapshot' };
		expect(offered('fetchLatestObject', snapshot)).toBe(true);
		expect(offered('fetchRelatedObject', snapshot)).toBe(false);
	});

	it('defaults the signature tolerance to 300 seconds', () => {
		const options = description.properties.find((property) => property.name === 'options');
		const tolerance = options?.options?.find(
			(option) => 'name' in option && option.name === 'toleranceSeconds',
		);
		expect(tolerance).toMatchObject({ default: 300, typeOptions: { minValue: 1 } });
	});
});
