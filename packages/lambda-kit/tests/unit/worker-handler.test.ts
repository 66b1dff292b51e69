import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';
import { type ExportRequestMessage, readExportRequestMessage } from '#domain/export-request-message';
import { queueWorker } from '../../src/queue-worker.ts';
import { InvalidWorkerInput, workerHandler } from '../../src/worker-handler.ts';
import { context } from './helpers.ts';

const message = z.object({
  exportId: z.string().check(z.regex(/^[0-9a-f]{24}$/)),
  system: z.enum(['economic', 'uniconta']),
});
const exportId = '65f000000000000000000001';

describe('workerHandler', () => {
  it('hands the input to a bare function as it came (the old form)', async () => {
    // Prepare
    const handle = vi.fn(async (input: { n: number }) => input.n + 1);
    const handler = workerHandler(handle);

    // Act
    const result = await handler({ n: 1 }, context);

    // Assess
    expect(result).toBe(2);
  });

  it('parses the input by its schema first, and refuses a malformed one by name', async () => {
    // Prepare
    const handle = vi.fn(async (input: z.output<typeof message>) => input.system);
    const handler = workerHandler({ input: message, handle });

    // Act
    const parsed = await handler({ exportId, system: 'uniconta', extra: true }, context);
    const refused = handler({ exportId: 'nope', system: 'uniconta' }, context);

    // Assess
    expect(parsed).toBe('uniconta');
    expect(handle).toHaveBeenCalledWith({ exportId, system: 'uniconta' }, expect.anything());
    await expect(refused).rejects.toBeInstanceOf(InvalidWorkerInput);
    await expect(refused).rejects.toThrow('exportId');
    expect(handle).toHaveBeenCalledTimes(1);
  });
});

const record = (messageId: string, body: string, group = 'r1#economic') =>
  ({ messageId, body, attributes: { MessageGroupId: group } }) as unknown as SQSRecord;

describe('queueWorker', () => {
  it('handles each parsed message; a malformed or failing one, and its group after it, are batch item failures', async () => {
    // Prepare
    const handle = vi.fn(async (parsed: z.output<typeof message>) => {
      if (parsed.system === 'uniconta') throw new Error('Step Functions is down');
    });
    const handler = queueWorker({ message, handle });
    const event = {
      Records: [
        record('bad-json', '{', 'g1'),
        record('after-bad', JSON.stringify({ exportId, system: 'economic' }), 'g1'),
        record('bad-id', JSON.stringify({ exportId: 'x', system: 'economic' }), 'g2'),
        record('ok', JSON.stringify({ exportId, system: 'economic' }), 'g3'),
        record('fails', JSON.stringify({ exportId, system: 'uniconta' }), 'g4'),
      ],
    } as SQSEvent;

    // Act
    const result = await handler(event, context);

    // Assess
    expect(result).toEqual({
      batchItemFailures: ['bad-json', 'after-bad', 'bad-id', 'fails'].map((itemIdentifier) => ({
        itemIdentifier,
      })),
    });
    expect(handle.mock.calls.map(([parsed]) => parsed)).toEqual([
      { exportId, system: 'economic' },
      { exportId, system: 'uniconta' },
    ]);
  });

  it('reads each message with a reader function instead of a schema, a throw being a malformed message', async () => {
    // Prepare: the export request queue's own reader
    const handle = vi.fn(async (_message: ExportRequestMessage) => {});
    const handler = queueWorker({ message: readExportRequestMessage, handle });
    const good = { exportId, reseller: exportId, system: 'economic' };
    const event = {
      Records: [
        record('no-reseller', JSON.stringify({ exportId, system: 'economic' }), 'g1'),
        record('bad-json', '{', 'g2'),
        record('ok', JSON.stringify({ ...good, extra: 1 }), 'g3'),
      ],
    } as SQSEvent;

    // Act
    const result = await handler(event, context);

    // Assess
    expect(result).toEqual({
      batchItemFailures: [{ itemIdentifier: 'no-reseller' }, { itemIdentifier: 'bad-json' }],
    });
    expect(handle.mock.calls.map(([read]) => read)).toEqual([good]);
  });
});
