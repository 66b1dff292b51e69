import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { directoryRepository } from '../../src/directory.ts';
import { mockedDb, table } from '../support/mocked-db.ts';

const { db, dynamo } = mockedDb();
const directory = directoryRepository(db);
afterEach(() => dynamo.reset());

describe('directoryRepository', () => {
  it('answers which tenant owns an id of the kind asked for', async () => {
    // Prepare
    dynamo.on(GetCommand).resolves({
      Item: {
        pk: 'P#ID#i1',
        sk: 'ID',
        type: 'directory',
        id: 'i1',
        kind: 'invoice',
        reseller: 'r1',
        customer: 'c1',
      },
    });

    // Act
    const entry = await directory.lookUp('i1', 'invoice');

    // Assess
    expect(entry).toEqual({ id: 'i1', kind: 'invoice', reseller: 'r1', customer: 'c1' });
    expect(dynamo.commandCalls(GetCommand)[0]!.args[0].input).toEqual({
      TableName: table,
      Key: { pk: 'P#ID#i1', sk: 'ID' },
    });
  });

  it('does not answer an id of another kind: a customer id never finds an invoice', async () => {
    // Prepare
    dynamo.on(GetCommand).resolves({ Item: { id: 'c1', kind: 'customer', reseller: 'r1' } });

    // Act
    const entry = await directory.lookUp('c1', 'invoice');

    // Assess
    expect(entry).toBeUndefined();
  });
});
