import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportSagaTasks, monthlyCloseTasks } from '#infra/catalog';
import { projectRoot } from '#infra/functions';
import {
  exportStateMachineDefinition,
  localFunctionArn,
  localStateMachineArn,
  monthlyCloseGroupStateMachineDefinition,
  monthlyCloseStateMachineDefinition,
  stateMachineDefinition,
  synthesizeFakturaTemplate,
} from '#infra/synthesize';

/** A template as CDK writes it: the definition is a Fn::Join of JSON text and function ARNs. */
function templateWith(definitionString: unknown, functions: Record<string, string | undefined>) {
  const resources: Record<string, unknown> = {
    Machine: {
      Type: 'AWS::StepFunctions::StateMachine',
      Properties: {
        DefinitionString: definitionString,
        Tags: [{ Key: 'faktura:state-machine', Value: 'export' }],
      },
    },
  };
  for (const [logicalId, catalogName] of Object.entries(functions)) {
    resources[logicalId] = {
      Type: 'AWS::Lambda::Function',
      Properties: {
        Tags: catalogName === undefined ? [] : [{ Key: 'faktura:function', Value: catalogName }],
      },
    };
  }
  return { Resources: resources };
}

describe('stateMachineDefinition', () => {
  it('joins the definition and maps each function ARN to the local ARN of its catalog name', () => {
    // Prepare
    const template = templateWith(
      {
        'Fn::Join': [
          '',
          [
            '{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"',
            { 'Fn::GetAtt': ['FnA1234', 'Arn'] },
            '","Next":"B"},"B":{"Type":"Task","Resource":"',
            { 'Fn::GetAtt': ['FnB5678', 'Arn'] },
            '","End":true}}}',
          ],
        ],
      },
      { FnA1234: 'export-prepare', FnB5678: 'export-batch' },
    );

    // Act
    const definition = exportStateMachineDefinition(template);

    // Assess
    expect(definition).toEqual({
      StartAt: 'A',
      States: {
        A: { Type: 'Task', Resource: 'arn:aws:lambda:local:000000000000:function:export-prepare', Next: 'B' },
        B: { Type: 'Task', Resource: 'arn:aws:lambda:local:000000000000:function:export-batch', End: true },
      },
    });
  });

  it('resolves pseudo parameters to their local values, and a plain string as it is', () => {
    // Prepare
    const joined = templateWith(
      {
        'Fn::Join': [
          ':',
          [
            '{"Comment":"arn',
            { Ref: 'AWS::Partition' },
            { Ref: 'AWS::Region' },
            { Ref: 'AWS::AccountId' },
            'x"}',
          ],
        ],
      },
      {},
    );
    const plain = templateWith('{"Comment":"plain"}', {});

    // Act & Assess
    expect(exportStateMachineDefinition(joined)).toEqual({ Comment: 'arn:aws:local:000000000000:x' });
    expect(exportStateMachineDefinition(plain)).toEqual({ Comment: 'plain' });
  });

  it('resolves a reference to another tagged state machine to the ARN the caller gives its kind', () => {
    // Prepare
    const template = templateWith({ 'Fn::Join': ['', ['{"Comment":"', { Ref: 'Child' }, '"}']] }, {}) as {
      Resources: Record<string, unknown>;
    };
    template.Resources.Child = {
      Type: 'AWS::StepFunctions::StateMachine',
      Properties: { Tags: [{ Key: 'faktura:state-machine', Value: 'monthly-close-group' }] },
    };

    // Act
    const byDefault = exportStateMachineDefinition(template);
    const given = stateMachineDefinition(template, 'export', (kind) => `arn:local:${kind}`);

    // Assess
    expect(byDefault).toEqual({ Comment: localStateMachineArn('monthly-close-group') });
    expect(given).toEqual({ Comment: 'arn:local:monthly-close-group' });
  });

  it('refuses a reference to anything but a catalog function or a tagged state machine', () => {
    // Prepare
    const template = templateWith(
      { 'Fn::Join': ['', ['{"Resource":"', { 'Fn::GetAtt': ['SomeQueue', 'Arn'] }, '"}']] },
      { Untagged: undefined },
    );

    // Act & Assess
    expect(() => exportStateMachineDefinition(template)).toThrow(/SomeQueue.*not a catalog function/);
  });

  it('refuses a template without exactly one state machine of the kind asked for', () => {
    // Prepare
    const exportOnly = templateWith('{"Comment":"export"}', {});

    // Act & Assess
    expect(() => exportStateMachineDefinition({ Resources: {} })).toThrow(
      /exactly one state machine tagged faktura:state-machine=export, found 0/,
    );
    expect(() => monthlyCloseStateMachineDefinition(exportOnly)).toThrow(
      /faktura:state-machine=monthly-close/,
    );
  });
});

describe('synthesizeFakturaTemplate', () => {
  it('synthesizes the stack in this process, quickly, without bundling', () => {
    // Prepare
    const started = performance.now();

    // Act
    const template = synthesizeFakturaTemplate();

    // Assess
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(template.Resources).toBeDefined();
    const tasks = JSON.stringify(exportStateMachineDefinition(template));
    for (const fn of new Set(Object.values(exportSagaTasks))) expect(tasks).toContain(localFunctionArn(fn));
    const closeTasks = JSON.stringify([
      monthlyCloseStateMachineDefinition(template),
      monthlyCloseGroupStateMachineDefinition(template),
    ]);
    for (const fn of new Set(Object.values(monthlyCloseTasks)))
      expect(closeTasks).toContain(localFunctionArn(fn));
  });

  it('writes nothing into the repository', () => {
    // Prepare
    const before = readdirSync(projectRoot).sort();

    // Act
    synthesizeFakturaTemplate();

    // Assess: no cdk.out (or anything else) appears; the assembly goes to a temporary directory.
    expect(readdirSync(projectRoot).sort()).toEqual(before);
  });

  it('passes context through, as `cdk synth -c` would', () => {
    // Act
    const template = synthesizeFakturaTemplate({ context: { notificationDomain: 'mail.example.org' } });

    // Assess
    expect(JSON.stringify(template)).toContain('faktura@mail.example.org');
  });
});
