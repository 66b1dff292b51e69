import type { Message } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { FifoGate, failedMessageIds, toSqsRecord } from '../../src/services/sqs-poller.ts';

const message = (id: string, group?: string, sequence?: string, receives = '1'): Message => ({
  MessageId: id,
  ReceiptHandle: `handle-${id}`,
  Body: `body-${id}`,
  MD5OfBody: 'md5',
  Attributes: {
    ApproximateReceiveCount: receives,
    SentTimestamp: '1700000000000',
    ...(group ? { MessageGroupId: group, SequenceNumber: sequence ?? '1' } : {}),
  },
});

describe('toSqsRecord', () => {
  it("maps a received message to Lambda's record, binary attributes in base64", () => {
    // Prepare
    const received: Message = {
      MessageId: 'm1',
      ReceiptHandle: 'rh',
      Body: 'hello',
      MD5OfBody: '5d41402abc4b2a76b9719d911017c592',
      MD5OfMessageAttributes: 'abc',
      Attributes: {
        ApproximateReceiveCount: '2',
        SentTimestamp: '1700000000000',
        SenderId: 'AIDA',
        ApproximateFirstReceiveTimestamp: '1700000000100',
        SequenceNumber: '18849496460467696128',
        MessageGroupId: 'g',
        MessageDeduplicationId: 'd',
        Policy: 'not a record attribute',
      } as Message['Attributes'],
      MessageAttributes: {
        text: { DataType: 'String', StringValue: 'v' },
        blob: { DataType: 'Binary', BinaryValue: new Uint8Array([1, 2, 3]) },
      },
    };

    // Act
    const record = toSqsRecord(received, 'arn:aws:sqs:eu-west-1:000000000000:q.fifo', 'eu-west-1');

    // Assess
    expect(record).toEqual({
      messageId: 'm1',
      receiptHandle: 'rh',
      body: 'hello',
      attributes: {
        ApproximateReceiveCount: '2',
        SentTimestamp: '1700000000000',
        SenderId: 'AIDA',
        ApproximateFirstReceiveTimestamp: '1700000000100',
        SequenceNumber: '18849496460467696128',
        MessageGroupId: 'g',
        MessageDeduplicationId: 'd',
      },
      messageAttributes: {
        text: { stringValue: 'v', stringListValues: [], binaryListValues: [], dataType: 'String' },
        blob: { binaryValue: 'AQID', stringListValues: [], binaryListValues: [], dataType: 'Binary' },
      },
      md5OfBody: '5d41402abc4b2a76b9719d911017c592',
      md5OfMessageAttributes: 'abc',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:eu-west-1:000000000000:q.fifo',
      awsRegion: 'eu-west-1',
    });
  });
});

describe('failedMessageIds', () => {
  const records = [{ messageId: 'a' }, { messageId: 'b' }] as SQSRecord[];
  const all = new Set(['a', 'b']);

  it('reads a partial batch response as Lambda does', () => {
    expect(failedMessageIds(records, undefined)).toEqual(new Set());
    expect(failedMessageIds(records, null)).toEqual(new Set());
    expect(failedMessageIds(records, {})).toEqual(new Set());
    expect(failedMessageIds(records, { batchItemFailures: [] })).toEqual(new Set());
    expect(failedMessageIds(records, { batchItemFailures: null })).toEqual(new Set());
    expect(failedMessageIds(records, { batchItemFailures: [{ itemIdentifier: 'b' }] })).toEqual(
      new Set(['b']),
    );
  });

  it('fails the whole batch for an invalid response', () => {
    expect(failedMessageIds(records, { batchItemFailures: [{ itemIdentifier: 'zzz' }] })).toEqual(all);
    expect(failedMessageIds(records, { batchItemFailures: [{ itemIdentifier: '' }] })).toEqual(all);
    expect(failedMessageIds(records, { batchItemFailures: [{ id: 'a' }] })).toEqual(all);
    expect(failedMessageIds(records, { batchItemFailures: 'a' })).toEqual(all);
    expect(failedMessageIds(records, 'ok')).toEqual(all);
  });

  it('ignores the response when ReportBatchItemFailures is off', () => {
    expect(failedMessageIds(records, { batchItemFailures: [{ itemIdentifier: 'a' }] }, false)).toEqual(
      new Set(),
    );
  });
});

describe('FifoGate', () => {
  const visibility = 1000;

  it('holds later messages of a group with a failed one until it comes back, then releases them in order', () => {
    // Prepare
    const gate = new FifoGate(10_000, 1_000);
    const a1 = message('a1', 'a', '1');
    gate.markFailed(a1, 0, visibility, 5);

    // Act
    const first = gate.admit([message('a2', 'a', '2'), message('b1', 'b', '1')], 100, visibility);
    const second = gate.admit([message('a1', 'a', '1', '2')], 1000, visibility);

    // Assess
    expect(first.map((m) => m.MessageId)).toEqual(['b1']);
    expect(second.map((m) => m.MessageId)).toEqual(['a1', 'a2']);
    expect(gate.isBlocked('a')).toBe(false);
    expect(gate.held()).toEqual([]);
  });

  it('unblocks a group whose failed message went to the dead-letter queue after its visibility timeout', () => {
    // Prepare
    const gate = new FifoGate(10_000, 1_000);
    gate.markFailed(message('a1', 'a', '1', '5'), 0, visibility, 5);
    gate.admit([message('a2', 'a', '2')], 100, 5_000);

    // Act
    const tooEarly = gate.release(1_500);
    const deadline = gate.nextDeadline();
    const later = gate.release(2_001);

    // Assess
    expect(tooEarly).toEqual([]);
    expect(deadline).toBe(2_000);
    expect(later.map((m) => m.MessageId)).toEqual(['a2']);
  });

  it('drops a held message whose visibility ran out (it is back in the queue) and keeps the newest receipt', () => {
    // Prepare
    const gate = new FifoGate(10_000, 1_000);
    gate.markFailed(message('a1', 'a', '1'), 0, visibility);
    gate.admit([message('a2', 'a', '2'), message('a3', 'a', '3')], 100, visibility);
    gate.admit([{ ...message('a3', 'a', '3', '2'), ReceiptHandle: 'newer' }], 1_200, visibility);

    // Act
    const released = gate.admit([message('a1', 'a', '1', '2')], 1_300, visibility);

    // Assess
    expect(released.map((m) => [m.MessageId, m.ReceiptHandle])).toEqual([
      ['a1', 'handle-a1'],
      ['a3', 'newer'],
    ]);
  });

  it('lets messages without a group through', () => {
    expect(new FifoGate().admit([message('x')], 0, visibility).map((m) => m.MessageId)).toEqual(['x']);
  });
});
