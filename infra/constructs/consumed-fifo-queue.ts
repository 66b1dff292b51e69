import { Duration, Validations } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/**
 * AWS's advice for a queue that feeds Lambda: a visibility timeout of at least six times the
 * function's timeout, so a message is not handed out again while throttled retries of the first
 * delivery are still running.
 */
const visibilityTimeoutFactor = 6;

export interface ConsumedFifoQueueProps {
  /** What the queue carries, for its dead-letter queue's nag acknowledgement. */
  readonly purpose: string;
  /** The consumer's timeout, from which the visibility timeout is derived. */
  readonly consumerTimeout: Duration;
  /** How often a message is received before it lands in the dead-letter queue. Default 5. */
  readonly maxReceiveCount?: number;
  /** How long a message waits to be consumed. Default 4 days (the dead-letter queue keeps it 14). */
  readonly retentionPeriod?: Duration;
  /** The largest message, on the queue and its dead-letter queue alike. Default SQS's (256 KB). */
  readonly maxMessageSizeBytes?: number;
}

/**
 * An SQS FIFO queue that one Lambda function consumes, with its dead-letter queue: Faktura's
 * export requests (one message group per reseller and accounting system, so that one reseller's
 * exports to one system never run side by side while other resellers are not held up) and its
 * e-mails (one group per e-mail).
 *
 * Deduplication is by id, not by content: the sender chooses the deduplication id (the export id;
 * the e-mail's digest), so a retried send is dropped while two sends that mean two are not.
 * High-throughput FIFO: ordering and deduplication per message group, so busy groups do not share
 * one throughput budget.
 */
export class ConsumedFifoQueue extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: ConsumedFifoQueueProps) {
    super(scope, id);
    const size =
      props.maxMessageSizeBytes === undefined ? {} : { maxMessageSizeBytes: props.maxMessageSizeBytes };
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      ...size,
      fifo: true,
      contentBasedDeduplication: false,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: `This is the dead-letter queue of the ${props.purpose} queue; it needs none of its own.`,
    });

    this.queue = new sqs.Queue(this, 'Queue', {
      ...size,
      fifo: true,
      contentBasedDeduplication: false,
      deduplicationScope: sqs.DeduplicationScope.MESSAGE_GROUP,
      fifoThroughputLimit: sqs.FifoThroughputLimit.PER_MESSAGE_GROUP_ID,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(props.consumerTimeout.toSeconds() * visibilityTimeoutFactor),
      retentionPeriod: props.retentionPeriod ?? Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: props.maxReceiveCount ?? 5 },
    });
  }

  /**
   * Makes `consumer` the queue's consumer. It reports failed messages one by one
   * (`batchItemFailures`), so a failure does not send the whole batch back.
   */
  addConsumer(consumer: lambda.IFunction): void {
    consumer.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: 10,
        reportBatchItemFailures: true,
      }),
    );
  }
}
