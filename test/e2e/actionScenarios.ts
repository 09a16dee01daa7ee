/**
 * The action node's end-to-end scenarios, run by both topologies: one n8n process
 * (actions.e2e.test.ts, `n8n execute`) and queue mode (queue-mode.e2e.test.ts, executions on the
 * worker). Workflows covering every resource run against the sandbox; outputs are asserted, and so is
 * every request on the wire. The scenarios are in operationScenarios.ts and exampleScenarios.ts.
 */
import type { StripeSandbox } from '../../stripe-sandbox';
import type { ActionContext, SeededActionIds } from './actionScenarioSupport';
import { exampleScenarioTests } from './exampleScenarios';
import { operationScenarioTests } from './operationScenarios';

export { ACTION_WORKFLOWS_DIR } from './actionScenarioSupport';
export type { ActionContext, SeededActionIds } from './actionScenarioSupport';

/** The placeholder values of a fixture: the seeded ids and the Stripe base URL n8n should call. */
export function fixtureValues(ids: SeededActionIds, stripeUrl: string): Record<string, string> {
	return {
		SANDBOX_URL: stripeUrl,
		DESTINATION_ACCOUNT: ids.destination,
		SPARE_ACCOUNT: ids.spare,
		UNCAPTURED_PAYMENT_INTENT: ids.uncapturedPayment,
		DISPUTE: ids.dispute,
	};
}

/** Seeds the sandbox with the accounts, balances, payments and dispute the fixtures use. */
export function seedActionSandbox(sandbox: StripeSandbox): SeededActionIds {
	const destination = sandbox.state.createConnectedAccount({
		country: 'US',
		business_name: 'Harbor Bikes',
	}).id;
	const spare = sandbox.state.createConnectedAccount({
		country: 'US',
		business_name: 'Closing Shop',
	}).id;
	sandbox.state.fundBalance({ currency: 'usd', amount: 1_000_00 });
	sandbox.state.fundBalance({ account: destination, currency: 'usd', amount: 200_00 });
	const uncapturedPayment = sandbox.state.createPaymentIntent({
		amount: 40_00,
		currency: 'usd',
		status: 'requires_capture',
		transfer_data: { destination },
	}).id;
	const disputedPayment = sandbox.state.createPaymentIntent({
		amount: 75_00,
		currency: 'usd',
		transfer_data: { destination },
	}).id;
	const dispute = sandbox.state.createDispute({
		payment_intent: disputedPayment,
		reason: 'fraudulent',
	}).id;
	return { destination, spare, uncapturedPayment, dispute };
}

/**
 * Registers one test per scenario in the calling `describe`; `context()` is read once the caller's
 * own `beforeAll` (registered before this call) has prepared n8n and the sandbox.
 */
export function actionScenarioTests(context: () => ActionContext): void {
	operationScenarioTests(context);
	exampleScenarioTests(context);
}
