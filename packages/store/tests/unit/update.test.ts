import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { updateExisting } from '../../src/update.ts';
import { conditionFailed, mockedDb, table } from '../support/mocked-db.ts';

const { db, dynamo } = mockedDb();
afterEach(() => dynamo.reset());

describe('updateExisting', () => {
  it('sets the given attributes by placeholder, only on an existing item, and answers the item after', async () => {
    // Prepare
    dynamo.on(UpdateCommand).resolves({ Attributes: { pk: 'p', sk: 's', type: 't', name: 'n', size: 2 } });

    // Act
    const updated = await updateExisting(
      db,
      { pk: 'p', sk: 's' },
      { name: 'n', skipped: undefined, size: 2 },
    );

    // Assess
    expect(updated).toEqual({ name: 'n', size: 2 });
    expect(dynamo.commandCalls(UpdateCommand)[0]!.args[0].input).toEqual({
      TableName: table,
      Key: { pk: 'p', sk: 's' },
      UpdateExpression: 'SET #f0 = :v0, #f1 = :v1',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#f0': 'name', '#f1': 'size' },
      ExpressionAttributeValues: { ':v0': 'n', ':v1': 2 },
      ReturnValues: 'ALL_NEW',
    });
  });

  it('answers undefined for an item that does not exist, and creates nothing', async () => {
    // Prepare
    dynamo.on(UpdateCommand).rejects(conditionFailed());

    // Act
    const updated = await updateExisting(db, { pk: 'p', sk: 's' }, { name: 'n' });

    // Assess
    expect(updated).toBeUndefined();
  });
});
