import { beforeAll, describe, expect, it } from 'vitest';
import { functions as catalog } from '#infra/catalog';
import {
  arnOf,
  functionsByCatalogName,
  onlyResourceOfType,
  resourcesOfType,
  type SynthesizedFaktura,
  synthesizeFaktura,
} from './template.ts';

describe('export request queue', () => {
  let faktura: SynthesizedFaktura;
  let queueId: string;
  let deadLetterQueueId: string;

  beforeAll(() => {
    faktura = synthesizeFaktura();
    const fifoQueues = resourcesOfType(faktura.json, 'AWS::SQS::Queue').filter(
      ([, q]) => q.Properties.FifoQueue,
    );
    [queueId] = fifoQueues.find(([, q]) => q.Properties.RedrivePolicy)!;
    [deadLetterQueueId] = fifoQueues.find(([, q]) => !q.Properties.RedrivePolicy)!;
  });

  it('is a FIFO queue deduplicated by the sender-given id, per message group', () => {
    // Assess
    expect(faktura.json.Resources[queueId].Properties).toMatchObject({
      FifoQueue: true,
      ContentBasedDeduplication: false,
      DeduplicationScope: 'messageGroup',
      FifoThroughputLimit: 'perMessageGroupId',
      SqsManagedSseEnabled: true,
    });
  });

  it('sends a message to a FIFO dead-letter queue after 5 receives', () => {
    // Assess
    expect(faktura.json.Resources[queueId].Properties.RedrivePolicy).toEqual({
      deadLetterTargetArn: arnOf(deadLetterQueueId),
      maxReceiveCount: 5,
    });
    expect(faktura.json.Resources[deadLetterQueueId].Properties).toMatchObject({
      FifoQueue: true,
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
  });

  it.each([
    ['queue', () => queueId],
    ['dead-letter queue', () => deadLetterQueueId],
  ])('refuses requests without TLS on the %s', (_, idOf) => {
    // Assess
    faktura.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: idOf() }],
      PolicyDocument: {
        Statement: [
          {
            Action: 'sqs:*',
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            Resource: arnOf(idOf()),
          },
        ],
      },
    });
  });

  it('keeps a message invisible for at least six times the consumer timeout', () => {
    // Prepare
    const consumerTimeout = catalog['export-request-consumer'].timeoutSeconds;

    // Assess
    expect(faktura.json.Resources[queueId].Properties.VisibilityTimeout).toBeGreaterThanOrEqual(
      6 * consumerTimeout,
    );
  });

  it('is consumed by export-request-consumer, 10 at a time, reporting failures per message', () => {
    // Prepare
    const [consumerId] = functionsByCatalogName(faktura.json).get('export-request-consumer')!;
    const [, mapping] = onlyResourceOfType(faktura.json, 'AWS::Lambda::EventSourceMapping');

    // Assess
    expect(mapping.Properties).toEqual({
      BatchSize: 10,
      EventSourceArn: arnOf(queueId),
      FunctionName: { Ref: consumerId },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('alarms as soon as one message is in the dead-letter queue', () => {
    // Assess
    faktura.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [deadLetterQueueId, 'QueueName'] } }],
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 0,
      EvaluationPeriods: 1,
    });
  });
});
