import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { beforeAll, describe, expect, it } from 'vitest';
import { environmentNames, type Grant } from '#infra/catalog';
import { AccountingSecrets } from '#infra/constructs/accounting-secrets';
import { ConsumedFifoQueue } from '#infra/constructs/consumed-fifo-queue';
import { CursorKey } from '#infra/constructs/cursor-key';
import { DataTable } from '#infra/constructs/data-table';
import { Notifications } from '#infra/constructs/notifications';
import { applyGrants } from '#infra/grants';
import {
  actionsOf,
  type PolicyStatement,
  type Resource,
  resourcesOfType,
  statementsOfRole,
} from './template.ts';

/**
 * Every grant the catalog may name, each on a function of its own, so that grants no catalog entry
 * uses yet (export-queue:send, accounting-secrets:write) are proven before one does.
 */
const expectations: Record<Grant, { allowed: string[]; denied: string[]; environment: string[] }> = {
  'table:read': {
    allowed: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:BatchGetItem'],
    denied: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'],
    environment: [environmentNames.tableName],
  },
  'table:write': {
    allowed: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'],
    denied: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan'],
    environment: [environmentNames.tableName],
  },
  'export-queue:send': {
    allowed: ['sqs:SendMessage'],
    denied: ['sqs:ReceiveMessage', 'sqs:DeleteMessage'],
    environment: [environmentNames.exportQueueUrl],
  },
  'mail-queue:send': {
    allowed: ['sqs:SendMessage'],
    denied: ['sqs:ReceiveMessage', 'sqs:DeleteMessage'],
    environment: [environmentNames.mailQueueUrl],
  },
  'export-state-machine:start': {
    allowed: ['states:StartExecution'],
    denied: ['states:StopExecution'],
    environment: [environmentNames.exportStateMachineArn],
  },
  'monthly-close-state-machine:start': {
    allowed: ['states:StartExecution'],
    denied: ['states:StopExecution'],
    environment: [environmentNames.monthlyCloseStateMachineArn],
  },
  'accounting-secrets:read': {
    allowed: ['secretsmanager:GetSecretValue'],
    denied: ['secretsmanager:PutSecretValue', 'secretsmanager:CreateSecret', 'secretsmanager:DeleteSecret'],
    environment: [environmentNames.accountingSecretPrefix],
  },
  'accounting-secrets:write': {
    allowed: ['secretsmanager:CreateSecret', 'secretsmanager:PutSecretValue'],
    denied: ['secretsmanager:GetSecretValue', 'secretsmanager:DeleteSecret'],
    environment: [environmentNames.accountingSecretPrefix],
  },
  'cursor-key:read': {
    allowed: ['secretsmanager:GetSecretValue'],
    denied: ['secretsmanager:PutSecretValue', 'secretsmanager:CreateSecret', 'secretsmanager:DeleteSecret'],
    environment: [environmentNames.cursorKeySecretArn],
  },
  'email:send': {
    allowed: ['ses:SendEmail'],
    denied: ['ses:SendRawEmail'],
    environment: [environmentNames.notificationSender, environmentNames.notificationConfigurationSet],
  },
};
const grants = Object.keys(expectations) as Grant[];

describe('catalog grants', () => {
  let json: Record<string, Record<string, Resource>>;
  const functionIds = new Map<Grant, string>();

  beforeAll(() => {
    const stack = new Stack(new App({ builtinCloudFormationValidation: false }), 'Grants');
    const queueOf = (id: string) =>
      new ConsumedFifoQueue(stack, id, {
        purpose: id,
        consumerTimeout: Duration.seconds(30),
      }).queue;
    const targets = {
      table: new DataTable(stack, 'Data').table,
      exportQueue: queueOf('Queue'),
      mailQueue: queueOf('MailQueue'),
      exportStateMachine: new sfn.StateMachine(stack, 'Machine', {
        definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'Nothing')),
      }),
      monthlyCloseStateMachine: new sfn.StateMachine(stack, 'CloseMachine', {
        definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'Nothing either')),
      }),
      accountingSecrets: new AccountingSecrets(stack, 'Secrets'),
      cursorKey: new CursorKey(stack, 'CursorKey'),
      notifications: new Notifications(stack, 'Mail', { domain: 'example.com' }),
    };
    for (const grant of grants) {
      const fn = new lambda.Function(stack, grant.replace(/[:]/g, '-'), {
        runtime: lambda.Runtime.NODEJS_24_X,
        handler: 'index.handler',
        code: lambda.Code.fromInline('export const handler = async () => {}'),
      });
      applyGrants(fn, [grant], targets);
      functionIds.set(grant, stack.getLogicalId(fn.node.defaultChild as lambda.CfnFunction));
    }
    json = Template.fromStack(stack).toJSON();
  });

  describe.each(grants)('%s', (grant) => {
    let statements: PolicyStatement[];
    let environment: Record<string, unknown>;

    beforeAll(() => {
      const fn = json.Resources![functionIds.get(grant)!]!;
      statements = statementsOfRole(json, fn.Properties.Role['Fn::GetAtt'][0]);
      environment = fn.Properties.Environment?.Variables ?? {};
    });

    it('allows what it names', () => {
      // Assess
      expect(actionsOf(statements)).toEqual(expect.arrayContaining(expectations[grant].allowed));
    });

    it('allows nothing beyond it', () => {
      // Assess
      for (const action of expectations[grant].denied) expect(actionsOf(statements)).not.toContain(action);
      expect(actionsOf(statements).filter((action) => action.endsWith('*'))).toEqual([]);
    });

    it('tells the function where the resource is', () => {
      // Assess
      expect(Object.keys(environment).sort()).toEqual([...expectations[grant].environment].sort());
    });
  });

  it('leaves the functions without grants untouched', () => {
    // Assess
    expect(resourcesOfType(json, 'AWS::Lambda::Function')).toHaveLength(grants.length);
  });
});
