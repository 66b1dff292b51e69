import { describe, expect, it } from 'vitest';
import { tableDefinitionFromTemplate } from '../../src/services/dynamodb.ts';
import { fakturaQueueSpecs, fakturaQueueSpecsFromTemplate } from '../../src/services/sqs.ts';
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
  it("reads the export queue and its dead-letter queue; the built-in specs match the stack's", () => {
    // Act
    const specs = fakturaQueueSpecsFromTemplate(fakturaTemplate);

    // Assess
    expect(specs).toEqual([
      {
        name: 'faktura-export-requests-dlq.fifo',
        attributes: {
          FifoQueue: 'true',
          ContentBasedDeduplication: 'false',
          MessageRetentionPeriod: '1209600',
        },
      },
      {
        name: 'faktura-export-requests.fifo',
        attributes: {
          FifoQueue: 'true',
          ContentBasedDeduplication: 'false',
          DeduplicationScope: 'messageGroup',
          FifoThroughputLimit: 'perMessageGroupId',
          MessageRetentionPeriod: '345600',
          VisibilityTimeout: '180',
        },
        deadLetter: { queueName: 'faktura-export-requests-dlq.fifo', maxReceiveCount: 5 },
      },
    ]);
    expect(specs).toEqual(fakturaQueueSpecs);
  });

  it('refuses a template without the export queue', () => {
    // Act & Assess
    expect(() => fakturaQueueSpecsFromTemplate({ Resources: {} })).toThrow(
      'Expected exactly one FIFO queue with a redrive policy in the template, found 0',
    );
  });
});
