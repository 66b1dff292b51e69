import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Customer } from '#domain/customer';
import { documentClient, tableName } from './client.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { directoryPut } from './directory.ts';
import { type Remember, transactRemembering } from './idempotency.ts';
import { fromItem } from './item.ts';
import { customerKey, tenant } from './keys.ts';
import type { Page } from './resellers.ts';
import { updateExisting } from './update.ts';

/** The customer and its directory entry; with `remember`, the Idempotency-Key's answer too (idempotency.ts). */
export const putNewCustomer = (customer: Customer, remember?: Remember): Promise<void> =>
  transactRemembering(
    [
      {
        Put: {
          TableName: tableName(),
          Item: { ...customerKey(customer.reseller, customer.id), type: 'customer', ...customer },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      directoryPut({ id: customer.id, kind: 'customer', reseller: customer.reseller }),
    ],
    remember,
  );

export const getCustomer = async (reseller: string, id: string): Promise<Customer | undefined> => {
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: tableName(), Key: customerKey(reseller, id) }),
  );
  return Item ? fromItem<Customer>(Item) : undefined;
};

export const listCustomers = async (
  reseller: string,
  limit: number,
  cursor?: string,
): Promise<Page<Customer>> => {
  const { Items = [], LastEvaluatedKey } = await documentClient.send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :tenant AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':tenant': tenant(reseller), ':prefix': 'CUSTOMER#' },
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor),
    }),
  );
  return { items: Items.map((item) => fromItem<Customer>(item)), cursor: encodeCursor(LastEvaluatedKey) };
};

/** Replaces the fields a PATCH names; undefined when the customer does not exist. */
export const updateCustomer = (
  reseller: string,
  id: string,
  changes: Partial<Omit<Customer, 'id' | 'reseller' | 'createdAt'>>,
): Promise<Customer | undefined> => updateExisting<Customer>(customerKey(reseller, id), changes);
