import { createHash } from 'node:crypto';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { IdempotencyKeyTaken } from '#app/ports/store';
import {
  idempotencyLifetimeSeconds,
  idempotencyRepository,
  transactRemembering,
} from '../../src/idempotency.ts';
import { cancelled, mockedDb, table } from '../support/mocked-db.ts';

const { db, dynamo } = mockedDb();
const idempotency = idempotencyRepository(db);
afterEach(() => dynamo.reset());

const scope = { reseller: 'r1', route: 'POST /product', key: 'key 1' };
const hashed = createHash('sha256').update('key 1').digest('hex');
const now = new Date('2026-11-02T08:00:00.000Z');
const nowSeconds = now.getTime() / 1000;
const record = { fingerprint: 'f1', answer: { status: 201, json: { _id: 'p1' } } };
const action = { Put: { TableName: table, Item: { pk: 'x', sk: 'y' } } };

describe('idempotencyRepository', () => {
  it('reads a remembered answer strongly consistently, under the hashed key of its route', async () => {
    // Prepare
    dynamo.on(GetCommand).resolves({
      Item: { fingerprint: 'f1', answer: JSON.stringify(record.answer), expiresAt: nowSeconds + 1 },
    });

    // Act
    const found = await idempotency.getIdempotencyRecord(scope, now);

    // Assess
    expect(found).toEqual(record);
    expect(dynamo.commandCalls(GetCommand)[0]!.args[0].input).toEqual({
      TableName: table,
      Key: { pk: 'T#r1', sk: `IDEMPOTENCY#POST /product#${hashed}` },
      ConsistentRead: true,
    });
  });

  it('keeps the platform’s own routes under the platform’s prefix', async () => {
    // Prepare
    dynamo.on(GetCommand).resolves({});

    // Act
    await idempotency.getIdempotencyRecord({ route: 'POST /reseller', key: 'key 1' }, now);

    // Assess
    expect(dynamo.commandCalls(GetCommand)[0]!.args[0].input.Key).toEqual({
      pk: 'P#IDEMPOTENCY',
      sk: `IDEMPOTENCY#POST /reseller#${hashed}`,
    });
  });

  it('treats an expired record as absent, before TTL has removed it', async () => {
    // Prepare
    dynamo.on(GetCommand).resolves({ Item: { fingerprint: 'f1', answer: '{}', expiresAt: nowSeconds - 1 } });

    // Act
    const found = await idempotency.getIdempotencyRecord(scope, now);

    // Assess
    expect(found).toBeUndefined();
  });
});

describe('transactRemembering', () => {
  it('sends the actions alone when there is nothing to remember', async () => {
    // Prepare
    dynamo.on(TransactWriteCommand).resolves({});

    // Act
    await transactRemembering(db, [action]);

    // Assess
    expect(dynamo.commandCalls(TransactWriteCommand)[0]!.args[0].input).toEqual({ TransactItems: [action] });
  });

  it('adds the record last, for a day, on the condition that the key is new or expired', async () => {
    // Prepare
    dynamo.on(TransactWriteCommand).resolves({});

    // Act
    await transactRemembering(db, [action], { scope, record });

    // Assess
    const items = dynamo.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    const put = items[1]!.Put!;
    const expiresAt = put.Item!.expiresAt as number;
    const written = put.ExpressionAttributeValues![':now'] as number;
    expect(items[0]).toEqual(action);
    expect(put).toEqual({
      TableName: table,
      Item: {
        pk: 'T#r1',
        sk: `IDEMPOTENCY#POST /product#${hashed}`,
        type: 'idempotency',
        fingerprint: 'f1',
        answer: JSON.stringify(record.answer),
        expiresAt,
      },
      ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
      ExpressionAttributeValues: { ':now': written },
    });
    expect(expiresAt - written).toBe(idempotencyLifetimeSeconds);
  });

  it('names a key taken by the record’s failed condition or by a transaction in flight', async () => {
    // Prepare
    dynamo
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled('None', 'ConditionalCheckFailed'))
      .rejectsOnce(cancelled('TransactionConflict', 'None'));

    // Act
    const first = transactRemembering(db, [action], { scope, record });
    const second = transactRemembering(db, [action], { scope, record });

    // Assess
    await expect(first).rejects.toBeInstanceOf(IdempotencyKeyTaken);
    await expect(second).rejects.toBeInstanceOf(IdempotencyKeyTaken);
  });

  it('leaves another action’s failed condition to the caller', async () => {
    // Prepare
    const failure = cancelled('ConditionalCheckFailed', 'None');
    dynamo.on(TransactWriteCommand).rejects(failure);

    // Act
    const written = transactRemembering(db, [action], { scope, record });

    // Assess
    await expect(written).rejects.toBe(failure);
  });
});
