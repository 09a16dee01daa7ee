import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
	buildPayoutEvent,
	buildReconciliationCompletedEvent,
} from '../../functions/reconcilePayouts/events';
import type { PayoutOutcome } from '../../functions/reconcilePayouts/outcomes';
import { emptySummary } from '../../functions/reconcilePayouts/summary';
import {
	buildScaleCompletedEvent,
	summarizeRun,
	type BatchInput,
	type ReconciliationPlan,
	type RunSummary,
	type SummaryInput,
} from '../../functions/reconcilePayouts/scale/batches';
import type { PlannerEvent } from '../../functions/reconcilePayouts/scale/planner';
import {
	buildBatchCompletedEvent,
	buildInvalidTipEvent,
	buildTransferCreatedEvent,
	buildTransferFailedEvent,
	buildTransferPlannedEvent,
	buildTransferSkippedEvent,
} from '../../functions/transferTips/events';
import type { TipDecision } from '../../functions/transferTips/plan';
import type { TipBatchSummary } from '../../functions/transferTips/summary';
import { toPutEventsEntry } from '../../functions/shared/eventPublisher';
import type { JobEvent } from '../../functions/shared/jobEvents';
import resolveDeploymentSettings, {
	maxConcurrencyWithinBudget,
} from '../../functions/reconcilePayouts/scale/deploymentSettings.cjs';
import { matchesEventPattern, type EventPattern, type JsonValue } from './eventPattern';
import {
	deployedResources,
	packageService,
	packageServiceFailure,
	printService,
	readZip,
	removePackagedServices,
	repositoryRoot,
	roleStatements,
	type PackagedService,
	type TemplateResource,
} from './stack';

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';
const PROD = 'stripe-connect-jobs-prod';
const CUSTOMER_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

const FUNCTIONS = {
	reconcilePayouts: { logicalId: 'ReconcilePayoutsLambdaFunction', role: 'ReconcilePayoutsRole' },
	transferTips: { logicalId: 'TransferTipsLambdaFunction', role: 'TransferTipsRole' },
	reconcilePayoutsPlanner: {
		logicalId: 'ReconcilePayoutsPlannerLambdaFunction',
		role: 'ReconcilePayoutsPlannerRole',
	},
	reconcilePayoutsWorker: {
		logicalId: 'ReconcilePayoutsWorkerLambdaFunction',
		role: 'ReconcilePayoutsWorkerRole',
	},
	reconcilePayoutsSummary: {
		logicalId: 'ReconcilePayoutsSummaryLambdaFunction',
		role: 'ReconcilePayoutsSummaryRole',
	},
} as const;

type FunctionName = keyof typeof FUNCTIONS;

// Default parameters for prod, and prod with every optional parameter set and scale mode on.
let single: PackagedService;
let scale: PackagedService;
let singleResources: Record<string, TemplateResource>;
let scaleResources: Record<string, TemplateResource>;
let printed: Record<string, unknown>;

const scaleParams = {
	reconcileMode: 'scale',
	eventBusName: 'platform-events',
	stripeSecretKeyKmsKeyArn: CUSTOMER_KEY,
	alertEmail: 'payments-oncall@example.com',
};

beforeAll(async () => {
	// Packagings share the service's .serverless and .esbuild folders, so they run one after the
	// other; printing only resolves the configuration and runs alongside.
	const printing = printService('prod');
	single = await packageService('prod');
	scale = await packageService('prod', scaleParams);
	printed = await printing;
	singleResources = deployedResources(single.template);
	scaleResources = deployedResources(scale.template);
}, 240_000);

afterAll(removePackagedServices);

