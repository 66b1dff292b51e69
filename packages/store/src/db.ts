import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * What every repository of the store is made over: the document client it sends with and the table
 * it names. The composition root (packages/wiring/src/store.ts) makes one per Lambda container;
 * tests make their own, over DynamoDB Local or a mocked client.
 */
export interface Db {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
}

/**
 * The document client over a DynamoDB client, with the marshalling every repository relies on:
 * absent optional fields are left out of an item, and class instances are refused, not flattened.
 */
export const documentClientOf = (client: DynamoDBClient): DynamoDBDocumentClient =>
  DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
