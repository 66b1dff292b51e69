import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CurrentItem } from '#domain/current-item';
import type { Db } from '../../src/db.ts';
import { currentItemKey } from '../../src/keys.ts';

/**
 * States no store function makes, staged for tests: what a close that died partway leaves behind,
 * or items that have waited since an earlier month. The keys stay the store's own.
 */
type ItemRef = Pick<CurrentItem, 'id' | 'reseller' | 'customer'>;

/** The item as a period invoice's claim leaves it before the invoice is written. */
export const claimCurrentItem = (db: Db, item: ItemRef, invoice: string) =>
  db.client.send(
    new UpdateCommand({
      TableName: db.tableName,
      Key: currentItemKey(item.reseller, item.customer, item.id),
      UpdateExpression: 'SET claimedBy = :invoice',
      ExpressionAttributeValues: { ':invoice': invoice },
    }),
  );

/** The item as if it had been put on the current invoice at `createdAt`. */
export const backdateCurrentItem = (db: Db, item: ItemRef, createdAt: string) =>
  db.client.send(
    new UpdateCommand({
      TableName: db.tableName,
      Key: currentItemKey(item.reseller, item.customer, item.id),
      UpdateExpression: 'SET createdAt = :at',
      ExpressionAttributeValues: { ':at': createdAt },
    }),
  );
