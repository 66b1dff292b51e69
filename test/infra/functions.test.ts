import { beforeAll, describe, expect, it } from 'vitest';
import { functions as catalog, environmentNames, type Grant } from '#infra/catalog';
import { catalogFunctionTag } from '#infra/functions';
import { feedGraceSeconds } from '#store/pending-exports';
import {
  actionsOf,
  arnOf,
  functionsByCatalogName,
  type PolicyStatement,
  type Resource,
  resourcesOfType,
  roleOfFunction,
  type SynthesizedFaktura,
  stateMachineOf,
  statementsAllowing,
  statementsOfRole,
  synthesizeFaktura,
} from './template.ts';

const catalogNames = Object.keys(catalog) as (keyof typeof catalog)[];

/**
 * An action each grant must bring, and the environment variables it sets; for grants that share
 * an action (starting one state machine or the other), the resource that tells them apart.
 */
const grantEvidence: Record<
  Grant,
  {
    actions: string[];
    environment: string[];
    stateMachine?: string;
    secret?: 'accounting' | 'cursor-key';
    queue?: 'ExportRequests' | 'Mail';
  }
> = {
  'table:read': {
    actions: ['dynamodb:GetItem', 'dynamodb:Query'],
    environment: [environmentNames.tableName],
  },
  'table:write': {
    actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
    environment: [environmentNames.tableName],
  },
  'export-queue:send': {
    actions: ['sqs:SendMessage'],
    environment: [environmentNames.exportQueueUrl],
    queue: 'ExportRequests',
  },
  'mail-queue:send': {
    actions: ['sqs:SendMessage'],
    environment: [environmentNames.mailQueueUrl],
    queue: 'Mail',
  },
  'export-state-machine:start': {
    actions: ['states:StartExecution'],
    environment: [environmentNames.exportStateMachineArn],
    stateMachine: 'export',
  },
  'monthly-close-state-machine:start': {
    actions: ['states:StartExecution'],
    environment: [environmentNames.monthlyCloseStateMachineArn],
    stateMachine: 'monthly-close',
  },
  'accounting-secrets:read': {
    actions: ['secretsmanager:GetSecretValue'],
    environment: [environmentNames.accountingSecretPrefix],
    secret: 'accounting',
  },
  'accounting-secrets:write': {
    actions: ['secretsmanager:CreateSecret', 'secretsmanager:PutSecretValue'],
    environment: [environmentNames.accountingSecretPrefix],
    secret: 'accounting',
  },
  'cursor-key:read': {
    actions: ['secretsmanager:GetSecretValue'],
    environment: [environmentNames.cursorKeySecretArn],
    secret: 'cursor-key',
  },
  'email:send': {
    actions: ['ses:SendEmail'],
    environment: [environmentNames.notificationSender, environmentNames.notificationConfigurationSet],
  },
};

