import { beforeAll, describe, expect, it } from 'vitest';
import { functions as catalog } from '#infra/catalog';
import { queueConsumers } from '#infra/synthesize';
import {
  fakturaQueueSpecs,
  fakturaQueueSpecsFromTemplate,
  localQueueNameOf,
} from '../../tools/local-runtime/src/services/sqs.ts';
import {
  arnOf,
  functionsByCatalogName,
  resourcesOfType,
  type SynthesizedFaktura,
  synthesizeFaktura,
} from './template.ts';

/**
 * The two queues that feed one function each (infra/constructs/consumed-fifo-queue.ts): export
 * requests to the consumer that starts the saga, e-mails to the only function that sends them.
 */
describe.each([
  {
    queue: 'export request queue',
    constructId: 'ExportRequests',
    consumer: 'export-request-consumer',
    maximumMessageSize: undefined,
  },
  // An e-mail's text and HTML: SQS's largest message (1 MiB), not its default 256 KB.
  { queue: 'mail queue', constructId: 'Mail', consumer: 'mail-send', maximumMessageSize: 1024 * 1024 },
] as const)('$queue', ({ constructId, consumer, maximumMessageSize }) => {
  let faktura: SynthesizedFaktura;
  let queueId: string;
  let deadLetterQueueId: string;

  beforeAll(() => {
    faktura = synthesizeFaktura();
    const queueIds = resourcesOfType(faktura.json, 'AWS::SQS::Queue').map(([id]) => id);
    queueId = queueIds.find((id) => new RegExp(`^${constructId}Queue[0-9A-F]{8}$`).test(id))!;
    deadLetterQueueId = queueIds.find((id) =>
      new RegExp(`^${constructId}DeadLetterQueue[0-9A-F]{8}$`).test(id),
    )!;
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

  it('takes messages as large as its dead-letter queue does', () => {
    // Assess
    expect(faktura.json.Resources[queueId].Properties.MaximumMessageSize).toBe(maximumMessageSize);
    expect(faktura.json.Resources[deadLetterQueueId].Properties.MaximumMessageSize).toBe(maximumMessageSize);
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
    const consumerTimeout = catalog[consumer].timeoutSeconds;

    // Assess
    expect(faktura.json.Resources[queueId].Properties.VisibilityTimeout).toBeGreaterThanOrEqual(
      6 * consumerTimeout,
    );
  });

  it(`is consumed by ${consumer} alone, 10 at a time, reporting failures per message`, () => {
    // Prepare
    const [consumerId] = functionsByCatalogName(faktura.json).get(consumer)!;
    const mappings = resourcesOfType(faktura.json, 'AWS::Lambda::EventSourceMapping').filter(
      ([, mapping]) => JSON.stringify(mapping.Properties.EventSourceArn) === JSON.stringify(arnOf(queueId)),
    );
    expect(mappings).toHaveLength(1);
    const [[, mapping]] = mappings as [[string, (typeof mappings)[number][1]]];

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

describe('the queues the local runtime makes', () => {
  it("are the stack's, attribute for attribute, and its built-in specs agree", () => {
    // Act
    const specs = fakturaQueueSpecsFromTemplate(synthesizeFaktura().json);

    // Assess
    expect(specs.map((spec) => spec.name)).toEqual([
      'faktura-export-requests-dlq.fifo',
      'faktura-export-requests.fifo',
      'faktura-mail-dlq.fifo',
      'faktura-mail.fifo',
    ]);
    expect(specs).toEqual(fakturaQueueSpecs);
  });

  it("are each polled for the function the stack maps to it, in the mapping's batches and with the function's timeout", () => {
    // Act
    const consumers = queueConsumers(synthesizeFaktura().json).map(({ queueLogicalId, ...consumer }) => ({
      queue: localQueueNameOf(queueLogicalId),
      ...consumer,
    }));

    // Assess
    expect(consumers.sort((a, b) => a.functionName.localeCompare(b.functionName))).toEqual([
      {
        queue: 'faktura-export-requests.fifo',
        functionName: 'export-request-consumer',
        batchSize: 10,
        timeoutSeconds: catalog['export-request-consumer'].timeoutSeconds,
      },
      { queue: 'faktura-mail.fifo', functionName: 'mail-send', batchSize: 10, timeoutSeconds: 30 },
    ]);
  });
});
