import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { batchWriteAll } from '../../src/batch-write.ts';
import { mockedDb, table } from '../support/mocked-db.ts';

const { db, dynamo } = mockedDb();
afterEach(() => dynamo.reset());

const put = (index: number) => ({ PutRequest: { Item: { pk: `p${index}`, sk: 's' } } });

describe('batchWriteAll', () => {
  it('writes at most 25 requests a call', async () => {
    // Prepare
    dynamo.on(BatchWriteCommand).resolves({});
    const requests = Array.from({ length: 30 }, (_, index) => put(index));

    // Act
    await batchWriteAll(db, requests);

    // Assess
    expect(dynamo.commandCalls(BatchWriteCommand).map((call) => call.args[0].input)).toEqual([
      { RequestItems: { [table]: requests.slice(0, 25) } },
      { RequestItems: { [table]: requests.slice(25) } },
    ]);
  });

  it('sends again what DynamoDB left unprocessed', async () => {
    // Prepare
    dynamo
      .on(BatchWriteCommand)
      .resolvesOnce({ UnprocessedItems: { [table]: [put(1)] } })
      .resolvesOnce({});

    // Act
    await batchWriteAll(db, [put(0), put(1)]);

    // Assess
    expect(dynamo.commandCalls(BatchWriteCommand).map((call) => call.args[0].input)).toEqual([
      { RequestItems: { [table]: [put(0), put(1)] } },
      { RequestItems: { [table]: [put(1)] } },
    ]);
  });
});