describe('catalog functions', () => {
  let faktura: SynthesizedFaktura;
  let byName: Map<string, [string, Resource]>;

  beforeAll(() => {
    faktura = synthesizeFaktura();
    byName = functionsByCatalogName(faktura.json);
  });

  it('gives every role a description IAM accepts (Latin-1 only: a typographic apostrophe fails the deployment)', () => {
    // Prepare
    const iamDescription = /^[\t\n\r\u0020-\u007E\u00A1-\u00FF]*$/;

    // Assess
    const refused = resourcesOfType(faktura.json, 'AWS::IAM::Role')
      .map(([, role]) => role.Properties.Description as string | undefined)
      .filter((description) => description !== undefined && !iamDescription.test(description));
    expect(refused).toEqual([]);
  });

  it('deploys exactly one function per catalog entry, tagged with its catalog name', () => {
    // Assess
    expect([...byName.keys()].sort()).toEqual([...catalogNames].sort());
    faktura.template.resourceCountIs('AWS::Lambda::Function', catalogNames.length);
  });

  it.each(catalogNames)('runs %s on nodejs24.x, arm64, with active tracing and JSON logs', (name) => {
    // Prepare
    const [, fn] = byName.get(name)!;

    // Assess
    expect(fn.Properties).toMatchObject({
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      TracingConfig: { Mode: 'Active' },
      LoggingConfig: { LogFormat: 'JSON', ApplicationLogLevel: 'INFO' },
      Tags: expect.arrayContaining([{ Key: catalogFunctionTag, Value: name }]),
    });
    expect(fn.Properties.Environment.Variables).toMatchObject({
      POWERTOOLS_SERVICE_NAME: 'faktura',
      POWERTOOLS_METRICS_NAMESPACE: 'Faktura',
      POWERTOOLS_LOG_LEVEL: 'INFO',
    });
    // Source maps are not parsed at cold start (infra/README.md, "Stack traces").
    expect(fn.Properties.Environment.Variables).not.toHaveProperty('NODE_OPTIONS');
  });

  it.each(catalogNames)('gives %s the timeout and memory of its catalog entry', (name) => {
    // Prepare
    const [, fn] = byName.get(name)!;
    const spec: { kind: string; timeoutSeconds?: number; memoryMb?: number } = catalog[name];

    // Assess
    expect(fn.Properties.Timeout).toBe(spec.timeoutSeconds ?? (spec.kind === 'api' ? 10 : 60));
    expect(fn.Properties.MemorySize).toBe(spec.memoryMb ?? 256);
  });

  it('outlasts with the export feed’s grace period every function that writes the table, with a minute for clock skew', () => {
    // Prepare: a create's createdAt is taken before its write commits, at most a timeout earlier
    const writers = catalogNames.filter((name) =>
      (catalog[name].grants as readonly Grant[]).includes('table:write'),
    );
    const longest = Math.max(...writers.map((name) => byName.get(name)![1].Properties.Timeout as number));

    // Assess
    expect(writers).toContain('invoice-create');
    expect(writers).toContain('monthly-close-customers');
    expect(feedGraceSeconds).toBeGreaterThanOrEqual(longest + 60);
  });

  it.each(catalogNames)('logs %s to its own log group, with a retention', (name) => {
    // Prepare
    const [, fn] = byName.get(name)!;
    const logGroupId = fn.Properties.LoggingConfig.LogGroup.Ref;

    // Assess
    expect(faktura.json.Resources[logGroupId]).toMatchObject({
      Type: 'AWS::Logs::LogGroup',
      Properties: { RetentionInDays: 90 },
    });
    const logStatements = statementsAllowing(
      statementsOfRole(faktura.json, roleOfFunction(fn)),
      'logs:PutLogEvents',
    );
    expect(logStatements.map((s) => s.Resource)).toEqual([arnOf(logGroupId)]);
  });

  it.each(catalogNames)('gives %s a role of its own with no managed policies', (name) => {
    // Prepare
    const [, fn] = byName.get(name)!;
    const role = faktura.json.Resources[roleOfFunction(fn)];

    // Assess
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    const others = [...byName.values()]
      .filter(([, other]) => other !== fn)
      .map(([, other]) => roleOfFunction(other));
    expect(others).not.toContain(roleOfFunction(fn));
  });

  describe.each(catalogNames)('%s', (name) => {
    const grants: readonly Grant[] = catalog[name].grants;
    const granted = Object.keys(grantEvidence).filter((g) => grants.includes(g as Grant)) as Grant[];
    const notGranted = Object.keys(grantEvidence).filter((g) => !grants.includes(g as Grant)) as Grant[];
    let statements: PolicyStatement[];
    let environment: Record<string, unknown>;

    beforeAll(() => {
      const [, fn] = byName.get(name)!;
      statements = statementsOfRole(faktura.json, roleOfFunction(fn));
      environment = fn.Properties.Environment.Variables;
    });

    /** The statements that start the given state machine. */
    const starting = (kind: string) => {
      const [machineId] = stateMachineOf(faktura.json, kind);
      return statementsAllowing(statements, 'states:StartExecution').filter((statement) =>
        JSON.stringify(statement.Resource).includes(machineId),
      );
    };

    /** The statements that send to the queue of the stack's construct `queue` (its logical id begins so). */
    const sendingTo = (queue: string) =>
      statementsAllowing(statements, 'sqs:SendMessage').filter((statement) =>
        JSON.stringify(statement.Resource).includes(`"${queue}Queue`),
      );

    /** The statements that allow `action` on the accounting secrets or on the cursor key. */
    const onSecret = (kind: 'accounting' | 'cursor-key', action: string) => {
      const [secretId] = resourcesOfType(faktura.json, 'AWS::SecretsManager::Secret')[0]!;
      return statementsAllowing(statements, action).filter((statement) => {
        const resource = JSON.stringify(statement.Resource);
        return kind === 'accounting' ? resource.includes('faktura/accounting/') : resource.includes(secretId);
      });
    };

    it.each(granted)('may do what %s allows, and knows where', (grant) => {
      // Assess
      expect(actionsOf(statements)).toEqual(expect.arrayContaining(grantEvidence[grant].actions));
      const machine = grantEvidence[grant].stateMachine;
      if (machine) expect(starting(machine)).not.toEqual([]);
      const queue = grantEvidence[grant].queue;
      if (queue) expect(sendingTo(queue)).not.toEqual([]);
      for (const variable of grantEvidence[grant].environment) expect(environment).toHaveProperty(variable);
    });

    it.each(notGranted)('may not do what %s allows', (grant) => {
      // Prepare: table:read and table:write share DescribeTable; only their distinctive actions count.
      const distinctive = grantEvidence[grant].actions;

      // Assess
      const machine = grantEvidence[grant].stateMachine;
      const secret = grantEvidence[grant].secret;
      const queue = grantEvidence[grant].queue;
      if (machine) expect(starting(machine)).toEqual([]);
      else if (queue) expect(sendingTo(queue)).toEqual([]);
      else if (secret) for (const action of distinctive) expect(onSecret(secret, action)).toEqual([]);
      else for (const action of distinctive) expect(actionsOf(statements)).not.toContain(action);
      const ownVariables = granted.flatMap((g) => grantEvidence[g].environment);
      for (const variable of grantEvidence[grant].environment) {
        if (!ownVariables.includes(variable)) expect(environment).not.toHaveProperty(variable);
      }
    });

    it('has no action wildcards in its policies', () => {
      // Assess
      expect(actionsOf(statements).filter((action) => action.includes('*'))).toEqual([]);
    });
  });
});
