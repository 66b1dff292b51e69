import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { Context, SQSEvent, SQSMessageAttributes, SQSRecord, SQSRecordAttributes } from 'aws-lambda';
import { createLambdaContext } from './context.ts';
import { defaultRegion, localCredentials } from './local-service.ts';

/**
 * Lambda's SQS event source mapping, locally: long-polls a queue, hands each batch to the handler
 * as a real `SQSEvent` with a Lambda context, and deletes what the handler processed:
 * - success: every message is deleted, except those the handler lists in a partial batch
 *   response `{ batchItemFailures: [{ itemIdentifier }] }` (ReportBatchItemFailures is on by
 *   default; an invalid response fails the whole batch, as Lambda treats it);
 * - the handler throws (or runs past its timeout): none is deleted; the messages come back after
 *   their visibility timeout, and after `maxReceiveCount` receives SQS moves them to the
 *   dead-letter queue.
 *
 * FIFO queues keep message-group order as Lambda does: a later message of a group is not handed
 * to the handler while an earlier one of its group is in flight. AWS holds such messages back on
 * the server; local-aws-sqs does not (it hands out the next message of a group whose head is in
 * flight), so this poller holds them itself until the failed earlier message has come back and
 * gone through, or has gone to the dead-letter queue. A held message was received after the
 * failed one, so it stays invisible until after the failed one is visible again; it is not
 * extended (local-aws-sqs counts ChangeMessageVisibility as a receive), and if it does become
 * visible first it is received and held again. A message held this way has one receive more on
 * its count than it would have in AWS.
 *
 * Batches are handled one at a time (one concurrent "invocation" per poller).
 */
export type SqsHandler = (event: SQSEvent, context: Context) => unknown;

export interface SqsPollerOptions {
  readonly queueUrl: string;
  readonly handler: SqsHandler;
  /** An SQS client to use; else one is made for `endpoint` and `region`. */
  readonly client?: SQSClient;
  readonly endpoint?: string;
  readonly region?: string;
  /** For the Lambda context. Default `sqs-consumer`. */
  readonly functionName?: string;
  /** The function's timeout: the context counts down from it, and a handler running longer fails its batch. Default 30. */
  readonly functionTimeoutSeconds?: number;
  /** Messages per batch, 1–10. Default 10. */
  readonly batchSize?: number;
  /** Visibility timeout of received messages, in seconds. Default: the queue's. */
  readonly visibilityTimeout?: number;
  /** Long-poll wait, 0–20 s. Default 20 (as Lambda polls). */
  readonly waitTimeSeconds?: number;
  /** Whether the handler's partial batch response is read. Default true. */
  readonly reportBatchItemFailures?: boolean;
  /** Handler failures, polling and deletion errors. Default: a line on stderr. */
  readonly onError?: (error: unknown, stage: 'poll' | 'handler' | 'delete') => void;
}

export interface SqsPoller {
  /**
   * Aborts the long poll and lets a running batch finish. Messages received and not handled yet
   * come back after their visibility timeout, as in AWS. Idempotent.
   */
  readonly stop: () => Promise<void>;
}

/* The event Lambda builds. */

const recordAttributeNames = [
  'ApproximateReceiveCount',
  'SentTimestamp',
  'SenderId',
  'ApproximateFirstReceiveTimestamp',
  'SequenceNumber',
  'MessageGroupId',
  'MessageDeduplicationId',
  'AWSTraceHeader',
  'DeadLetterQueueSourceArn',
] as const;

