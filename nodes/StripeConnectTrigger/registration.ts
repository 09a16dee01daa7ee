import { NodeOperationError } from 'n8n-workflow';
import type { IHookFunctions } from 'n8n-workflow';

import { readActivationSettings, webhookUrlOf } from './activationSettings';
import {
	deleteStoredDestination,
	destinationExists,
	reconcileDestination,
} from './eventDestinations';
import type { TriggerStaticData } from './triggerStaticData';
import {
	deleteStoredEndpoints,
	endpointsExist,
	reconcileEndpoints,
	removeWebhookEndpoints,
} from './webhookEndpoints';

function staticDataOf(context: IHookFunctions): TriggerStaticData {
	return context.getWorkflowStaticData('node') as TriggerStaticData;
}

/**
 * A test listener ("Listen for test event") must only ever manage its own registration. n8n 2.41.1
 * gives it empty static data (TestWebhooks.toWorkflow); should a version hand it a copy of the
 * production data instead, the production endpoints and destination are dropped from that copy
 * before anything can fail, so the listener's delete (also the one n8n runs after a failed
 * activation) cannot remove them.
 */
function isolateTestListener(context: IHookFunctions): void {
	if (context.getActivationMode() !== 'manual') return;
	const url = webhookUrlOf(context);
	const staticData = staticDataOf(context);
	const stored = staticData.endpoints ?? {};
	const own = Object.entries(stored).filter(([, endpoint]) => endpoint.url === url);
	if (own.length !== Object.keys(stored).length) staticData.endpoints = Object.fromEntries(own);
	if (staticData.destination !== undefined && staticData.destination.url !== url) {
		delete staticData.destination;
	}
}

/**
 * checkExists: true only when what the Delivery needs is registered as it must be (see
 * endpointsExist and destinationExists) and nothing of the other delivery is left at Stripe.
 */
export async function registrationExists(context: IHookFunctions): Promise<boolean> {
	isolateTestListener(context);
	const desired = await readActivationSettings(context);
	if (desired.delivery === 'eventDestination') return await destinationExists(context, desired);
	if (staticDataOf(context).destination !== undefined) return false;
	return await endpointsExist(context, desired);
}

/**
 * create: registers what the Delivery needs, reusing what the trigger holds, and removes what the
 * other delivery left: with an event destination, every webhook endpoint at this node's URL or
 * registered by the trigger (a secret key can list them); with webhook endpoints, the destination
 * the trigger registered, by its id (listing destinations would need API v2, which a restricted key
 * the endpoints work with cannot call).
 */
export async function reconcileRegistration(context: IHookFunctions): Promise<boolean> {
	isolateTestListener(context);
	const desired = await readActivationSettings(context);
	if (desired.delivery === 'eventDestination') {
		await removeWebhookEndpoints(context, desired.url);
		await reconcileDestination(context, desired);
		return true;
	}
	const destination = staticDataOf(context).destination;
	if (destination !== undefined && !(await deleteStoredDestination(context))) {
		throw new NodeOperationError(
			context.getNode(),
			`Could not delete the Stripe event destination ${destination.id} this trigger registered before.`,
			{
				description:
					'Delete it in Stripe Dashboard → Developers → Event destinations, then activate the workflow again.',
			},
		);
	}
	await reconcileEndpoints(context, desired);
	return true;
}

/**
 * delete: removes every endpoint and the destination this trigger registered, by the ids kept in
 * static data, whatever URL they were registered for (n8n's public URL may have changed). What
 * could not be deleted is logged and stays remembered, so the next activation removes or reuses it.
 */
export async function deleteRegistration(context: IHookFunctions): Promise<boolean> {
	const endpointsDeleted = await deleteStoredEndpoints(context);
	const destinationDeleted = await deleteStoredDestination(context);
	return endpointsDeleted && destinationDeleted;
}
