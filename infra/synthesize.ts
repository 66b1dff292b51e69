import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { FakturaStack } from './faktura-stack.ts';
import { catalogFunctionTag } from './functions.ts';
import { settingsFromContext } from './stack-config.ts';
import { type StateMachineKind, stateMachineTag } from './state-machine-tag.ts';

/** A CloudFormation template, as JSON. */
// biome-ignore lint/suspicious/noExplicitAny: a template is free-form JSON; callers index into it.
export type CloudFormationTemplate = Record<string, any>;

export interface SynthesizeOptions {
  /** Bundle the functions with esbuild (slow; only for inspecting assets). Default: skip bundling. */
  readonly bundle?: boolean;
  /** Extra CDK context, as `cdk synth -c key=value` would give. */
  readonly context?: Record<string, unknown>;
}

/**
 * Synthesizes the Faktura stack in this process and returns its CloudFormation template.
 *
 * For the local runtime, which reads the export saga's definition from the template at start-up,
 * and for the infrastructure tests: no CLI, no cdk-nag, no bundling (context `aws:cdk:bundling-stacks: []` makes every
 * `NodejsFunction` skip esbuild), and the cloud assembly goes to a temporary directory that is
 * removed afterwards, never into the repository.
 */
export function synthesizeFakturaTemplate(options: SynthesizeOptions = {}): CloudFormationTemplate {
  const outdir = mkdtempSync(path.join(tmpdir(), 'faktura-cdk-'));
  try {
    const app = new App({
      outdir,
      // `cdk synth` validates the template against the CloudFormation schemas; starting that engine
      // costs seconds, and what is read here is a template that `cdk synth` has already validated.
      builtinCloudFormationValidation: false,
      context: {
        ...options.context,
        'aws:cdk:bundling-stacks': options.bundle ? ['**'] : [],
      },
    });
    const stack = new FakturaStack(app, 'Faktura', settingsFromContext(app.node));
    return app.synth().getStackArtifact(stack.artifactId).template as CloudFormationTemplate;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** Where a Lambda function "lives" for the local runtime: a local ARN named after its catalog entry. */
export function localFunctionArn(catalogName: string): string {
  return `arn:aws:lambda:local:000000000000:function:${catalogName}`;
}

/** Where a state machine "lives" for a definition read without saying (the local runtime says). */
export function localStateMachineArn(kind: StateMachineKind): string {
  return `arn:aws:states:local:000000000000:stateMachine:${kind}`;
}

/** Where a queue "lives" for a definition read without saying (the local runtime says: its SQS's URL). */
export function localQueueUrl(queueLogicalId: string): string {
  return `https://sqs.local.amazonaws.com/000000000000/${queueLogicalId}`;
}

/** Values of the pseudo parameters a definition may reference, as the local runtime sees them. */
const localPseudoParameters: Record<string, string> = {
  'AWS::Partition': 'aws',
  'AWS::Region': 'local',
  'AWS::AccountId': '000000000000',
  'AWS::URLSuffix': 'amazonaws.com',
};

/** The export saga's definition, as the local runtime runs it (see stateMachineDefinition). */
// biome-ignore lint/suspicious/noExplicitAny: an ASL definition is free-form JSON.
export const exportStateMachineDefinition = (template: CloudFormationTemplate): Record<string, any> =>
  stateMachineDefinition(template, 'export');

/** The monthly close's definition, as the local runtime runs it. */
export const monthlyCloseStateMachineDefinition = (
  template: CloudFormationTemplate,
  stateMachineArn?: (kind: StateMachineKind) => string,
  // biome-ignore lint/suspicious/noExplicitAny: an ASL definition is free-form JSON.
): Record<string, any> => stateMachineDefinition(template, 'monthly-close', stateMachineArn);

/** The monthly close's group (its child executions, which queue the automatic exports), as the local runtime runs it. */
export const monthlyCloseGroupStateMachineDefinition = (
  template: CloudFormationTemplate,
  queueUrl?: (queueLogicalId: string) => string,
  // biome-ignore lint/suspicious/noExplicitAny: an ASL definition is free-form JSON.
): Record<string, any> => stateMachineDefinition(template, 'monthly-close-group', undefined, queueUrl);

/**
 * A state machine's definition from a synthesized template, as a JSON object the local Step
 * Functions interpreter can run: the `Fn::Join` of the `DefinitionString` joined, and every
 * reference to a Lambda function replaced by `localFunctionArn(<its faktura:function tag>)`, every
 * reference to another state machine (the close's group) by `stateMachineArn(<its kind>)`, and
 * every reference to a queue (a `Ref`, which is its URL) by `queueUrl(<its logical id>)`.
 */
export function stateMachineDefinition(
  template: CloudFormationTemplate,
  kind: StateMachineKind,
  stateMachineArn: (kind: StateMachineKind) => string = localStateMachineArn,
  queueUrl: (queueLogicalId: string) => string = localQueueUrl,
  // biome-ignore lint/suspicious/noExplicitAny: an ASL definition is free-form JSON.
): Record<string, any> {
  const resources: CloudFormationTemplate = template.Resources ?? {};
  const machines = Object.entries(resources).filter(
    ([, r]) =>
      r.Type === 'AWS::StepFunctions::StateMachine' &&
      // biome-ignore lint/suspicious/noExplicitAny: tags as CloudFormation writes them.
      (r.Properties?.Tags ?? []).some((tag: any) => tag.Key === stateMachineTag && tag.Value === kind),
  );
  if (machines.length !== 1) {
    throw new Error(
      `Expected exactly one state machine tagged ${stateMachineTag}=${kind}, found ${machines.length}`,
    );
  }
  const [, machine] = machines[0]!;
  const catalogNames = functionCatalogNames(resources);
  const machineKinds = stateMachineKinds(resources);

  const resolve = (value: unknown): string => {
    if (typeof value === 'string') return value;
    if (isObject(value)) {
      if ('Fn::Join' in value) {
        const [delimiter, parts] = value['Fn::Join'] as [string, unknown[]];
        return parts.map(resolve).join(delimiter);
      }
      if ('Fn::GetAtt' in value) {
        const [logicalId, attribute] = value['Fn::GetAtt'] as [string, string];
        return functionArn(logicalId, `Fn::GetAtt ${logicalId}.${attribute}`);
      }
      if ('Ref' in value) {
        const name = value.Ref as string;
        const machine = machineKinds.get(name);
        if (machine) return stateMachineArn(machine);
        if (resources[name]?.Type === 'AWS::SQS::Queue') return queueUrl(name);
        return localPseudoParameters[name] ?? functionArn(name, `Ref ${name}`);
      }
    }
    throw new Error(`Cannot resolve ${JSON.stringify(value)} in the state machine definition`);
  };
  const functionArn = (logicalId: string, what: string): string => {
    const catalogName = catalogNames.get(logicalId);
    if (!catalogName) throw new Error(`${what} in the state machine definition is not a catalog function`);
    return localFunctionArn(catalogName);
  };

  return JSON.parse(resolve(machine.Properties.DefinitionString));
}

/** A queue a catalog function consumes, as its event source mapping says. */
export interface QueueConsumer {
  /** The queue's logical id in the template. */
  readonly queueLogicalId: string;
  readonly functionName: string;
  readonly batchSize: number;
  /** The function's timeout, in seconds. */
  readonly timeoutSeconds: number;
}

/**
 * Lambda's event source mappings of the template: which catalog function consumes which queue, in
 * batches of how many. The local runtime polls each queue for its function from these, so a queue
 * added to the stack is consumed locally as it is in AWS.
 */
export function queueConsumers(template: CloudFormationTemplate): QueueConsumer[] {
  const resources: CloudFormationTemplate = template.Resources ?? {};
  const catalogNames = functionCatalogNames(resources);
  return Object.values(resources)
    .filter((resource) => resource.Type === 'AWS::Lambda::EventSourceMapping')
    .map(({ Properties: mapping }) => {
      const queueLogicalId: string | undefined = mapping?.EventSourceArn?.['Fn::GetAtt']?.[0];
      const functionLogicalId: string | undefined = mapping?.FunctionName?.Ref;
      const functionName = functionLogicalId && catalogNames.get(functionLogicalId);
      if (!queueLogicalId || !functionName)
        throw new Error(
          `An event source mapping is not a catalog function's queue: ${JSON.stringify(mapping)}`,
        );
      return {
        queueLogicalId,
        functionName,
        batchSize: mapping.BatchSize ?? 10,
        timeoutSeconds: resources[functionLogicalId!]?.Properties?.Timeout ?? 3,
      };
    });
}

/** Lambda logical id → catalog name, read from each function's `faktura:function` tag. */
function functionCatalogNames(resources: CloudFormationTemplate): Map<string, string> {
  const names = new Map<string, string>();
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (resource.Type !== 'AWS::Lambda::Function') continue;
    const tags: { Key: string; Value: string }[] = resource.Properties?.Tags ?? [];
    const tag = tags.find((t) => t.Key === catalogFunctionTag);
    if (tag) names.set(logicalId, tag.Value);
  }
  return names;
}

/** State machine logical id → its kind, read from its `faktura:state-machine` tag. */
function stateMachineKinds(resources: CloudFormationTemplate): Map<string, StateMachineKind> {
  const kinds = new Map<string, StateMachineKind>();
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (resource.Type !== 'AWS::StepFunctions::StateMachine') continue;
    const tags: { Key: string; Value: string }[] = resource.Properties?.Tags ?? [];
    const tag = tags.find((t) => t.Key === stateMachineTag);
    if (tag) kinds.set(logicalId, tag.Value as StateMachineKind);
  }
  return kinds;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
