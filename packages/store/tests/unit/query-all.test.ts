import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { queryAll } from '../../src/query-all.ts';
import { mockedDb, table } from '../support/mocked-db.ts';

const { db, dynamo } = mockedDb();
afterEach(() => dynamo.reset());

describe('queryAll', () => {
  it('follows every page of a query on the table, from where the last one stopped', async () => {
    // Prepare
    const stop = { pk: 'p', sk: 'a' };
    dynamo
      .on(QueryCommand)
      .resolvesOnce({ Items: [{ sk: 'a' }], LastEvaluatedKey: stop })
      .resolvesOnce({ Items: [{ sk: 'b' }] });
    const query = { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'p' } };

    // Act
    const items = await queryAll(db, query);

    // Assess
    expect(items).toEqual([{ sk: 'a' }, { sk: 'b' }]);
    expect(dynamo.commandCalls(QueryCommand).map((call) => call.args[0].input)).toEqual([
      { TableName: table, ...query, ExclusiveStartKey: undefined },
      { TableName: table, ...query, ExclusiveStartKey: stop },
    ]);
  });
});
