import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Remember } from '#app/ports/store';
import type { CurrentItem } from '#domain/current-item';
import type { Db } from './db.ts';
import { directoryDelete, directoryPut } from './directory.ts';
import { transactRemembering } from './idempotency.ts';
import { fromItem } from './item.ts';
import { currentItemKey, currentItemsPrefix, tenant } from './keys.ts';
import { queryAll } from './query-all.ts';

/**
 * The items on a customer's current invoice, read. Apart from the writes so that a function that
 * only lists them bundles none of the writes' commands (transactions, the idempotency record).
 */
export const currentItemReadRepository = (db: Db) => {
  const listCurrentItems = async (reseller: string, customer: string): Promise<CurrentItem[]> =>
    (
      await queryAll(db, {
        KeyConditionExpression: 'pk = :tenant AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':tenant': tenant(reseller), ':prefix': currentItemsPrefix(customer) },
      })
    ).map((item) => fromItem<CurrentItem>(item));

  return { listCurrentItems };
};

/** The items on a customer's current invoice, waiting to be billed: read, put on and taken off. */
export const currentItemRepository = (db: Db) => {
  /**
   * Puts an item on the current invoice with its directory entry; with `remember`, also the answer to
   * the request's Idempotency-Key, in the same transaction: a key already taken throws
   * IdempotencyKeyTaken and puts nothing on.
   */
  const putNewCurrentItem = (item: CurrentItem, remember?: Remember): Promise<void> =>
    transactRemembering(
      db,
      [
        {
          Put: {
            TableName: db.tableName,
            Item: { ...currentItemKey(item.reseller, item.customer, item.id), type: 'current-item', ...item },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        directoryPut(db, {
          id: item.id,
          kind: 'current-item',
          reseller: item.reseller,
          customer: item.customer,
        }),
      ],
      remember,
    );

  /**
   * Removes an item from the current invoice, with its directory entry, in one transaction; false
   * when it was already gone (taken into an invoice, or deleted by someone else meanwhile) or is
   * being billed by the monthly close.
   */
  const deleteCurrentItem = async (
    item: Pick<CurrentItem, 'id' | 'reseller' | 'customer'>,
  ): Promise<boolean> => {
    try {
      await db.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Delete: {
                TableName: db.tableName,
                Key: currentItemKey(item.reseller, item.customer, item.id),
                // A claimed item is being billed by a period invoice right now (period-invoices.ts).
                ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(claimedBy)',
              },
            },
            directoryDelete(db, item.id),
          ],
        }),
      );
      return true;
    } catch (error) {
      if ((error as Error).name === 'TransactionCanceledException') return false;
      throw error;
    }
  };

  return { ...currentItemReadRepository(db), putNewCurrentItem, deleteCurrentItem };
};
