import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportStateMachineDefinition } from '#infra/synthesize';
import { synthesizeFaktura } from './template.ts';

/**
 * Runs the very definition CDK synthesizes in `aws-local-stepfunctions`, the interpreter of the
 * local runtime, with a local handler per Task state: proof that the JSONPath, the intrinsics
 * (`States.ArrayRange` around `States.MathAdd`), the Map's ItemSelector and the Retry/Catch
 * wiring behave as the saga means them to, without AWS.
 */

type Payload = any;
type Handler = (input: Payload) => Promise<Payload>;

class NamedError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/** How the interpreter reports an execution that ended in the `ExportFailed` Fail state. */
const failedAsExportFailed = {
  name: 'ExecutionError',
  cause: expect.objectContaining({ name: 'ExportFailed' }),
};

const input = { exportId: 'e'.repeat(24), reseller: 'r'.repeat(24), system: 'economic' };

/** Records every call of every Task state; each state answers with `behaviour[state]` or a default. */
function sagaHandlers(behaviour: Partial<Record<string, Handler>> = {}, batchCount = 3) {
  const calls: { state: string; input: Payload }[] = [];
  const defaults: Record<string, Handler> = {
    PrepareExport: async () => ({ batchCount, snapshotAt: '2025-01-01T00:00:00Z' }),
    ExportBatch: async () => ({ created: 25 }),
    MarkExportBatch: async () => ({ marked: 25 }),
    FinalizeExport: async () => ({ succeeded: true }),
    NotifyExportSucceeded: async () => ({ sent: 2 }),
    CompensateExportBatch: async () => ({ deleted: 1, left: 0 }),
    CompensateExport: async () => ({ deleted: 3 }),
    NotifyExportFailed: async () => ({ sent: 2 }),
  };
  const handlers = Object.fromEntries(
    Object.entries(defaults).map(([state, fallback]) => [
      state,
      async (stateInput: Payload) => {
        calls.push({ state, input: structuredClone(stateInput) });
        return (behaviour[state] ?? fallback)(stateInput);
      },
    ]),
  );
  return { calls, handlers, callsOf: (state: string) => calls.filter((c) => c.state === state) };
}

