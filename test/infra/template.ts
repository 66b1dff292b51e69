import { Template } from 'aws-cdk-lib/assertions';
import { catalogFunctionTag } from '#infra/functions';
import { type CloudFormationTemplate, synthesizeFakturaTemplate } from '#infra/synthesize';

/**
 * Helpers to read the synthesized Faktura template in the infrastructure tests. Each test file
 * synthesizes once (in `beforeAll`), without bundling, and asserts on the JSON.
 */

export interface SynthesizedFaktura {
  readonly json: CloudFormationTemplate;
  readonly template: Template;
}

export function synthesizeFaktura(context: Record<string, unknown> = {}): SynthesizedFaktura {
  const json = synthesizeFakturaTemplate({ context });
  return { json, template: Template.fromJSON(json) };
}

export type Resource = { Type: string; Properties: Record<string, any>; [key: string]: any };

export function resourcesOfType(json: CloudFormationTemplate, type: string): [string, Resource][] {
  return Object.entries(json.Resources as Record<string, Resource>).filter(([, r]) => r.Type === type);
}

export function onlyResourceOfType(json: CloudFormationTemplate, type: string): [string, Resource] {
  const found = resourcesOfType(json, type);
  if (found.length !== 1) throw new Error(`Expected one ${type}, found ${found.length}`);
  return found[0]!;
}

/** The state machine of a kind (`export`, `monthly-close`), found by its `faktura:state-machine` tag. */
export function stateMachineOf(json: CloudFormationTemplate, kind: string): [string, Resource] {
  const found = resourcesOfType(json, 'AWS::StepFunctions::StateMachine').filter(([, machine]) =>
    (machine.Properties.Tags ?? []).some(
      (tag: { Key: string; Value: string }) => tag.Key === 'faktura:state-machine' && tag.Value === kind,
    ),
  );
  if (found.length !== 1) throw new Error(`Expected one ${kind} state machine, found ${found.length}`);
  return found[0]!;
}

/** The Lambda functions of the template by their catalog name (the `faktura:function` tag). */
export function functionsByCatalogName(json: CloudFormationTemplate): Map<string, [string, Resource]> {
  const byName = new Map<string, [string, Resource]>();
  for (const [logicalId, fn] of resourcesOfType(json, 'AWS::Lambda::Function')) {
    const tag = (fn.Properties.Tags ?? []).find((t: { Key: string }) => t.Key === catalogFunctionTag);
    if (tag) byName.set(tag.Value, [logicalId, fn]);
  }
  return byName;
}

export interface PolicyStatement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: unknown;
}

/** Every statement of the inline policies attached to a role. */
export function statementsOfRole(json: CloudFormationTemplate, roleLogicalId: string): PolicyStatement[] {
  return resourcesOfType(json, 'AWS::IAM::Policy')
    .filter(([, policy]) =>
      (policy.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roleLogicalId),
    )
    .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement as PolicyStatement[]);
}

/** The role a function runs with. */
export function roleOfFunction(fn: Resource): string {
  return fn.Properties.Role['Fn::GetAtt'][0];
}

export function actionsOf(statements: readonly PolicyStatement[]): string[] {
  return statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
}

/** Statements that allow `action`, with their resources. */
export function statementsAllowing(
  statements: readonly PolicyStatement[],
  action: string,
): PolicyStatement[] {
  return statements.filter((s) => s.Effect === 'Allow' && actionsOf([s]).includes(action));
}

/** A `Fn::GetAtt` to a logical id's ARN, as it appears in a policy or a property. */
export function arnOf(logicalId: string): { 'Fn::GetAtt': [string, string] } {
  return { 'Fn::GetAtt': [logicalId, 'Arn'] };
}
