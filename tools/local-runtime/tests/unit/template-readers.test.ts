import { describe, expect, it } from 'vitest';
import { tableDefinitionFromTemplate } from '../../src/services/dynamodb.ts';
import {
  fakturaQueueSpecs,
  fakturaQueueSpecsFromTemplate,
  localQueueNameOf,
} from '../../src/services/sqs.ts';
import { fakturaTemplate } from '../fixtures/faktura-template.ts';

describe('tableDefinitionFromTemplate', () => {
  it("reads Faktura's table: keys, indexes, billing mode and TTL; nothing without local meaning", () => {
    // Act
    const definition = tableDefinitionFromTemplate(fakturaTemplate);

    // Assess
    const key = (hash: string, range: string) => [
      { AttributeName: hash, KeyType: 'HASH' },
      { AttributeName: range, KeyType: 'RANGE' },
    ];
    expect(definition).toEqual({
      TableName: 'DataTableFDBAD0F2',
      KeySchema: key('pk', 'sk'),
      AttributeDefinitions: ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk'].map((name) => ({
        AttributeName: name,
        AttributeType: 'S',
      })),
      BillingMode: 'PAY_PER_REQUEST',
      GlobalSecondaryIndexes: [
        { IndexName: 'gsi1', KeySchema: key('gsi1pk', 'gsi1sk'), Projection: { ProjectionType: 'ALL' } },
        { IndexName: 'gsi2', KeySchema: key('gsi2pk', 'gsi2sk'), Projection: { ProjectionType: 'ALL' } },
      ],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  it('reads a provisioned table with a stream and a literal name', () => {
    // Prepare
    const template = {
      Resources: {
        Table: {
          Type: 'AWS::DynamoDB::Table',
          Properties: {
            TableName: 'named',
            KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
            AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
            ProvisionedThroughput: { ReadCapacityUnits: 3, WriteCapacityUnits: '4' },
            StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
          },
        },
      },
    };

    // Act
    const definition = tableDefinitionFromTemplate(template);

    // Assess
    expect(definition).toEqual({
      TableName: 'named',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      BillingMode: 'PROVISIONED',
      ProvisionedThroughput: { ReadCapacityUnits: 3, WriteCapacityUnits: 4 },
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
    });
  });

  it('refuses a template without exactly one table, and values it cannot resolve', () => {
    // Prepare
    const none = { Resources: {} };
    const two = {
      Resources: {
        A: fakturaTemplate.Resources.DataTableFDBAD0F2,
        B: fakturaTemplate.Resources.DataTableFDBAD0F2,
      },
    };
    const token = {
      Resources: {
        T: {
          Type: 'AWS::DynamoDB::Table',
          Properties: {
            KeySchema: [{ AttributeName: { Ref: 'KeyName' }, KeyType: 'HASH' }],
            AttributeDefinitions: [],
          },
        },
      },
    };

    // Act & Assess
    expect(() => tableDefinitionFromTemplate(none)).toThrow(
      'Expected exactly one DynamoDB table in the template, found 0',
    );
    expect(() => tableDefinitionFromTemplate(two)).toThrow('found 2');
    expect(tableDefinitionFromTemplate(two, { logicalId: 'B' }).TableName).toBe('B');
    expect(() => tableDefinitionFromTemplate(token)).toThrow(
      'T.KeySchema[0].AttributeName is {"Ref":"KeyName"} in the template; only literal values can be used locally',
    );
  });
});

describe('fakturaQueueSpecsFromTemplate', () => {
  const consumedFifoQueue = (name: string, deadLetterName: string, size: Record<string, string> = {}) => [
    {
      name: deadLetterName,
      attributes: {
        ...size,
        FifoQueue: 'true',
        ContentBasedDeduplication: 'false',
        MessageRetentionPeriod: '1209600',
      },
    },
    {
      name,
      attributes: {
        ...size,
        FifoQueue: 'true',
        ContentBasedDeduplication: 'false',
        DeduplicationScope: 'messageGroup',
        FifoThroughputLimit: 'perMessageGroupId',
        MessageRetentionPeriod: '345600',
        VisibilityTimeout: '180',
      },
      deadLetter: { queueName: deadLetterName, maxReceiveCount: 5 },
    },
  ];

  it("reads the export and mail queues and their dead-letter queues, not the close's; the built-in specs match the stack's", () => {
    // Act
    const specs = fakturaQueueSpecsFromTemplate(fakturaTemplate);

    // Assess
    expect(specs).toEqual([
      ...consumedFifoQueue('faktura-export-requests.fifo', 'faktura-export-requests-dlq.fifo'),
      ...consumedFifoQueue('faktura-mail.fifo', 'faktura-mail-dlq.fifo', { MaximumMessageSize: '1048576' }),
    ]);
    expect(specs).toEqual(fakturaQueueSpecs);
  });

  it('refuses a template without the export queue', () => {
    // Act & Assess
    expect(() => fakturaQueueSpecsFromTemplate({ Resources: {} })).toThrow(
      'The template has no queue of ExportRequests',
    );
  });

  it('refuses a queue whose redrive policy points at no queue of the template', () => {
    // Prepare: the mail queue without its dead-letter queue
    const { MailDeadLetterQueueAD8628F2: _gone, ...resources } = fakturaTemplate.Resources;

    // Act & Assess
    expect(() => fakturaQueueSpecsFromTemplate({ Resources: resources })).toThrow(
      'MailQueueC8B8B9FB.RedrivePolicy does not point at a queue of the template',
    );
  });
});

describe('localQueueNameOf', () => {
  it.each([
    ['ExportRequestsQueue4B1AB905', 'faktura-export-requests.fifo'],
    ['ExportRequestsDeadLetterQueueDEB985C3', 'faktura-export-requests-dlq.fifo'],
    ['MailQueueC8B8B9FB', 'faktura-mail.fifo'],
    ['MailDeadLetterQueueAD8628F2', 'faktura-mail-dlq.fifo'],
    ['MonthlyCloseDeadLetterQueue00BD2786', undefined],
    ['MailQueueC8B8B9FBX', undefined],
  ])('names %s %s', (logicalId, name) => {
    // Act & Assess
    expect(localQueueNameOf(logicalId)).toBe(name);
  });
});
