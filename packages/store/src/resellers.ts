import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type Page, type Remember, ResellerExistsError } from '#app/ports/store';
import type { Reseller } from '#domain/reseller';
import { decodeCursor, encodeCursor } from './cursor.ts';
import type { Db } from './db.ts';
import { transactRemembering } from './idempotency.ts';
import { fromItem } from './item.ts';
import { resellerIndexKey, resellerKey } from './keys.ts';

interface ResellerItem extends Reseller {
  readonly pk: string;
  readonly sk: string;
  readonly gsi1pk: string;
  readonly gsi1sk: string;
  readonly type: 'reseller';
}

const toReseller = (item: Record<string, unknown>): Reseller => fromItem<Reseller>(item);

/** The platform's resellers (the tenants). */
export const resellerRepository = (db: Db) => {
  /** A new reseller; with `remember`, the Idempotency-Key's answer in the same transaction (idempotency.ts). */
  const putNewReseller = async (reseller: Reseller, remember?: Remember): Promise<void> => {
    const item: ResellerItem = {
      ...resellerKey(reseller.id),
      ...resellerIndexKey(reseller.id),
      type: 'reseller',
      ...reseller,
    };
    try {
      await transactRemembering(
        db,
        [{ Put: { TableName: db.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } }],
        remember,
      );
    } catch (error) {
      const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
      if (
        (error as Error).name === 'TransactionCanceledException' &&
        reasons?.[0]?.Code === 'ConditionalCheckFailed'
      )
        throw new ResellerExistsError(reseller.id);
      throw error;
    }
  };

  const getReseller = async (id: string): Promise<Reseller | undefined> => {
    const { Item } = await db.client.send(
      new GetCommand({ TableName: db.tableName, Key: resellerKey(id), ConsistentRead: true }),
    );
    return Item ? toReseller(Item) : undefined;
  };

  const listResellers = async (limit: number, cursor?: string): Promise<Page<Reseller>> => {
    const { Items = [], LastEvaluatedKey } = await db.client.send(
      new QueryCommand({
        TableName: db.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :platform',
        ExpressionAttributeValues: { ':platform': resellerIndexKey('').gsi1pk },
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor),
      }),
    );
    return { items: Items.map((item) => toReseller(item)), cursor: encodeCursor(LastEvaluatedKey) };
  };

  return { putNewReseller, getReseller, listResellers };
};