/** One SQS message as a record of Lambda's `SQSEvent`. */
export const toSqsRecord = (message: Message, eventSourceARN: string, awsRegion: string): SQSRecord => {
  const attributes: Record<string, string> = {};
  for (const name of recordAttributeNames) {
    const value = message.Attributes?.[name];
    if (value !== undefined) attributes[name] = value;
  }
  const messageAttributes: SQSMessageAttributes = {};
  for (const [name, attribute] of Object.entries(message.MessageAttributes ?? {})) {
    messageAttributes[name] = {
      ...(attribute.StringValue !== undefined ? { stringValue: attribute.StringValue } : {}),
      ...(attribute.BinaryValue !== undefined
        ? { binaryValue: Buffer.from(attribute.BinaryValue).toString('base64') }
        : {}),
      stringListValues: attribute.StringListValues ?? [],
      binaryListValues: (attribute.BinaryListValues ?? []).map((value) =>
        Buffer.from(value).toString('base64'),
      ),
      dataType: attribute.DataType ?? 'String',
    };
  }
  return {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    attributes: attributes as unknown as SQSRecordAttributes,
    messageAttributes,
    md5OfBody: message.MD5OfBody ?? '',
    ...(message.MD5OfMessageAttributes ? { md5OfMessageAttributes: message.MD5OfMessageAttributes } : {}),
    eventSource: 'aws:sqs',
    eventSourceARN,
    awsRegion,
  };
};

/**
 * The message ids of a batch that failed, read from the handler's response as Lambda reads it:
 * no response, no or an empty `batchItemFailures`: none failed; an item without a valid
 * `itemIdentifier` of this batch, or a response that is not an object: all failed.
 */
export const failedMessageIds = (
  records: readonly SQSRecord[],
  response: unknown,
  reportBatchItemFailures = true,
): Set<string> => {
  const all = new Set(records.map((record) => record.messageId));
  if (!reportBatchItemFailures || response === undefined || response === null) return new Set();
  if (typeof response !== 'object' || Array.isArray(response)) return all;
  const failures = (response as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null) return new Set();
  if (!Array.isArray(failures)) return all;
  const failed = new Set<string>();
  for (const failure of failures) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== 'string' || !all.has(id)) return all;
    failed.add(id);
  }
  return failed;
};

/* FIFO message-group order. */

const groupOf = (message: Message): string | undefined => message.Attributes?.MessageGroupId;

const sequenceOf = (message: Message): bigint => {
  try {
    return BigInt(message.Attributes?.SequenceNumber ?? '0');
  } catch {
    return 0n;
  }
};

export interface HeldMessage {
  readonly message: Message;
  /** When its visibility timeout runs out, unless extended. */
  visibleUntil: number;
}

/**
 * Which received messages of a FIFO queue may go to the handler now. A group is blocked from the
 * moment one of its messages fails until every failed message of it has come back (received
 * again) or, when it will not come back (it had reached `maxReceiveCount`, so SQS moves it to the
 * dead-letter queue; or someone else took it), until its visibility timeout plus a grace period
 * has passed. Messages of a blocked group are held; when the group unblocks they are released in
 * sequence order. Pure bookkeeping; the poller does the SQS calls.
 */
export class FifoGate {
  readonly #awaiting = new Map<string, Map<string, { until: number; final: boolean }>>();
  readonly #held = new Map<string, HeldMessage[]>();

  public constructor(
    /** How long past its visibility timeout a failed message that should come back is waited for. */
    private readonly graceMs = 10_000,
    /** How long past its visibility timeout a message on its way to the dead-letter queue is waited for. */
    private readonly deadLetterGraceMs = 1_000,
  ) {}

  public isBlocked(group: string): boolean {
    return this.#awaiting.has(group);
  }

  /** The messages that may be handled now, in order; the others are held. */
  public admit(messages: readonly Message[], now: number, visibilityMs: number): Message[] {
    const ready: Message[] = [];
    for (const message of messages) {
      const group = groupOf(message);
      const awaited = group === undefined ? undefined : this.#awaiting.get(group);
      if (group === undefined || !awaited) {
        ready.push(message);
        continue;
      }
      awaited.delete(message.MessageId ?? '');
      // Received again (it became visible while held): the new receipt replaces the old.
      const held = (this.#held.get(group) ?? []).filter(
        (entry) => entry.message.MessageId !== message.MessageId,
      );
      held.push({ message, visibleUntil: now + visibilityMs });
      this.#held.set(group, held);
    }
    return [...ready, ...this.release(now)];
  }

