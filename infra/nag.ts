import { Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/**
 * Runs the AWS Solutions rules of cdk-nag on every stack of `app`. A finding that is not
 * acknowledged on its resource (or an ancestor of it) fails the synthesis: `cdk synth` exits with 1,
 * an in-process `app.synth()` throws. The acknowledgements are also written into the template's
 * resource metadata (`cdk_nag.rules_to_suppress`), so the audit trail ships with what is deployed.
 */
export function addNagChecks(app: IConstruct): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { writeSuppressionsToCloudFormation: true }));
}

/**
 * Acknowledges one wildcard resource in `principal`'s IAM policies (finding
 * `AwsSolutions-IAM5[Resource::<flattened resource>]`), and only that one: other wildcards on the
 * same principal still fail the synthesis.
 */
export function acknowledgeWildcardResource(principal: IConstruct, resource: string, reason: string): void {
  Validations.of(principal).acknowledge({
    id: `AwsSolutions-IAM5[Resource::${nagResourceName(principal, resource)}]`,
    reason,
  });
}

/**
 * A resource ARN as cdk-nag writes it in a finding id: tokens resolved to CloudFormation, then
 * `Fn::GetAtt` as `<Logical.Attr>`, `Ref` as `<Name>`, `Fn::Join` joined (mirrors cdk-nag's
 * internal `flattenCfnReference`, which the package does not export).
 */
export function nagResourceName(scope: IConstruct, resource: string): string {
  return flatten(Stack.of(scope).resolve(resource));
}

function flatten(node: unknown): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return node.replace(/\${/g, '<').replace(/}/g, '>');
  if (isObject(node)) {
    const join = node['Fn::Join'];
    if (Array.isArray(join)) {
      const [delimiter, items] = join as [string, unknown[]];
      return items.map(flatten).join(delimiter);
    }
    if ('Fn::Sub' in node) return flatten(node['Fn::Sub']);
    const getAtt = node['Fn::GetAtt'];
    if (Array.isArray(getAtt)) return `<${flatten(getAtt[0])}.${flatten(getAtt[1])}>`;
    if ('Fn::ImportValue' in node) return flatten(node['Fn::ImportValue']);
    if ('Ref' in node) return `<${flatten(node.Ref)}>`;
  }
  return JSON.stringify(node);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
