import { Duration, Validations } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** How often a message is retried before it lands in the dead-letter queue. */
export const exportRequestMaxReceiveCount = 5;

/**
 * AWS's advice for a queue that feeds Lambda: a visibility timeout of at least six times the
 * function's timeout, so a message is not handed out again while throttled retries of the first
 * delivery are still running.
 */
const visibilityTimeoutFactor = 6;

export interface ExportRequestQueueProps {
  /** The consumer's timeout, from which the visibility timeout is derived. */
  readonly consumerTimeout: Duration;
}

/**
 * Export requests on their way from the API to the export saga: an SQS FIFO queue, one message
 * group per reseller and accounting system, so that one reseller's exports to one system never
 * run side by side while other resellers are not held up.
 *
 * Deduplication is by id, not by content: the API sends the export id as the deduplication id, so
 * a retried send is dropped while two exports with the same body are not.
 */
export class ExportRequestQueue extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: ExportRequestQueueProps) {
    super(scope, id);
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      fifo: true,
      contentBasedDeduplication: false,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This is the dead-letter queue of the export request queue; it needs none of its own.',
    });

    this.queue = new sqs.Queue(this, 'Queue', {
      fifo: true,
      contentBasedDeduplication: false,
      // High-throughput FIFO: ordering and deduplication per message group (reseller + system),
      // so busy resellers do not share one throughput budget.
      deduplicationScope: sqs.DeduplicationScope.MESSAGE_GROUP,
      fifoThroughputLimit: sqs.FifoThroughputLimit.PER_MESSAGE_GROUP_ID,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(props.consumerTimeout.toSeconds() * visibilityTimeoutFactor),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: exportRequestMaxReceiveCount },
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
