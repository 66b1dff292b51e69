import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { type Db, documentClientOf } from '../../src/db.ts';

/** The store over the global setup's DynamoDB Local and its table, as the wiring makes it over the real one. */
export const testStackDb = (): Db => ({
  client: documentClientOf(
    new DynamoDBClient({
      endpoint: `http://127.0.0.1:${inject('ports').DYNAMODB_PORT}`,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  ),
  tableName: 'faktura',
});
