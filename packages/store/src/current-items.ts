import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { CurrentItem } from '#domain/current-item';
import { documentClient, tableName } from './client.ts';
import { directoryDelete, directoryPut } from './directory.ts';
import { type Remember, transactRemembering } from './idempotency.ts';
import { fromItem } from './item.ts';
import { currentItemKey, currentItemsPrefix, tenant } from './keys.ts';
import { queryAll } from './query-all.ts';

/**
 * Puts an item on the current invoice with its directory entry; with `remember`, also the answer to
 * the request's Idempotency-Key, in the same transaction: a key already taken throws
 * IdempotencyKeyTaken and puts nothing on.
 */
export const putNewCurrentItem = (item: CurrentItem, remember?: Remember): Promise<void> =>
  transactRemembering(
    [
      {
        Put: {
          TableName: tableName(),
          Item: { ...currentItemKey(item.reseller, item.customer, item.id), type: 'current-item', ...item },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      directoryPut({ id: item.id, kind: 'current-item', reseller: item.reseller, customer: item.customer }),
    ],
    remember,
  );

export const listCurrentItems = async (reseller: string, customer: string): Promise<CurrentItem[]> =>
  (
    await queryAll({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :tenant AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':tenant': tenant(reseller), ':prefix': currentItemsPrefix(customer) },
    })
  ).map((item) => fromItem<CurrentItem>(item));

/**
 * Removes an item from the current invoice, with its directory entry, in one transaction; false
 * when it was already gone (taken into an invoice, or deleted by someone else meanwhile) or is
 * being billed by the monthly close.
 */
export const deleteCurrentItem = async (
  item: Pick<CurrentItem, 'id' | 'reseller' | 'customer'>,
): Promise<boolean> => {
  try {
    await documentClient.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Delete: {
              TableName: tableName(),
              Key: currentItemKey(item.reseller, item.customer, item.id),
              // A claimed item is being billed by a period invoice right now (period-invoices.ts).
              ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(claimedBy)',
            },
          },
          directoryDelete(item.id),
        ],
      }),
    );
    return true;
  } catch (error) {
    if ((error as Error).name === 'TransactionCanceledException') return false;
    throw error;
  }
};
