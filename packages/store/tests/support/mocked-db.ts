import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { type Db, documentClientOf } from '../../src/db.ts';

export const table = 'faktura-test';

/**
 * A repository's Db over a document client whose every command is answered by the mock (nothing
 * leaves the process), so that a test can assert the exact requests the store sends.
 */
export const mockedDb = () => {
  const client = documentClientOf(
    new DynamoDBClient({
      region: 'eu-west-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    }),
  );
  const db: Db = { client, tableName: table };
  return { db, dynamo: mockClient(client) };
};

/** A cancelled transaction, with one reason per action as DynamoDB gives them (`None` where nothing failed). */
export const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

export const conditionFailed = () =>
  new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