  /** A message the handler failed: its group waits for it to come back. */
  public markFailed(message: Message, now: number, visibilityMs: number, maxReceiveCount?: number): void {
    const group = groupOf(message);
    if (group === undefined) return;
    const receives = Number(message.Attributes?.ApproximateReceiveCount ?? '1');
    const awaited = this.#awaiting.get(group) ?? new Map();
    awaited.set(message.MessageId ?? '', {
      until: now + visibilityMs,
      final: maxReceiveCount !== undefined && receives >= maxReceiveCount,
    });
    this.#awaiting.set(group, awaited);
  }

  /** Held messages of groups that have unblocked (everything awaited came back, or lapsed). */
  public release(now: number): Message[] {
    const released: Message[] = [];
    for (const [group, awaited] of this.#awaiting) {
      for (const [id, { until, final }] of awaited) {
        if (now > until + (final ? this.deadLetterGraceMs : this.graceMs)) awaited.delete(id);
      }
      if (awaited.size > 0) continue;
      this.#awaiting.delete(group);
      const held = this.#held.get(group) ?? [];
      this.#held.delete(group);
      held.sort((a, b) => (sequenceOf(a.message) < sequenceOf(b.message) ? -1 : 1));
      // One whose visibility ran out is back in the queue: it will be received again, in order.
      released.push(...held.filter((entry) => entry.visibleUntil > now).map((entry) => entry.message));
    }
    return released;
  }

  public held(): HeldMessage[] {
    return [...this.#held.values()].flat();
  }

  /** The next moment something may unblock. */
  public nextDeadline(): number | undefined {
    let next: number | undefined;
    for (const awaited of this.#awaiting.values()) {
      for (const { until, final } of awaited.values()) {
        const deadline = until + (final ? this.deadLetterGraceMs : this.graceMs);
        next = next === undefined ? deadline : Math.min(next, deadline);
      }
    }
    return next;
  }
}

/* The poller. */

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) {
      resolve();
      return;
    }
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

class FunctionTimeoutError extends Error {
  public override readonly name = 'Sandbox.Timedout';
}

