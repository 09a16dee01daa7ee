// The sandbox's public entry point: what tests, benchmarks, scripts and the jobs' CLI import.
export { SANDBOX_SECRET_KEY, startSandbox } from './sandbox';
export type { SandboxOptions, StripeSandbox } from './sandbox';
export type { RequestFilter, SandboxControls } from './sandboxControls';
export type { RecordedRequest } from './requestLog';
export type { WebhookDelivery } from './webhooks';
export type { FaultSpec } from './faults';
export type { DemoSeedSummary } from './seed/demo';
export type { StripeObject } from './store';
export { ScenarioBuilders } from './scenarios';
export {
	VALIDATED_API_VERSION,
	VALIDATED_SDK_VERSION,
	validateStripeRequest,
} from './validation/validateRequest';
export { decodeStripeForm } from './formCodec';
export { signWebhookPayload } from './webhooks';
export {
	putEventsEntryFor,
	stripeEventBridgeEvent,
	stripeEventSourceArn,
	stripeEventSourceName,
} from './eventBridge';
export type { PutEventsEntry, StripeEventBridgeEvent } from './eventBridge';
