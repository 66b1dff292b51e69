import { createHash } from 'node:crypto';
import { GetCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import {
  IdempotencyKeyTaken,
  type IdempotencyRecord,
  type IdempotencyScope,
  type Remember,
} from '#app/ports/store';
import { cancellationCodes } from './cancellation.ts';
import type { Db } from './db.ts';
import { tenant } from './keys.ts';

/**
 * Where a creating route remembers its first answer to an `Idempotency-Key` (docs/architecture.md,
 * "Idempotent creation"): one item in the tenant's partition, written in the same transaction as
 * what the request creates, on the condition that the key is new. So the object and the memory of
 * having made it exist together or not at all, and of two concurrent first attempts only one
 * commits. The item keeps the answer itself, not a pointer: a retry gets what the first attempt
 * answered even after the object was billed, deleted or changed. DynamoDB's TTL (`expiresAt`)
 * removes it after a day; until then an expired record counts as absent.
 *
 * (POST /invoice needs no record: its invoice id is derived from the key and the invoice keeps the
 * fingerprint, see packages/app/src/invoices/invoice-idempotency.ts.)
 */

/** How long a key is remembered: a client's retries of one request are minutes apart, not days. */
export const idempotencyLifetimeSeconds = 24 * 60 * 60;

/** The key is hashed: it is the client's text, of any visible characters, and keys sort by it. */
const recordKey = ({ reseller, route, key }: IdempotencyScope) => ({
  pk: reseller === undefined ? 'P#IDEMPOTENCY' : tenant(reseller),
  sk: `IDEMPOTENCY#${route}#${createHash('sha256').update(key).digest('hex')}`,
});

const epochSeconds = (now: Date): number => Math.floor(now.getTime() / 1000);

/** The record's Put, to go into the creating transaction: fails when the key is already taken. */
const idempotencyRecordPut = (
  db: Db,
  scope: IdempotencyScope,
  record: IdempotencyRecord,
  now = new Date(),
) => ({
  Put: {
    TableName: db.tableName,
    Item: {
      ...recordKey(scope),
      type: 'idempotency',
      fingerprint: record.fingerprint,
      // A string, so that the answer comes back exactly as it was sent.
      answer: JSON.stringify(record.answer),
      expiresAt: epochSeconds(now) + idempotencyLifetimeSeconds,
    },
    ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
    ExpressionAttributeValues: { ':now': epochSeconds(now) },
  },
});

/**
 * Tells whether a cancelled transaction lost the race for its key: the record's condition failed,
 * or the transaction collided with another one in flight (DynamoDB's TransactionConflict).
 */
const lostIdempotencyRace = (error: unknown, recordIndex: number): boolean => {
  const codes = cancellationCodes(error);
  if (!codes) return false;
  return (
    codes[recordIndex] === 'ConditionalCheckFailed' || codes.some((code) => code === 'TransactionConflict')
  );
};

type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

/**
 * Writes `actions` in one transaction, with the record when there is one to remember. A key already
 * taken throws IdempotencyKeyTaken and writes nothing; any other cancellation is the caller's.
 */
export const transactRemembering = async (
  db: Db,
  actions: TransactItems,
  remember?: Remember,
): Promise<void> => {
  const all = remember ? [...actions, idempotencyRecordPut(db, remember.scope, remember.record)] : actions;
  try {
    await db.client.send(new TransactWriteCommand({ TransactItems: all }));
  } catch (error) {
    if (remember && lostIdempotencyRace(error, all.length - 1)) throw new IdempotencyKeyTaken();
    throw error;
  }
};

/** The remembered answers of the creating routes. */
export const idempotencyRepository = (db: Db) => {
  const getIdempotencyRecord = async (
    scope: IdempotencyScope,
    now = new Date(),
  ): Promise<IdempotencyRecord | undefined> => {
    const { Item } = await db.client.send(
      new GetCommand({ TableName: db.tableName, Key: recordKey(scope), ConsistentRead: true }),
    );
    if (!Item || (Item.expiresAt as number) < epochSeconds(now)) return undefined;
    return { fingerprint: Item.fingerprint as string, answer: JSON.parse(Item.answer as string) };
  };
  return { getIdempotencyRecord };
};
