import type { Scenario } from '../lib/scenario';
import { bulkTransfersScenario } from './bulkTransfers';
import { eventBridgeScenario } from './eventBridge';
import { lambdaBundlesScenario } from './lambdaBundles';
import { reconciliationScenario } from './reconciliation';
import { returnAllScenario } from './returnAll';
import { scaleReconciliationScenario } from './scaleReconciliation';
import { tipsScenario } from './tips';
import { triggerScenario } from './trigger';

/** Every scenario, in the order of issue 9. */
export const scenarios: Scenario[] = [
	reconciliationScenario,
	scaleReconciliationScenario,
	tipsScenario,
	returnAllScenario,
	eventBridgeScenario,
	lambdaBundlesScenario,
	triggerScenario,
	bulkTransfersScenario,
];
