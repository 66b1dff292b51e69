import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { environmentNames, type Grant } from './catalog.ts';
import type { AccountingSecrets } from './constructs/accounting-secrets.ts';
import type { CursorKey } from './constructs/cursor-key.ts';
import type { Notifications } from './constructs/notifications.ts';
import { catalogEntries } from './functions.ts';
import { acknowledgeWildcardResource } from './nag.ts';

/** The resources the catalog's grants refer to. */
export interface GrantTargets {
  readonly table: dynamodb.ITable;
  readonly exportQueue: sqs.IQueue;
  readonly mailQueue: sqs.IQueue;
  readonly exportStateMachine: sfn.IStateMachine;
  readonly monthlyCloseStateMachine: sfn.IStateMachine;
  readonly accountingSecrets: AccountingSecrets;
  readonly cursorKey: CursorKey;
  readonly notifications: Notifications;
}

type Environment = Record<string, string>;

/**
 * What each grant allows (least privilege: the CDK grant for exactly that, on exactly that
 * resource) and which environment variables it brings, so a handler finds what it may use.
 */
const grantRules: Record<Grant, (fn: lambda.Function, targets: GrantTargets) => Environment> = {
  'table:read': (fn, { table }) => {
    table.grantReadData(fn);
    acknowledgeIndexWildcard(fn, table);
    return { [environmentNames.tableName]: table.tableName };
  },
  'table:write': (fn, { table }) => {
    table.grantWriteData(fn);
    acknowledgeIndexWildcard(fn, table);
    return { [environmentNames.tableName]: table.tableName };
  },
  'export-queue:send': (fn, { exportQueue }) => {
    exportQueue.grantSendMessages(fn);
    return { [environmentNames.exportQueueUrl]: exportQueue.queueUrl };
  },
  'mail-queue:send': (fn, { mailQueue }) => {
    mailQueue.grantSendMessages(fn);
    return { [environmentNames.mailQueueUrl]: mailQueue.queueUrl };
  },
  'export-state-machine:start': (fn, { exportStateMachine }) => {
    exportStateMachine.grantStartExecution(fn);
    return { [environmentNames.exportStateMachineArn]: exportStateMachine.stateMachineArn };
  },
  'monthly-close-state-machine:start': (fn, { monthlyCloseStateMachine }) => {
    monthlyCloseStateMachine.grantStartExecution(fn);
    return { [environmentNames.monthlyCloseStateMachineArn]: monthlyCloseStateMachine.stateMachineArn };
  },
  'accounting-secrets:read': (fn, { accountingSecrets }) => {
    accountingSecrets.grantRead(fn);
    return { [environmentNames.accountingSecretPrefix]: accountingSecrets.prefix };
  },
  'accounting-secrets:write': (fn, { accountingSecrets }) => {
    accountingSecrets.grantWrite(fn);
    return { [environmentNames.accountingSecretPrefix]: accountingSecrets.prefix };
  },
  'cursor-key:read': (fn, { cursorKey }) => {
    cursorKey.grantRead(fn);
    return { [environmentNames.cursorKeySecretArn]: cursorKey.secret.secretArn };
  },
  'email:send': (fn, { notifications }) => {
    notifications.grantSendEmail(fn);
    return {
      [environmentNames.notificationSender]: notifications.sender,
      [environmentNames.notificationConfigurationSet]: notifications.configurationSet.configurationSetName,
    };
  },
};

/** Applies every catalog function's grants to its function, with the environment they bring. */
export function applyCatalogGrants(
  functionOf: (name: string) => lambda.Function | undefined,
  targets: GrantTargets,
): void {
  for (const [name, spec] of catalogEntries()) {
    const fn = functionOf(name);
    if (!fn) throw new Error(`No function for catalog entry ${name}`);
    applyGrants(fn, spec.grants, targets);
  }
}

/** Applies `grants` to `fn`: the IAM permissions and the environment variables each one brings. */
export function applyGrants(fn: lambda.Function, grants: readonly Grant[], targets: GrantTargets): void {
  for (const grant of grants) {
    const environment = grantRules[grant](fn, targets);
    for (const [key, value] of Object.entries(environment)) fn.addEnvironment(key, value);
  }
}

/** CDK's table grants include every index (`<table>/index/*`): gsi1 and gsi2 are the table's own. */
function acknowledgeIndexWildcard(fn: lambda.Function, table: dynamodb.ITable): void {
  if (!fn.role) return;
  acknowledgeWildcardResource(
    fn.role,
    `${table.tableArn}/index/*`,
    'Queries go through the generic indexes gsi1 and gsi2 of the one table; <table>/index/* is how the CDK table grant names them.',
  );
}
