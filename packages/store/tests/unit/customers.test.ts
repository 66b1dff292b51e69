import {
  BatchGetCommand,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { IdempotencyKeyTaken } from '#app/ports/store';
import type { Customer } from '#domain/customer';
import { customerRepository, readAllFrom } from '../../src/customers.ts';
import { cancelled, mockedDb, table } from '../support/mocked-db.ts';

const { db, dynamo } = mockedDb();
const customers = customerRepository(db);
afterEach(() => dynamo.reset());

const customer: Customer = {
  id: 'c1',
  reseller: 'r1',
  name: 'Kunde',
  finance: {},
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('customerRepository', () => {
  it('puts a new customer with its directory entry, on the condition that neither exists', async () => {
    // Prepare
    dynamo.on(TransactWriteCommand).resolves({});

    // Act
    await customers.putNewCustomer(customer);

    // Assess
    const [call] = dynamo.commandCalls(TransactWriteCommand);
    expect(call!.args[0].input).toEqual({
      TransactItems: [
        {
          Put: {
            TableName: table,
            Item: { pk: 'T#r1', sk: 'CUSTOMER#c1', type: 'customer', ...customer },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Put: {
            TableName: table,
            Item: { pk: 'P#ID#c1', sk: 'ID', type: 'directory', id: 'c1', kind: 'customer', reseller: 'r1' },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ],
    });
  });

  it('remembers the Idempotency-Key in the same transaction, and names a key lost to a race', async () => {
    // Prepare
    dynamo.on(TransactWriteCommand).rejects(cancelled('None', 'None', 'ConditionalCheckFailed'));
    const remember = {
      scope: { reseller: 'r1', route: 'POST /customer', key: 'k1' },
      record: { fingerprint: 'f', answer: { status: 201, json: { _id: 'c1' } } },
    };

    // Act
    const written = customers.putNewCustomer(customer, remember);

    // Assess
    await expect(written).rejects.toBeInstanceOf(IdempotencyKeyTaken);
    const items = dynamo.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    expect(items).toHaveLength(3);
    expect(items[2]!.Put).toMatchObject({
      TableName: table,
      Item: {
        pk: 'T#r1',
        type: 'idempotency',
        fingerprint: 'f',
        answer: '{"status":201,"json":{"_id":"c1"}}',
      },
      ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
    });
  });

  it('gets a customer by its tenant and id, without the storage attributes', async () => {
    // Prepare
    dynamo
      .on(GetCommand)
      .resolves({ Item: { pk: 'T#r1', sk: 'CUSTOMER#c1', type: 'customer', ...customer } });

    // Act
    const found = await customers.getCustomer('r1', 'c1');

    // Assess
    expect(found).toEqual(customer);
    expect(dynamo.commandCalls(GetCommand)[0]!.args[0].input).toEqual({
      TableName: table,
      Key: { pk: 'T#r1', sk: 'CUSTOMER#c1' },
    });
  });

  it('answers undefined for a customer that does not exist', async () => {
    // Prepare
    dynamo.on(GetCommand).resolves({});

    // Act
    const found = await customers.getCustomer('r1', 'nobody');

    // Assess
    expect(found).toBeUndefined();
  });

  it('lists a page of the tenant’s customers, and hands back the next page as an opaque cursor', async () => {
    // Prepare
    const last = { pk: 'T#r1', sk: 'CUSTOMER#c1' };
    dynamo
      .on(QueryCommand)
      .resolves({ Items: [{ ...last, type: 'customer', ...customer }], LastEvaluatedKey: last });

    // Act
    const first = await customers.listCustomers('r1', 1);
    await customers.listCustomers('r1', 1, first.cursor);

    // Assess
    expect(first.items).toEqual([customer]);
    const [firstCall, secondCall] = dynamo.commandCalls(QueryCommand);
    expect(firstCall!.args[0].input).toEqual({
      TableName: table,
      KeyConditionExpression: 'pk = :tenant AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':tenant': 'T#r1', ':prefix': 'CUSTOMER#' },
      Limit: 1,
      ExclusiveStartKey: undefined,
    });
    expect(secondCall!.args[0].input.ExclusiveStartKey).toEqual(last);
  });

  it('reads several customers in one BatchGet, each id once', async () => {
    // Prepare
    dynamo.on(BatchGetCommand).resolves({
      Responses: { [table]: [{ pk: 'T#r1', sk: 'CUSTOMER#c1', type: 'customer', ...customer }] },
    });

    // Act
    const found = await customers.getCustomers('r1', ['c1', 'c2', 'c1']);

    // Assess
    expect([...found.entries()]).toEqual([['c1', customer]]);
    expect(dynamo.commandCalls(BatchGetCommand)[0]!.args[0].input).toEqual({
      RequestItems: {
        [table]: {
          Keys: [
            { pk: 'T#r1', sk: 'CUSTOMER#c1' },
            { pk: 'T#r1', sk: 'CUSTOMER#c2' },
          ],
        },
      },
    });
  });

  it('queries the reseller’s customers whole when asked for a thousand or more, and answers only those asked for', async () => {
    // Prepare
    const ids = Array.from({ length: readAllFrom }, (_, n) => `c${n}`);
    const item = (id: string) => ({ pk: 'T#r1', sk: `CUSTOMER#${id}`, type: 'customer', ...customer, id });
    dynamo
      .on(QueryCommand)
      .resolvesOnce({
        Items: ids.slice(0, 600).map(item),
        LastEvaluatedKey: { pk: 'T#r1', sk: 'CUSTOMER#c599' },
      })
      .resolvesOnce({ Items: [...ids.slice(600).map(item), item('not-asked')] });

    // Act
    const found = await customers.getCustomers('r1', ids);

    // Assess
    expect([...found.keys()].sort()).toEqual([...ids].sort());
    expect(dynamo.commandCalls(BatchGetCommand)).toHaveLength(0);
    expect(dynamo.commandCalls(QueryCommand).map((call) => call.args[0].input)).toEqual([
      {
        TableName: table,
        KeyConditionExpression: 'pk = :tenant AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':tenant': 'T#r1', ':prefix': 'CUSTOMER#' },
        ExclusiveStartKey: undefined,
      },
      {
        TableName: table,
        KeyConditionExpression: 'pk = :tenant AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':tenant': 'T#r1', ':prefix': 'CUSTOMER#' },
        ExclusiveStartKey: { pk: 'T#r1', sk: 'CUSTOMER#c599' },
      },
    ]);
  });

  it('updates only the fields given, only on an existing customer', async () => {
    // Prepare
    dynamo
      .on(UpdateCommand)
      .resolves({ Attributes: { pk: 'T#r1', sk: 'CUSTOMER#c1', ...customer, name: 'Ny' } });

    // Act
    const updated = await customers.updateCustomer('r1', 'c1', { name: 'Ny', email: undefined });

    // Assess
    expect(updated).toEqual({ ...customer, name: 'Ny' });
    expect(dynamo.commandCalls(UpdateCommand)[0]!.args[0].input).toEqual({
      TableName: table,
      Key: { pk: 'T#r1', sk: 'CUSTOMER#c1' },
      UpdateExpression: 'SET #f0 = :v0',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#f0': 'name' },
      ExpressionAttributeValues: { ':v0': 'Ny' },
      ReturnValues: 'ALL_NEW',
    });
  });
});