export const startSqsPoller = (options: SqsPollerOptions): SqsPoller => {
  const ownClient = !options.client;
  const region = options.region ?? defaultRegion;
  const client =
    options.client ??
    new SQSClient({
      region,
      credentials: localCredentials,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    });
  const batchSize = options.batchSize ?? 10;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10)
    throw new Error('batchSize must be 1–10');
  const waitTimeSeconds = options.waitTimeSeconds ?? 20;
  const timeoutSeconds = options.functionTimeoutSeconds ?? 30;
  const functionName = options.functionName ?? 'sqs-consumer';
  const onError =
    options.onError ??
    ((error: unknown, stage: string) =>
      process.stderr.write(
        `[sqs-poller] ${options.queueUrl} ${stage}: ${error instanceof Error ? error.message : String(error)}\n`,
      ));
  const abort = new AbortController();
  const signal = abort.signal;
  const gate = new FifoGate();

  let queue: { arn: string; fifo: boolean; visibilityMs: number; maxReceiveCount?: number } | undefined;
  const describeQueue = async () => {
    const { Attributes = {} } = await client.send(
      new GetQueueAttributesCommand({ QueueUrl: options.queueUrl, AttributeNames: ['All'] }),
      { abortSignal: signal },
    );
    const redrive = Attributes.RedrivePolicy
      ? (JSON.parse(Attributes.RedrivePolicy) as { maxReceiveCount?: unknown })
      : {};
    const queueName = options.queueUrl.split('/').at(-1) ?? '';
    return {
      arn: Attributes.QueueArn ?? `arn:aws:sqs:${region}:000000000000:${queueName}`,
      fifo: Attributes.FifoQueue === 'true' || queueName.endsWith('.fifo'),
      visibilityMs: (options.visibilityTimeout ?? Number(Attributes.VisibilityTimeout ?? 30)) * 1000,
      ...(redrive.maxReceiveCount !== undefined ? { maxReceiveCount: Number(redrive.maxReceiveCount) } : {}),
    };
  };

  const deleteMessages = async (messages: readonly Message[]) => {
    for (let i = 0; i < messages.length; i += 10) {
      const entries = messages.slice(i, i + 10).map((message, index) => ({
        Id: String(index),
        ReceiptHandle: message.ReceiptHandle ?? '',
      }));
      try {
        const { Failed = [] } = await client.send(
          new DeleteMessageBatchCommand({ QueueUrl: options.queueUrl, Entries: entries }),
        );
        for (const failure of Failed)
          onError(new Error(`DeleteMessage failed: ${failure.Code} ${failure.Message}`), 'delete');
      } catch (error) {
        onError(error, 'delete');
      }
    }
  };

  /** One invocation: the handler with the batch; the messages it did not fail are deleted. */
  const invoke = async (messages: readonly Message[], info: NonNullable<typeof queue>) => {
    const records = messages.map((message) => toSqsRecord(message, info.arn, region));
    let failed: Set<string>;
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new FunctionTimeoutError(`Task timed out after ${timeoutSeconds.toFixed(2)} seconds`)),
          timeoutSeconds * 1000,
        );
      });
      const context = createLambdaContext({ functionName, timeoutSeconds, region });
      const response = await Promise.race([
        Promise.resolve(options.handler({ Records: records }, context)),
        timeout,
      ]);
      failed = failedMessageIds(records, response, options.reportBatchItemFailures ?? true);
    } catch (error) {
      onError(error, 'handler');
      failed = new Set(records.map((record) => record.messageId));
    } finally {
      clearTimeout(timer);
    }
    await deleteMessages(messages.filter((message) => !failed.has(message.MessageId ?? '')));
    if (info.fifo) {
      const now = Date.now();
      for (const message of messages) {
        if (failed.has(message.MessageId ?? ''))
          gate.markFailed(message, now, info.visibilityMs, info.maxReceiveCount);
      }
    }
  };

  const loop = async () => {
    while (!signal.aborted) {
      try {
        queue ??= await describeQueue();
        const info = queue;
        // Wake up when a blocked group may unblock, even if no message arrives.
        const unblock = gate.nextDeadline();
        const wait =
          unblock === undefined
            ? waitTimeSeconds
            : Math.max(0, Math.min(waitTimeSeconds, Math.floor((unblock - Date.now()) / 1000)));
        const { Messages = [] } = await client.send(
          new ReceiveMessageCommand({
            QueueUrl: options.queueUrl,
            MaxNumberOfMessages: batchSize,
            WaitTimeSeconds: wait,
            ...(options.visibilityTimeout !== undefined
              ? { VisibilityTimeout: options.visibilityTimeout }
              : {}),
            // local-aws-sqs reads only AttributeNames; AWS also MessageSystemAttributeNames.
            AttributeNames: ['All'],
            MessageSystemAttributeNames: ['All'],
            MessageAttributeNames: ['All'],
          }),
          { abortSignal: signal },
        );
        let pending = info.fifo ? gate.admit(Messages, Date.now(), info.visibilityMs) : Messages;
        while (pending.length > 0 && !signal.aborted) {
          const batch = pending.slice(0, batchSize);
          const rest = pending.slice(batchSize);
          pending = rest;
          await invoke(batch, info);
          // A failure in this batch may have blocked groups that later messages belong to.
          if (info.fifo) pending = gate.admit(rest, Date.now(), info.visibilityMs);
        }
        if (Messages.length === 0 && wait === 0) await sleep(200, signal);
      } catch (error) {
        if (signal.aborted) break;
        onError(error, 'poll');
        await sleep(1000, signal);
      }
    }
  };

  const running = loop();
  let stopping: Promise<void> | undefined;
  return {
    stop: () => {
      stopping ??= (async () => {
        abort.abort();
        await running;
        if (ownClient) client.destroy();
      })();
      return stopping;
    },
  };
};
