// The scale-mode state machine as `npm run package` writes it into the CloudFormation template:
// its definition with every Fn::Sub resolved, the Lambda functions its tasks invoke (handler
// module, timeout, environment) and its schedule's input; and asl-validator's verdict on it.
import { createRequire } from 'node:module';
import { join } from 'node:path';

import type { StateMachineDefinition } from 'aws-local-stepfunctions';

import { PSEUDO_PARAMETERS, resolveIntrinsics, type Template } from '../serverless/stack';

/** asl-validator 4.0.0 (CommonJS, without type declarations). */
const aslValidator = createRequire(__filename)('asl-validator') as (
	definition: unknown,
	options?: { checkPaths?: boolean; checkArn?: boolean },
) => { isValid: boolean; errors: unknown[] };

/** A Lambda function of the template that the state machine invokes. */
export interface PackagedFunction {
	logicalId: string;
	functionName: string;
	arn: string;
	/** The handler's TypeScript source and export, from the function's `Handler`. */
	modulePath: string;
	exportName: string;
	timeoutSeconds: number;
	memorySize: number;
	/** The function's environment as CloudFormation would set it (intrinsics resolved). */
	environment: Record<string, string>;
}

/** The packaged state machine and what it needs to run. */
export interface PackagedStateMachine {
	name: string;
	definition: StateMachineDefinition;
	/** The functions its tasks invoke, by ARN. */
	functions: Map<string, PackagedFunction>;
	/** The input its EventBridge Scheduler schedule starts an execution with. */
	scheduleInput: unknown;
}

const STATE_MACHINE_TYPE = 'AWS::StepFunctions::StateMachine';
const FUNCTION_TYPE = 'AWS::Lambda::Function';

function functionArn(functionName: string): string {
	const { 'AWS::Partition': partition, 'AWS::Region': region } = PSEUDO_PARAMETERS;
	return `arn:${partition}:lambda:${region}:${PSEUDO_PARAMETERS['AWS::AccountId']}:function:${functionName}`;
}

/** What a Ref to a resource yields where the jobs read it: a bus's name. */
function referenceValue(template: Template, value: unknown): unknown {
	if (typeof value !== 'object' || value === null || !('Ref' in value)) return value;
	const resource = template.Resources[(value as { Ref: string }).Ref];
	if (resource?.Type === 'AWS::Events::EventBus') return resource.Properties.Name;
	throw new Error(`No local value for Ref ${JSON.stringify(value)}.`);
}

function packagedFunction(
	template: Template,
	logicalId: string,
	repositoryRoot: string,
): PackagedFunction {
	const resource = resolveIntrinsics(template, template.Resources[logicalId]) as {
		Type: string;
		Properties: Record<string, unknown>;
	};
	if (resource?.Type !== FUNCTION_TYPE) throw new Error(`${logicalId} is not a Lambda function.`);
	const properties = resource.Properties;
	const handler = properties.Handler as string;
	const variables = (properties.Environment as { Variables?: Record<string, unknown> } | undefined)
		?.Variables;
	const environment = Object.fromEntries(
		Object.entries(variables ?? {}).map(([name, value]) => [
			name,
			String(referenceValue(template, value)),
		]),
	);
	const functionName = properties.FunctionName as string;
	return {
		logicalId,
		functionName,
		arn: functionArn(functionName),
		modulePath: join(repositoryRoot, `${handler.slice(0, handler.lastIndexOf('.'))}.ts`),
		exportName: handler.slice(handler.lastIndexOf('.') + 1),
		timeoutSeconds: properties.Timeout as number,
		memorySize: properties.MemorySize as number,
		environment,
	};
}

/**
 * The state machine `npm run package` wrote into `template`: its DefinitionString with every
 * substitution resolved (function ARNs), the functions it invokes, and its schedule's input.
 */
export function packagedStateMachine(
	template: Template,
	repositoryRoot: string,
): PackagedStateMachine {
	const entry = Object.entries(template.Resources).find(
		([, resource]) => resource.Type === STATE_MACHINE_TYPE,
	);
	if (entry === undefined) throw new Error('The template has no state machine.');
	const [logicalId, resource] = entry;
	const [body, substitutions] = (
		resource.Properties.DefinitionString as {
			'Fn::Sub': [string, Record<string, { 'Fn::GetAtt': [string, string] }>];
		}
	)['Fn::Sub'];
	const functions = new Map<string, PackagedFunction>();
	const resolved = body.replace(/\$\{([^}]+)\}/g, (whole, key: string) => {
		if (key in PSEUDO_PARAMETERS) return PSEUDO_PARAMETERS[key];
		const getAtt = substitutions[key]?.['Fn::GetAtt'];
		if (getAtt === undefined || getAtt[1] !== 'Arn') {
			throw new Error(`Cannot resolve \${${key}} in the state machine definition.`);
		}
		const packaged = packagedFunction(template, getAtt[0], repositoryRoot);
		functions.set(packaged.arn, packaged);
		return packaged.arn;
	});
	const schedule = Object.values(template.Resources).find(
		(candidate) =>
			candidate.Type === 'AWS::Scheduler::Schedule' &&
			JSON.stringify((candidate.Properties.Target as { Arn?: unknown }).Arn) ===
				JSON.stringify({ Ref: logicalId }),
	);
	const scheduleInput = (schedule?.Properties.Target as { Input?: string } | undefined)?.Input;
	return {
		name: resource.Properties.StateMachineName as string,
		definition: JSON.parse(resolved) as StateMachineDefinition,
		functions,
		scheduleInput: scheduleInput === undefined ? undefined : JSON.parse(scheduleInput),
	};
}

/** The definition checked by asl-validator 4.0.0 (paths and ARNs included); empty when valid. */
export function validationErrors(definition: StateMachineDefinition): string[] {
	const { isValid, errors } = aslValidator(definition, { checkPaths: true, checkArn: true });
	return isValid ? [] : errors.map((error) => JSON.stringify(error));
}