const logStatement = (name: FunctionName) => ({
	Sid: 'WriteOwnLogs',
	Effect: 'Allow',
	Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
	Resource: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/lambda/${PROD}-${name}:*`,
});
const readKeyStatement = (parameter: string) => ({
	Sid: 'ReadStripeSecretKey',
	Effect: 'Allow',
	Action: 'ssm:GetParameter',
	Resource: `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter${parameter}`,
});
const decryptKeyStatement = {
	Sid: 'DecryptStripeSecretKey',
	Effect: 'Allow',
	Action: 'kms:Decrypt',
	Resource: CUSTOMER_KEY,
};
const publishStatement = (busArn: unknown) => ({
	Sid: 'PublishResults',
	Effect: 'Allow',
	Action: 'events:PutEvents',
	Resource: busArn,
});
const deadLetterStatement = {
	Sid: 'RecordFailedInvocations',
	Effect: 'Allow',
	Action: 'sqs:SendMessage',
	Resource: { 'Fn::GetAtt': ['FailedInvocationsQueue', 'Arn'] },
};
const createdBus = { 'Fn::GetAtt': ['EventBus', 'Arn'] };
const existingBus = `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/platform-events`;
const keyParameter = '/stripe-connect/prod/stripe-secret-key';

describe('serverless.yml packaged for prod', () => {
	it('runs every function on nodejs22.x arm64 with its own role and no secret in the environment', () => {
		for (const [name, { logicalId, role }] of Object.entries(FUNCTIONS)) {
			const fn = singleResources[logicalId];
			expect(fn.Type, name).toBe('AWS::Lambda::Function');
			expect(fn.Properties.Runtime, name).toBe('nodejs22.x');
			expect(fn.Properties.Architectures, name).toEqual(['arm64']);
			expect(fn.Properties.FunctionName, name).toBe(`${PROD}-${name}`);
			expect(fn.Properties.Role, name).toEqual({ 'Fn::GetAtt': [role, 'Arn'] });
			const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> })
				.Variables;
			expect(variables.STRIPE_SECRET_KEY, name).toBeUndefined();
			expect(variables.STRIPE_SECRET_KEY_PARAMETER, name).toBe(keyParameter);
			expect(JSON.stringify(variables), name).not.toMatch(/sk_(live|test)_/);
		}
		// The framework's shared role would give every function every permission.
		expect(single.template.Resources.IamRoleLambdaExecution).toBeUndefined();
	});

	it('gives each function exactly the permissions it uses', () => {
		const expected: Record<FunctionName, unknown[]> = {
			reconcilePayouts: [
				logStatement('reconcilePayouts'),
				readKeyStatement(keyParameter),
				publishStatement(createdBus),
				deadLetterStatement,
			],
			transferTips: [
				logStatement('transferTips'),
				readKeyStatement(keyParameter),
				publishStatement(createdBus),
				deadLetterStatement,
			],
			reconcilePayoutsPlanner: [
				logStatement('reconcilePayoutsPlanner'),
				readKeyStatement(keyParameter),
			],
			reconcilePayoutsWorker: [
				logStatement('reconcilePayoutsWorker'),
				readKeyStatement(keyParameter),
				publishStatement(createdBus),
			],
			reconcilePayoutsSummary: [
				logStatement('reconcilePayoutsSummary'),
				publishStatement(createdBus),
			],
		};
		for (const [name, statements] of Object.entries(expected)) {
			expect(roleStatements(singleResources, FUNCTIONS[name as FunctionName].role), name).toEqual(
				statements,
			);
		}
	});

	it('adds kms:Decrypt on the customer key and targets an existing bus only when they are named', () => {
		const expected: Record<FunctionName, unknown[]> = {
			reconcilePayouts: [
				logStatement('reconcilePayouts'),
				readKeyStatement(keyParameter),
				decryptKeyStatement,
				publishStatement(existingBus),
				deadLetterStatement,
			],
			transferTips: [
				logStatement('transferTips'),
				readKeyStatement(keyParameter),
				decryptKeyStatement,
				publishStatement(existingBus),
				deadLetterStatement,
			],
			reconcilePayoutsPlanner: [
				logStatement('reconcilePayoutsPlanner'),
				readKeyStatement(keyParameter),
				decryptKeyStatement,
			],
			reconcilePayoutsWorker: [
				logStatement('reconcilePayoutsWorker'),
				readKeyStatement(keyParameter),
				decryptKeyStatement,
				publishStatement(existingBus),
			],
			reconcilePayoutsSummary: [
				logStatement('reconcilePayoutsSummary'),
				publishStatement(existingBus),
			],
		};
		for (const [name, statements] of Object.entries(expected)) {
			expect(roleStatements(scaleResources, FUNCTIONS[name as FunctionName].role), name).toEqual(
				statements,
			);
		}
		expect(scaleResources.EventBus).toBeUndefined();
		expect(singleResources.EventBus.Properties.Name).toBe(PROD);
		const reconcileVariables = (
			scaleResources.ReconcilePayoutsLambdaFunction.Properties.Environment as {
				Variables: Record<string, unknown>;
			}
		).Variables;
		expect(reconcileVariables.EVENT_BUS_NAME).toBe('platform-events');
	});

	it('lets the schedulers and the state machine start only their own targets', () => {
		const sendToQueue = {
			Sid: 'RecordUndeliverableSchedules',
			Effect: 'Allow',
			Action: 'sqs:SendMessage',
			Resource: { 'Fn::GetAtt': ['FailedInvocationsQueue', 'Arn'] },
		};
		const start = (action: string, resource: unknown) => ({
			Sid: 'StartScheduledJob',
			Effect: 'Allow',
			Action: action,
			Resource: resource,
		});
		expect(roleStatements(singleResources, 'ReconcilePayoutsSchedulerRole')).toEqual([
			start('lambda:InvokeFunction', { 'Fn::GetAtt': ['ReconcilePayoutsLambdaFunction', 'Arn'] }),
			sendToQueue,
		]);
		expect(roleStatements(singleResources, 'TransferTipsSchedulerRole')).toEqual([
			start('lambda:InvokeFunction', { 'Fn::GetAtt': ['TransferTipsLambdaFunction', 'Arn'] }),
			sendToQueue,
		]);
		expect(roleStatements(singleResources, 'ReconcilePayoutsStateMachineSchedulerRole')).toEqual([
			start('states:StartExecution', { Ref: 'ReconcilePayoutsAtScaleStateMachine' }),
			sendToQueue,
		]);
		const stateMachine = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${PROD}-reconcile-payouts`;
		expect(roleStatements(singleResources, 'ReconcilePayoutsStateMachineRole')).toEqual([
			{
				Sid: 'InvokeScaleFunctions',
				Effect: 'Allow',
				Action: 'lambda:InvokeFunction',
				Resource: [
					{ 'Fn::GetAtt': ['ReconcilePayoutsPlannerLambdaFunction', 'Arn'] },
					{ 'Fn::GetAtt': ['ReconcilePayoutsWorkerLambdaFunction', 'Arn'] },
					{ 'Fn::GetAtt': ['ReconcilePayoutsSummaryLambdaFunction', 'Arn'] },
				],
			},
			{
				Sid: 'RunDistributedMapChildren',
				Effect: 'Allow',
				Action: 'states:StartExecution',
				Resource: stateMachine,
			},
			{
				Sid: 'TrackDistributedMapChildren',
				Effect: 'Allow',
				Action: ['states:DescribeExecution', 'states:StopExecution'],
				Resource: `arn:aws:states:${REGION}:${ACCOUNT}:execution:${PROD}-reconcile-payouts/*`,
			},
		]);
		const machine = singleResources.ReconcilePayoutsAtScaleStateMachine;
		expect(machine.Properties.RoleArn).toEqual({
			'Fn::GetAtt': ['ReconcilePayoutsStateMachineRole', 'Arn'],
		});
	});

	it('uses no wildcard action anywhere and wildcard resources only for log streams and map children', () => {
		for (const [logicalId, resource] of Object.entries(scaleResources)) {
			if (resource.Type !== 'AWS::IAM::Role') continue;
			for (const statement of roleStatements(scaleResources, logicalId) as Array<{
				Action: string | string[];
				Resource: unknown;
			}>) {
				for (const action of [statement.Action].flat())
					expect(action, logicalId).not.toContain('*');
				for (const target of [statement.Resource].flat()) {
					if (typeof target !== 'string' || !target.includes('*')) continue;
					expect(target, logicalId).toMatch(
						/^arn:aws:logs:[^*]+:log-group:\/aws\/lambda\/[^*]+:\*$|^arn:aws:states:[^*]+:execution:[^*]+\/\*$/,
					);
				}
			}
		}
	});

	it('schedules the jobs with EventBridge Scheduler in the stage time zone, by mode', () => {
		const schedule = (resources: Record<string, TemplateResource>, id: string) =>
			resources[id].Properties;
		const failures = {
			RetryPolicy: { MaximumRetryAttempts: 5, MaximumEventAgeInSeconds: 3600 },
			DeadLetterConfig: { Arn: { 'Fn::GetAtt': ['FailedInvocationsQueue', 'Arn'] } },
		};
		expect(schedule(singleResources, 'ReconcilePayoutsSchedulerSchedule1')).toMatchObject({
			ScheduleExpression: 'cron(15 6 * * ? *)',
			ScheduleExpressionTimezone: 'UTC',
			State: 'ENABLED',
			FlexibleTimeWindow: { Mode: 'OFF' },
			Target: {
				Arn: { 'Fn::GetAtt': ['ReconcilePayoutsLambdaFunction', 'Arn'] },
				RoleArn: { 'Fn::GetAtt': ['ReconcilePayoutsSchedulerRole', 'Arn'] },
				...failures,
			},
		});
		expect(schedule(singleResources, 'TransferTipsSchedulerSchedule1')).toMatchObject({
			ScheduleExpression: 'cron(0 7 ? * MON *)',
			ScheduleExpressionTimezone: 'UTC',
			State: 'ENABLED',
			Target: { Arn: { 'Fn::GetAtt': ['TransferTipsLambdaFunction', 'Arn'] }, ...failures },
		});
		expect(
			schedule(singleResources, 'ReconcilePayoutsAtScaleStepFunctionsSchedulerSchedule1'),
		).toMatchObject({
			ScheduleExpression: 'cron(15 6 * * ? *)',
			State: 'DISABLED',
			Target: { Arn: { Ref: 'ReconcilePayoutsAtScaleStateMachine' }, ...failures },
		});
		// Scale mode swaps which of the two reconciliation schedules runs; tips are unaffected.
		expect(schedule(scaleResources, 'ReconcilePayoutsSchedulerSchedule1').State).toBe('DISABLED');
		expect(
			schedule(scaleResources, 'ReconcilePayoutsAtScaleStepFunctionsSchedulerSchedule1').State,
		).toBe('ENABLED');
		expect(schedule(scaleResources, 'TransferTipsSchedulerSchedule1').State).toBe('ENABLED');
	});

	it('retries a failed scheduled run once and then records it in the failed-invocations queue', () => {
		for (const id of ['ReconcilePayoutsLambdaEvConf', 'TransferTipsLambdaEvConf']) {
			expect(singleResources[id].Properties, id).toMatchObject({
				MaximumRetryAttempts: 1,
				MaximumEventAgeInSeconds: 3600,
				DestinationConfig: {
					OnFailure: { Destination: { 'Fn::GetAtt': ['FailedInvocationsQueue', 'Arn'] } },
				},
			});
		}
	});

	it('resolves the job settings from stage parameters', () => {
		const variables = (id: string) =>
			(singleResources[id].Properties.Environment as { Variables: Record<string, unknown> })
				.Variables;
		expect(variables('ReconcilePayoutsLambdaFunction')).toMatchObject({
			EVENT_BUS_NAME: { Ref: 'EventBus' },
			RECONCILE_LOOKBACK_HOURS: '24',
			RECONCILE_OVERLAP_HOURS: '6',
			PAYOUT_OVERDUE_GRACE_HOURS: '48',
			STRIPE_REQUESTS_PER_SECOND: '50',
		});
		expect(variables('TransferTipsLambdaFunction')).toMatchObject({
			TIPS_TIME_ZONE: 'UTC',
			TIPS_MINIMUM_AMOUNT: '100',
			STRIPE_REQUESTS_PER_SECOND: '50',
		});
		expect(variables('ReconcilePayoutsPlannerLambdaFunction')).toMatchObject({
			RECONCILE_LOOKBACK_HOURS: '24',
			RECONCILE_OVERLAP_HOURS: '6',
			SCALE_BATCH_SIZE: '100',
			STRIPE_REQUESTS_PER_SECOND: '50',
		});
		expect(variables('ReconcilePayoutsWorkerLambdaFunction')).toMatchObject({
			PAYOUT_OVERDUE_GRACE_HOURS: '48',
			STRIPE_REQUESTS_PER_SECOND: '10',
		});
		expect(singleResources.ReconcilePayoutsLogGroup.Properties.RetentionInDays).toBe(90);
	});

	it('prints a fully resolved configuration for prod without any AWS lookup', () => {
		const text = JSON.stringify(printed);
		expect(text).not.toMatch(/\$\{(?!AWS::)/);
		const provider = printed.provider as Record<string, unknown>;
		expect(provider.stage).toBe('prod');
		expect(provider.runtime).toBe('nodejs22.x');
		const functions = printed.functions as Record<
			string,
			{ events?: Array<{ schedule?: Record<string, unknown> }> }
		>;
		expect(functions.reconcilePayouts.events?.[0].schedule).toMatchObject({
			method: 'scheduler',
			rate: ['cron(15 6 * * ? *)'],
			timezone: 'UTC',
			enabled: true,
		});
		expect(functions.transferTips.events?.[0].schedule).toMatchObject({
			rate: ['cron(0 7 ? * MON *)'],
		});
	});

	it('keeps ${ssm:}, ${aws:} and ${cf:} variables out of serverless.yml so packaging needs no credentials', async () => {
		const source = await readFile(join(repositoryRoot, 'serverless.yml'), 'utf8');
		// Comments may name the forbidden variables; configuration lines may not use them.
		const configuration = source
			.split('\n')
			.filter((line) => !/^\s*#/.test(line))
			.join('\n');
		expect(configuration).toContain('${param:stripeSecretKeyParameter}');
		expect(configuration).not.toMatch(/\$\{(ssm|aws|cf|s3):/);
	});
});

describe('alerts', () => {
	const deliveredEvent = (event: JobEvent): Record<string, JsonValue> => {
		// The entry exactly as the jobs' publisher sends it, delivered as EventBridge delivers it.
		const entry = toPutEventsEntry(event, PROD);
		return {
			version: '0',
			id: '7bf73129-1428-4cd3-a780-95db273d1602',
			'detail-type': entry.DetailType as string,
			source: entry.Source as string,
			account: ACCOUNT,
			time: '2026-11-22T06:15:00Z',
			region: REGION,
			resources: (entry.Resources ?? []) as string[],
			detail: JSON.parse(entry.Detail as string) as JsonValue,
		};
	};
	const base = {
		account: 'acct_1Alert',
		payout: 'po_1Alert',
		amount: 12_500,
		currency: 'eur',
		arrivalDate: 1_795_000_000,
	};
	const outcomes: Record<string, PayoutOutcome> = {
		failed: {
			...base,
			kind: 'failed',
			failureCode: 'account_closed',
			failureMessage: 'The bank account is closed.',
		},
		mismatch: {
			...base,
			kind: 'mismatch',
			expected: 12_500,
			actual: 12_000,
			difference: -500,
			transactionCount: 3,
			otherCurrencyTransactions: [],
			breakdown: {},
		},
		overdue: { ...base, kind: 'overdue', status: 'in_transit', overdueSeconds: 86_400 },
		reconciled: {
			...base,
			kind: 'reconciled',
			transactionCount: 2,
			gross: 13_000,
			fees: -500,
			net: 12_500,
			breakdown: {},
		},
		notReconcilable: {
			...base,
			kind: 'not_reconcilable',
			reason: 'manual',
			method: 'standard',
			automatic: false,
		},
	};
	const payoutEvent = (outcome: PayoutOutcome) => {
		const event = buildPayoutEvent(outcome);
		if (event === undefined) throw new Error(`No event for ${outcome.kind}`);
		return deliveredEvent(event);
	};
	const alertPattern = () => {
		const rule = singleResources.PayoutAlertRule;
		return rule.Properties.EventPattern as EventPattern;
	};

	it('routes failed, mismatched and overdue payouts to the alert topic', () => {
		for (const kind of ['failed', 'mismatch', 'overdue']) {
			expect(matchesEventPattern(alertPattern(), payoutEvent(outcomes[kind])), kind).toBe(true);
		}
	});

	it('does not route reconciled or not reconcilable payouts', () => {
		for (const kind of ['reconciled', 'notReconcilable']) {
			expect(matchesEventPattern(alertPattern(), payoutEvent(outcomes[kind])), kind).toBe(false);
		}
	});

	const period = '2026-W46';
	const group = {
		recipient: 'acct_1Tipped',
		currency: 'usd',
		amount: 4_200,
		tipCount: 7,
		refundedTips: 0,
	};
	const transferDecision: Extract<TipDecision, { kind: 'transfer' }> = {
		kind: 'transfer',
		group,
		params: {
			amount: 4_200,
			currency: 'usd',
			destination: 'acct_1Tipped',
			transfer_group: 'tips_2026-W46',
			description: 'Tips 2026-W46',
			metadata: { period },
		},
		idempotencyKey: 'tips-2026-W46-acct_1Tipped-usd',
	};
	const tipSummary: TipBatchSummary = {
		period,
		periodStart: '2026-11-09T00:00:00.000Z',
		periodEnd: '2026-11-16T00:00:00.000Z',
		timeZone: 'UTC',
		dryRun: false,
		paymentsScanned: 7,
		recipients: 1,
		counts: {
			created: 0,
			alreadyTransferred: 0,
			planned: 0,
			skipped: {},
			failed: 1,
			notReached: 0,
		},
		totalsByCurrency: {},
		notReached: [],
	};

	it('routes failed tip transfers to the alert topic', () => {
		const failed = buildTransferFailedEvent(period, transferDecision, {
			kind: 'failed',
			code: 'insufficient_funds',
			message: 'Your platform balance is too low.',
			requestId: 'req_1',
			statusCode: 400,
			outcomeUnknown: false,
			replayed: false,
		});
		expect(matchesEventPattern(alertPattern(), deliveredEvent(failed))).toBe(true);
	});

	it('does not route created, planned or skipped tips, nor any run summary', () => {
		const quiet: Record<string, JobEvent> = {
			created: buildTransferCreatedEvent(
				period,
				group,
				{
					id: 'tr_1',
					amount: 4_200,
					currency: 'usd',
					destination: 'acct_1Tipped',
					transfer_group: 'tips_2026-W46',
				},
				false,
			),
			planned: buildTransferPlannedEvent(period, transferDecision),
			skipped: buildTransferSkippedEvent(period, {
				kind: 'skip',
				group,
				reason: 'below_minimum',
				message: 'below the minimum',
			}),
			invalid: buildInvalidTipEvent(period, {
				paymentIntent: 'pi_1',
				currency: 'usd',
				field: 'tip_amount',
				message: 'is not a whole number',
			}),
			tipBatchCompleted: buildBatchCompletedEvent(tipSummary, 1_000),
			reconciliationCompleted: buildReconciliationCompletedEvent(
				emptySummary({ since: 1_794_892_000, until: 1_795_000_000 }),
				1_000,
			),
			scaleReconciliationCompleted: buildScaleCompletedEvent(
				summarizeRun({
					runId: 'run-1',
					startedAt: '2026-11-18T06:15:00.000Z',
					window: { since: 1_794_892_000, until: 1_795_000_000 },
					now: 1_795_000_000,
					accountCount: 0,
					batches: [],
					fanOutError: { Error: 'States.ExceedToleratedFailureThreshold' },
				}),
				1_000,
				'run-1',
			),
		};
		for (const [name, event] of Object.entries(quiet)) {
			expect(matchesEventPattern(alertPattern(), deliveredEvent(event)), name).toBe(false);
		}
	});

	it('does not route a payout detail-type published under another source', () => {
		const impostor = { ...payoutEvent(outcomes.failed), source: 'stripe-connect.tips' };
		expect(matchesEventPattern(alertPattern(), impostor)).toBe(false);
	});

	it('sends matches to the alert topic, which only this rule and the stack alarms may publish to', () => {
		const rule = singleResources.PayoutAlertRule.Properties;
		expect(rule.EventBusName).toEqual({ Ref: 'EventBus' });
		expect(scaleResources.PayoutAlertRule.Properties.EventBusName).toBe('platform-events');
		expect(rule.Targets).toEqual([{ Id: 'alert-topic', Arn: { Ref: 'AlertTopic' } }]);
		const policy = singleResources.AlertTopicPolicy.Properties.PolicyDocument as {
			Statement: unknown[];
		};
		expect(policy.Statement).toEqual([
			{
				Sid: 'AlertRuleMayPublish',
				Effect: 'Allow',
				Principal: { Service: 'events.amazonaws.com' },
				Action: 'sns:Publish',
				Resource: { Ref: 'AlertTopic' },
				Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': ['PayoutAlertRule', 'Arn'] } } },
			},
			{
				Sid: 'AlarmsMayPublish',
				Effect: 'Allow',
				Principal: { Service: 'cloudwatch.amazonaws.com' },
				Action: 'sns:Publish',
				Resource: { Ref: 'AlertTopic' },
				Condition: {
					ArnLike: { 'aws:SourceArn': `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${PROD}-*` },
				},
			},
		]);
	});

	it('subscribes the alert e-mail address only when one is given', () => {
		expect(singleResources.AlertEmailSubscription).toBeUndefined();
		expect(scaleResources.AlertEmailSubscription.Properties).toEqual({
			TopicArn: { Ref: 'AlertTopic' },
			Protocol: 'email',
			Endpoint: 'payments-oncall@example.com',
		});
	});

	it('alarms on job errors, failed invocations and failed scale runs', () => {
		const alarm = (id: string) => singleResources[id].Properties;
		expect(alarm('ReconcilePayoutsErrorsAlarm')).toMatchObject({
			Namespace: 'AWS/Lambda',
			MetricName: 'Errors',
			Dimensions: [{ Name: 'FunctionName', Value: { Ref: 'ReconcilePayoutsLambdaFunction' } }],
			Threshold: 1,
			ComparisonOperator: 'GreaterThanOrEqualToThreshold',
			AlarmActions: [{ Ref: 'AlertTopic' }],
		});
		expect(alarm('TransferTipsErrorsAlarm')).toMatchObject({
			Dimensions: [{ Name: 'FunctionName', Value: { Ref: 'TransferTipsLambdaFunction' } }],
			AlarmActions: [{ Ref: 'AlertTopic' }],
		});
		expect(alarm('FailedInvocationsAlarm')).toMatchObject({
			Namespace: 'AWS/SQS',
			MetricName: 'ApproximateNumberOfMessagesVisible',
			AlarmActions: [{ Ref: 'AlertTopic' }],
		});
		expect(alarm('ReconcilePayoutsAtScaleFailedAlarm')).toMatchObject({
			Namespace: 'AWS/States',
			MetricName: 'ExecutionsFailed',
			Dimensions: [
				{ Name: 'StateMachineArn', Value: { Ref: 'ReconcilePayoutsAtScaleStateMachine' } },
			],
		});
		for (const [id, resource] of Object.entries(singleResources)) {
			if (resource.Type === 'AWS::CloudWatch::Alarm') {
				expect(resource.Properties.AlarmName, id).toMatch(new RegExp(`^${PROD}-`));
			}
		}
	});
});

describe('scale mode state machine', () => {
	const definition = (resources: Record<string, TemplateResource>) => {
		const [body, references] = (
			resources.ReconcilePayoutsAtScaleStateMachine.Properties.DefinitionString as {
				'Fn::Sub': [string, Record<string, { 'Fn::GetAtt': [string, string] }>];
			}
		)['Fn::Sub'];
		const resolved = body.replace(/\$\{(\w+)\}/g, (whole, key: string) =>
			references[key] ? `${references[key]['Fn::GetAtt'][0]}` : whole,
		);
		return JSON.parse(resolved) as {
			StartAt: string;
			States: Record<string, Record<string, unknown>>;
		};
	};

	it('plans, fans out over a distributed map within the Stripe budget, then summarizes once', () => {
		const machine = definition(singleResources);
		expect(machine.StartAt).toBe('PlanBatches');
		expect(machine.States.PlanBatches).toMatchObject({
			Resource: 'arn:aws:states:::lambda:invoke',
			Parameters: { FunctionName: 'ReconcilePayoutsPlannerLambdaFunction' },
			Next: 'ReconcileBatches',
		});
		const map = machine.States.ReconcileBatches;
		// floor(stripeRequestBudgetPerSecond 50 / scaleWorkerRequestsPerSecond 10)
		expect(map.MaxConcurrency).toBe(5);
		expect(map.ToleratedFailurePercentage).toBe(5);
		expect(map.ItemsPath).toBe('$.batches');
		const processor = map.ItemProcessor as {
			ProcessorConfig: unknown;
			States: Record<string, Record<string, unknown>>;
		};
		expect(processor.ProcessorConfig).toEqual({ Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' });
		const worker = processor.States.ReconcileBatch;
		expect(worker.Parameters).toMatchObject({
			FunctionName: 'ReconcilePayoutsWorkerLambdaFunction',
		});
		expect(worker.Retry).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ ErrorEquals: ['States.TaskFailed'], MaxAttempts: 2 }),
			]),
		);
		expect(map.Catch).toEqual([
			{
				ErrorEquals: ['States.ExceedToleratedFailureThreshold'],
				ResultPath: '$.fanOutError',
				Next: 'SummarizeRun',
			},
		]);
		expect(map.Next).toBe('SummarizeRun');
		expect(machine.States.SummarizeRun).toMatchObject({
			Parameters: { FunctionName: 'ReconcilePayoutsSummaryLambdaFunction' },
			Next: 'CheckRunOutcome',
		});
		expect(
			singleResources.ReconcilePayoutsAtScaleStateMachine.Properties.StateMachineType ?? 'STANDARD',
		).toBe('STANDARD');
	});

	it('is validated by serverless-step-functions while packaging', () => {
		// validate: true makes a broken definition (a typo'd Next, an unreachable state) fail the package.
		expect(single.output).toContain('State machine "reconcilePayoutsAtScale" definition is valid');
		expect(scale.output).toContain('State machine "reconcilePayoutsAtScale" definition is valid');
	});

	it('passes each Lambda exactly the input it expects, from the execution input to the choice', () => {
		const machine = definition(singleResources);
		const context = {
			Execution: { Name: 'run-1', StartTime: '2026-11-22T06:15:00.000Z' },
			Map: {
				Item: { Index: 1, Value: { after: 'acct_1', through: 'acct_2', next: null, size: 1 } },
			},
		};
		// JSONPath as these states use it: "$", "$.a.b" on the state input, "$$.a.b" on the context.
		const lookup = (path: string, input: unknown): unknown => {
			const [root, ...keys] = path.split('.');
			const start = root === '$$' ? context : input;
			return keys.reduce<unknown>((value, key) => (value as Record<string, unknown>)[key], start);
		};
		const select = (template: unknown, input: unknown): unknown => {
			if (typeof template !== 'object' || template === null) return template;
			return Object.fromEntries(
				Object.entries(template).map(([key, value]) =>
					key.endsWith('.$')
						? [key.slice(0, -2), lookup(value as string, input)]
						: [key, select(value, input)],
				),
			);
		};
		const parameters = (state: Record<string, unknown>) =>
			state.Parameters as Record<string, unknown>;

		const executionInput = { since: '2026-11-20T00:00:00Z', until: '2026-11-21T06:00:00Z' };
		const plannerEvent = select(parameters(machine.States.PlanBatches).Payload, executionInput);
		expect(plannerEvent).toEqual({
			runId: 'run-1',
			startedAt: '2026-11-22T06:15:00.000Z',
			request: executionInput,
		} satisfies PlannerEvent);

		const plan: ReconciliationPlan = {
			runId: 'run-1',
			startedAt: '2026-11-22T06:15:00.000Z',
			window: { since: 1_795_000_000 - 30 * 3600, until: 1_795_000_000 },
			now: 1_795_000_000,
			accountCount: 3,
			batches: [
				{ after: null, through: 'acct_1', next: 'acct_2', size: 2 },
				{ after: 'acct_1', through: 'acct_2', next: null, size: 1 },
			],
		};
		const planState = machine.States.PlanBatches;
		const planned = lookup(
			planState.OutputPath as string,
			select(planState.ResultSelector, { Payload: plan, StatusCode: 200 }),
		);
		expect(planned).toEqual(plan);

		const map = machine.States.ReconcileBatches;
		expect(lookup(map.ItemsPath as string, planned)).toEqual(plan.batches);
		const workerEvent = select(map.ItemSelector, planned);
		expect(workerEvent).toEqual({
			runId: 'run-1',
			batchIndex: 1,
			batch: plan.batches[1],
			window: plan.window,
			now: plan.now,
		} satisfies BatchInput);
		const worker = (map.ItemProcessor as { States: Record<string, Record<string, unknown>> }).States
			.ReconcileBatch;
		expect(lookup(parameters(worker)['Payload.$'] as string, workerEvent)).toEqual(workerEvent);
		expect(worker.OutputPath).toBe('$.Payload');

		// The map's results and its give-up error land next to the plan, where the summary reads them.
		expect(map.ResultPath).toBe('$.batchResults');
		const summaryEvent = lookup(parameters(machine.States.SummarizeRun)['Payload.$'] as string, {
			...plan,
			batchResults: [],
		});
		expect(summaryEvent).toEqual({ ...plan, batchResults: [] } satisfies SummaryInput);
		expect(machine.States.SummarizeRun.OutputPath).toBe('$.Payload');
		const runSummary: Pick<RunSummary, 'complete'> = { complete: true };
		expect(machine.States.CheckRunOutcome).toEqual({
			Type: 'Choice',
			Choices: [
				{ Variable: '$.complete', BooleanEquals: runSummary.complete, Next: 'RunSucceeded' },
			],
			Default: 'RunFailed',
			QueryLanguage: 'JSONPath',
		});
	});

	it('derives MaxConcurrency as the most workers whose combined rate stays within the budget', async () => {
		const params: Record<string, unknown> = {
			reconcileMode: 'scale',
			stripeSecretKeyParameter: '/stripe-connect/prod/stripe-secret-key',
			stripeSecretKeyKmsKeyArn: '',
			alertEmail: '',
			stripeRequestBudgetPerSecond: 25,
			scaleWorkerRequestsPerSecond: 4,
			scaleBatchSize: 100,
			scaleToleratedFailurePercentage: 5,
		};
		const settings = await resolveDeploymentSettings({
			resolveVariable: async (address: string) => params[address.replace(/^param:/, '')],
		});
		expect(settings.maxConcurrency).toBe(6);
		expect(settings.scaleScheduleEnabled).toBe(true);
		expect(settings.singleRunScheduleEnabled).toBe(false);
		expect(maxConcurrencyWithinBudget(100, 10)).toBe(10);
		expect(maxConcurrencyWithinBudget(10, 10)).toBe(1);
	});

	it('rejects each malformed parameter with a message naming it and the fix', async () => {
		const valid: Record<string, unknown> = {
			reconcileMode: 'single',
			stripeSecretKeyParameter: '/stripe-connect/prod/stripe-secret-key',
			stripeSecretKeyKmsKeyArn: '',
			alertEmail: '',
			stripeRequestBudgetPerSecond: 50,
			scaleWorkerRequestsPerSecond: 10,
			scaleBatchSize: 100,
			scaleToleratedFailurePercentage: 5,
		};
		const resolveWith = (overrides: Record<string, unknown>) =>
			resolveDeploymentSettings({
				resolveVariable: async (address: string) =>
					({ ...valid, ...overrides })[address.replace(/^param:/, '')],
			});
		await expect(resolveWith({})).resolves.toMatchObject({
			reconcileMode: 'single',
			maxConcurrency: 5,
		});
		await expect(resolveWith({ stripeSecretKeyParameter: 'stripe-secret-key' })).rejects.toThrow(
			/"stripeSecretKeyParameter" must be a fully qualified SSM parameter name .*\(leading slash/,
		);
		await expect(resolveWith({ stripeSecretKeyKmsKeyArn: 'alias/stripe' })).rejects.toThrow(
			/"stripeSecretKeyKmsKeyArn" must be empty .* or a KMS key ARN/,
		);
		await expect(resolveWith({ alertEmail: 'payments team' })).rejects.toThrow(
			/"alertEmail" must be empty \(no subscription\) or one e-mail address/,
		);
		await expect(resolveWith({ stripeRequestBudgetPerSecond: '12.5' })).rejects.toThrow(
			/"stripeRequestBudgetPerSecond" must be an integer from 1 to 10000, got "12.5".*params\.<stage>\.stripeRequestBudgetPerSecond/,
		);
		await expect(resolveWith({ scaleToleratedFailurePercentage: 101 })).rejects.toThrow(
			/"scaleToleratedFailurePercentage" must be an integer from 0 to 100/,
		);
		await expect(resolveWith({ scaleBatchSize: 0 })).rejects.toThrow(
			/"scaleBatchSize" must be an integer from 1 to 1000/,
		);
	});

	it('refuses to package an unknown mode or a worker rate above the budget, naming the parameter', async () => {
		expect(await packageServiceFailure('prod', { reconcileMode: 'fast' })).toMatch(
			/Stage parameter "reconcileMode" must be one of single, scale, got "fast"/,
		);
		expect(
			await packageServiceFailure('prod', {
				stripeRequestBudgetPerSecond: '5',
				scaleWorkerRequestsPerSecond: '10',
			}),
		).toMatch(/"scaleWorkerRequestsPerSecond" \(10\) exceeds "stripeRequestBudgetPerSecond" \(5\)/);
	}, 120_000);
});