describe('export saga in the local interpreter', () => {
  let machine: StateMachine;

  beforeAll(() => {
    machine = new StateMachine(
      exportStateMachineDefinition(synthesizeFaktura().json) as StateMachineDefinition,
    );
  });

  const run = (handlers: Record<string, Handler>) =>
    machine.run(input, {
      overrides: {
        taskResourceLocalHandlers: handlers,
        // Retries happen at once here; their count, not their timing, is under test.
        retryIntervalOverrides: {
          PrepareExport: 0,
          ExportBatch: 0,
          MarkExportBatch: 0,
          FinalizeExport: 0,
          CompensateExportBatch: 0,
          CompensateExport: 0,
          NotifyExportSucceeded: 0,
          NotifyExportFailed: 0,
        },
      },
    }).result;

  it('exports every batch, then marks every batch, finalizes and notifies', async () => {
    // Prepare
    const saga = sagaHandlers();

    // Act
    const output = await run(saga.handlers);

    // Assess
    expect(saga.callsOf('ExportBatch').map((c) => c.input)).toEqual(
      [0, 1, 2].map((batch) => ({ ...input, batch })),
    );
    expect(saga.callsOf('MarkExportBatch').map((c) => c.input)).toEqual(
      [0, 1, 2].map((batch) => ({ ...input, batch })),
    );
    const states = saga.calls.map((c) => c.state);
    expect(states.lastIndexOf('ExportBatch')).toBeLessThan(states.indexOf('MarkExportBatch'));
    expect(saga.callsOf('FinalizeExport')[0]?.input).toEqual({
      ...input,
      prepared: { batchCount: 3 },
      batches: { indexes: [0, 1, 2] },
    });
    expect(saga.callsOf('NotifyExportSucceeded')[0]?.input.failure).toBeUndefined();
    expect(saga.callsOf('CompensateExport')).toEqual([]);
    expect(output).toMatchObject({ ...input, finalized: { succeeded: true } });
  });

  it('skips the batches when there is nothing to export', async () => {
    // Prepare
    const saga = sagaHandlers({}, 0);

    // Act
    await run(saga.handlers);

    // Assess
    expect(saga.calls.map((c) => c.state)).toEqual([
      'PrepareExport',
      'FinalizeExport',
      'NotifyExportSucceeded',
    ]);
  });

  it('retries a batch the accounting system throttled, and carries on', async () => {
    // Prepare
    let throttles = 2;
    const saga = sagaHandlers({
      ExportBatch: async ({ batch }) => {
        if (batch === 1 && throttles-- > 0)
          throw new NamedError('AccountingThrottled', '429 Too Many Requests');
        return { created: 25 };
      },
    });

    // Act
    await run(saga.handlers);

    // Assess
    expect(saga.callsOf('ExportBatch').filter((c) => c.input.batch === 1)).toHaveLength(3);
    expect(saga.callsOf('CompensateExport')).toEqual([]);
    expect(saga.callsOf('NotifyExportSucceeded')).toHaveLength(1);
  });

  it.each(['Sandbox.Timedout', 'States.Timeout', 'Runtime.ExitError'])(
    'retries a batch whose invocation died (%s), which resumes from its ledger, and carries on',
    async (error) => {
      // Prepare
      let deaths = 1;
      const saga = sagaHandlers({
        ExportBatch: async ({ batch }) => {
          if (batch === 0 && deaths-- > 0) throw new NamedError(error, 'the invocation did not answer');
          return { created: 25 };
        },
      });

      // Act
      await run(saga.handlers);

      // Assess
      expect(saga.callsOf('ExportBatch').filter((c) => c.input.batch === 0)).toHaveLength(2);
      expect(saga.callsOf('CompensateExport')).toEqual([]);
      expect(saga.callsOf('NotifyExportSucceeded')).toHaveLength(1);
    },
  );

  it('compensates a batch the accounting system rejects, notifies the failure, and fails', async () => {
    // Prepare
    const saga = sagaHandlers({
      ExportBatch: async ({ batch }) => {
        if (batch === 2) throw new NamedError('AccountingRejected', 'product 42 unknown');
        return { created: 25 };
      },
    });

    // Act
    const outcome = run(saga.handlers);

    // Assess
    await expect(outcome).rejects.toMatchObject(failedAsExportFailed);
    expect(saga.callsOf('ExportBatch').filter((c) => c.input.batch === 2)).toHaveLength(1);
    expect(saga.callsOf('CompensateExportBatch').map((c) => c.input)).toEqual(
      [0, 1, 2].map((batch) => ({ ...input, batch })),
    );
    const states = saga.calls.map((c) => c.state);
    expect(states.lastIndexOf('CompensateExportBatch')).toBeLessThan(states.indexOf('CompensateExport'));
    const compensation = saga.callsOf('CompensateExport');
    expect(compensation).toHaveLength(1);
    expect(compensation[0]?.input).toMatchObject({
      ...input,
      failure: { Error: 'AccountingRejected', Cause: expect.stringContaining('product 42 unknown') },
    });
    expect(saga.callsOf('NotifyExportFailed')[0]?.input).toMatchObject({
      failure: { Error: 'AccountingRejected' },
      compensated: { deleted: 3 },
    });
    expect(saga.callsOf('FinalizeExport')).toEqual([]);
  });

  it('calls a batch’s compensation again, with what it said, while it says drafts are left', async () => {
    // Prepare: batch 1 stops twice before its timeout with drafts left
    const left = [120, 20, 0];
    const saga = sagaHandlers({
      ExportBatch: async ({ batch }) => {
        if (batch === 0) throw new NamedError('AccountingRejected', 'bad order');
        return { created: 25 };
      },
      CompensateExportBatch: async ({ batch }) => ({ deleted: 10, left: batch === 1 ? left.shift() : 0 }),
    });

    // Act
    const outcome = run(saga.handlers);

    // Assess
    await expect(outcome).rejects.toMatchObject(failedAsExportFailed);
    const batch1 = saga.callsOf('CompensateExportBatch').filter((c) => c.input.batch === 1);
    expect(batch1.map((c) => c.input)).toEqual([
      { ...input, batch: 1 },
      { ...input, batch: 1, compensation: { deleted: 10, left: 120 } },
      { ...input, batch: 1, compensation: { deleted: 10, left: 20 } },
    ]);
    expect(saga.callsOf('CompensateExportBatch')).toHaveLength(5);
    expect(saga.callsOf('CompensateExport')).toHaveLength(1);
    expect(saga.callsOf('NotifyExportFailed')).toHaveLength(1);
  });

  it('retries a batch’s compensation that fails, then goes on to CompensateExport', async () => {
    // Prepare
    let failures = 3;
    const saga = sagaHandlers({
      ExportBatch: async () => {
        throw new NamedError('AccountingRejected', 'bad order');
      },
      CompensateExportBatch: async ({ batch }) => {
        if (batch === 2 && failures-- > 0) throw new NamedError('AccountingUnavailable', '503');
        return { deleted: 4, left: 0 };
      },
    });

    // Act
    const outcome = run(saga.handlers);

    // Assess
    await expect(outcome).rejects.toMatchObject(failedAsExportFailed);
    expect(saga.callsOf('CompensateExportBatch').filter((c) => c.input.batch === 2)).toHaveLength(4);
    expect(saga.callsOf('CompensateExport')).toHaveLength(1);
  });

  it('gives up on a batch after 6 retries of throttling and compensates', async () => {
    // Prepare
    const saga = sagaHandlers({
      ExportBatch: async () => {
        throw new NamedError('AccountingThrottled', '429 Too Many Requests');
      },
    });

    // Act
    const outcome = run(saga.handlers);

    // Assess
    await expect(outcome).rejects.toMatchObject(failedAsExportFailed);
    const attemptsOfBatch0 = saga.callsOf('ExportBatch').filter((c) => c.input.batch === 0);
    expect(attemptsOfBatch0).toHaveLength(7);
    expect(saga.callsOf('CompensateExport')[0]?.input.failure.Error).toBe('AccountingThrottled');
  });

  it('compensates when the preparation fails', async () => {
    // Prepare
    const saga = sagaHandlers({
      PrepareExport: async () => {
        throw new NamedError('MappingMissing', 'customer 7 has no accounting customer');
      },
    });

    // Act
    const outcome = run(saga.handlers);

    // Assess
    await expect(outcome).rejects.toMatchObject(failedAsExportFailed);
    expect(saga.calls.map((c) => c.state)).toEqual([
      'PrepareExport',
      'CompensateExport',
      'NotifyExportFailed',
    ]);
  });

  it('retries a failing compensation before notifying', async () => {
    // Prepare
    let failures = 2;
    const saga = sagaHandlers({
      ExportBatch: async () => {
        throw new NamedError('AccountingRejected', 'bad order');
      },
      CompensateExport: async () => {
        if (failures-- > 0) throw new NamedError('AccountingUnavailable', '503');
        return { deleted: 1 };
      },
    });

    // Act
    const outcome = run(saga.handlers);

    // Assess
    await expect(outcome).rejects.toMatchObject(failedAsExportFailed);
    expect(saga.callsOf('CompensateExport')).toHaveLength(3);
    expect(saga.callsOf('NotifyExportFailed')).toHaveLength(1);
  });

  it('succeeds even when the success e-mail cannot be sent', async () => {
    // Prepare
    const saga = sagaHandlers({
      NotifyExportSucceeded: async () => {
        throw new NamedError('MessageRejected', 'Email address is not verified');
      },
    });

    // Act
    const output = await run(saga.handlers);

    // Assess
    expect(output).toMatchObject({ notifyError: { Error: 'MessageRejected' } });
    expect(saga.callsOf('CompensateExport')).toEqual([]);
  });

  it('retries marking a batch, and never compensates once every draft exists', async () => {
    // Prepare: batch 1's marking is cut short twice, then goes through
    let interrupted = 2;
    const retried = sagaHandlers({
      MarkExportBatch: async ({ batch }) => {
        if (batch === 1 && interrupted > 0) {
          interrupted -= 1;
          throw new NamedError('Sandbox.Timedout', 'Task timed out after 120.00 seconds');
        }
        return { marked: 25 };
      },
    });
    const failing = sagaHandlers({
      FinalizeExport: async () => {
        throw new NamedError('ProvisionedThroughputExceededException', 'throttled');
      },
    });

    // Act
    const output = await run(retried.handlers);
    const outcome = run(failing.handlers);

    // Assess: retried to success; a step that never succeeds fails the execution for a redrive,
    // with no compensation and no failure e-mail
    expect(retried.callsOf('MarkExportBatch').filter((c) => c.input.batch === 1)).toHaveLength(3);
    expect(output).toMatchObject({ finalized: { succeeded: true } });
    await expect(outcome).rejects.toMatchObject({ name: 'ExecutionError' });
    expect(failing.callsOf('FinalizeExport')).toHaveLength(7);
    expect(failing.callsOf('CompensateExport')).toEqual([]);
    expect(failing.callsOf('NotifyExportFailed')).toEqual([]);
  });
});
