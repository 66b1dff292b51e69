import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { item as itemOf } from '../../../domain/tests/unit/monthly-close/fixtures.ts';
import { currentItemRepository } from '../../src/current-items.ts';
import { cancelled, mockedDb, table } from '../support/mocked-db.ts';

const { db, dynamo } = mockedDb();
const currentItems = currentItemRepository(db);
afterEach(() => dynamo.reset());

const item = itemOf({ id: 'i1', reseller: 'r1', customer: 'c1' });
const key = { pk: 'T#r1', sk: 'CURRENT#c1#i1' };

describe('currentItemRepository', () => {
  it('puts an item on the current invoice with its directory entry, both only if new', async () => {
    // Prepare
    dynamo.on(TransactWriteCommand).resolves({});

    // Act
    await currentItems.putNewCurrentItem(item);

    // Assess
    expect(dynamo.commandCalls(TransactWriteCommand)[0]!.args[0].input).toEqual({
      TransactItems: [
        {
          Put: {
            TableName: table,
            Item: { ...key, type: 'current-item', ...item },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Put: {
            TableName: table,
            Item: {
              pk: 'P#ID#i1',
              sk: 'ID',
              type: 'directory',
              id: 'i1',
              kind: 'current-item',
              reseller: 'r1',
              customer: 'c1',
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ],
    });
  });

  it('lists a customer’s items, following every page of the query', async () => {
    // Prepare
    dynamo
      .on(QueryCommand)
      .resolvesOnce({ Items: [{ ...key, type: 'current-item', ...item }], LastEvaluatedKey: key })
      .resolvesOnce({ Items: [] });

    // Act
    const items = await currentItems.listCurrentItems('r1', 'c1');

    // Assess
    expect(items).toEqual([item]);
    const calls = dynamo.commandCalls(QueryCommand);
    expect(calls.map((call) => call.args[0].input)).toEqual([
      {
        TableName: table,
        KeyConditionExpression: 'pk = :tenant AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':tenant': 'T#r1', ':prefix': 'CURRENT#c1#' },
        ExclusiveStartKey: undefined,
      },
      {
        TableName: table,
        KeyConditionExpression: 'pk = :tenant AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':tenant': 'T#r1', ':prefix': 'CURRENT#c1#' },
        ExclusiveStartKey: key,
      },
    ]);
  });

  it('deletes an item with its directory entry, unless it is gone or claimed by a close', async () => {
    // Prepare
    dynamo.on(TransactWriteCommand).resolves({});

    // Act
    const deleted = await currentItems.deleteCurrentItem(item);

    // Assess
    expect(deleted).toBe(true);
    expect(dynamo.commandCalls(TransactWriteCommand)[0]!.args[0].input).toEqual({
      TransactItems: [
        {
          Delete: {
            TableName: table,
            Key: key,
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(claimedBy)',
          },
        },
        { Delete: { TableName: table, Key: { pk: 'P#ID#i1', sk: 'ID' } } },
      ],
    });
  });

  it('answers false when the item was gone or claimed', async () => {
    // Prepare
    dynamo.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed', 'None'));

    // Act
    const deleted = await currentItems.deleteCurrentItem(item);

    // Assess
    expect(deleted).toBe(false);
  });
});