describe('bundles', () => {
	it('packages each function on its own: minified CommonJS with a line-only source map and without the AWS SDK', async () => {
		for (const [name, { logicalId }] of Object.entries(FUNCTIONS)) {
			const files = await readZip(join(single.directory, `${name}.zip`));
			const handler = (single.template.Resources[logicalId].Properties.Handler as string).replace(
				/\.handler$/,
				'',
			);
			const bundle = files.get(`${handler}.js`);
			expect(bundle, `${name}: ${[...files.keys()].join(', ')}`).toBeDefined();
			const sourceMap = JSON.parse((files.get(`${handler}.js.map`) as Buffer).toString('utf8')) as {
				sources: string[];
				sourcesContent?: unknown;
				mappings: string;
			};
			// Line mappings back to our TypeScript, without shipping the sources a second time.
			expect(
				sourceMap.sources.some((source) => source.endsWith(`${handler}.ts`)),
				name,
			).toBe(true);
			expect(sourceMap.mappings.length, name).toBeGreaterThan(0);
			expect(sourceMap.sourcesContent, name).toBeUndefined();
			expect(
				[...files.keys()].filter((file) => file.startsWith('node_modules/')),
				name,
			).toEqual([]);
			const code = (bundle as Buffer).toString('utf8');
			expect(code, name).toMatch(
				/\/\/# sourceMappingURL=handler\.js\.map\n?$|\/\/# sourceMappingURL=(planner|worker|summary)\.js\.map\n?$/,
			);
			expect(code, name).toMatch(/exports/);
			// The runtime's SDK is required at run time, never bundled; everything else is inside.
			expect(code, name).toMatch(/require\("@aws-sdk\/client-(eventbridge|ssm)"\)/);
			expect(code, name).not.toMatch(/require\("(stripe|@aws-lambda-powertools\/[a-z]+)"\)/);
			expect(code.split('\n').length, `${name} is minified`).toBeLessThan(50);
		}
	});
});
