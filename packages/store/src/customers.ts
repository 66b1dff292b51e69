import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Page, Remember } from '#app/ports/store';
import type { Customer } from '#domain/customer';
import { batchGetAll } from './batch-get.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import type { Db } from './db.ts';
import { directoryPut } from './directory.ts';
import { transactRemembering } from './idempotency.ts';
import { fromItem } from './item.ts';
import { customerKey, tenant } from './keys.ts';
import { queryAll } from './query-all.ts';
import { updateExisting } from './update.ts';

/** From this many customers asked for at once, the reseller's customers are read whole. */
export const readAllFrom = 1_000;

/**
 * A reseller's customers, read. Apart from the writes so that a function that only reads them
 * bundles none of the writes' commands (transactions, updates, the idempotency record).
 */
export const customerReadRepository = (db: Db) => {
  const getCustomer = async (reseller: string, id: string): Promise<Customer | undefined> => {
    const { Item } = await db.client.send(
      new GetCommand({ TableName: db.tableName, Key: customerKey(reseller, id) }),
    );
    return Item ? fromItem<Customer>(Item) : undefined;
  };

  /** Several customers of one reseller in as few round trips as DynamoDB allows, by id; the missing are absent. */
  /**
   * Many customers by id. Past `readAllFrom` of them (a month-end export names nearly every
   * customer of a reseller) the reseller's customers are queried whole, a page per megabyte,
   * instead of one BatchGetItem per hundred: 20,000 customers are some six pages, not 200 calls.
   */
  const getCustomers = async (reseller: string, ids: readonly string[]): Promise<Map<string, Customer>> => {
    const wanted = new Set(ids);
    const items =
      wanted.size >= readAllFrom
        ? (
            await queryAll(db, {
              KeyConditionExpression: 'pk = :tenant AND begins_with(sk, :prefix)',
              ExpressionAttributeValues: { ':tenant': tenant(reseller), ':prefix': 'CUSTOMER#' },
            })
          ).filter((item) => wanted.has(item.id as string))
        : await batchGetAll(
            db,
            [...wanted].map((id) => customerKey(reseller, id)),
          );
    return new Map(items.map((item) => [item.id as string, fromItem<Customer>(item)]));
  };

  return { getCustomer, getCustomers };
};

/**
 * A reseller's customers a page at a time (GET /customer, the monthly close): apart from the reads
 * by id, so that a function that only reads customers by id (an export's batches, its e-mail)
 * bundles no cursor.
 */
export const customerListingRepository = (db: Db) => {
  const listCustomers = async (reseller: string, limit: number, cursor?: string): Promise<Page<Customer>> => {
    const { Items = [], LastEvaluatedKey } = await db.client.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: 'pk = :tenant AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':tenant': tenant(reseller), ':prefix': 'CUSTOMER#' },
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor),
      }),
    );
    return { items: Items.map((item) => fromItem<Customer>(item)), cursor: encodeCursor(LastEvaluatedKey) };
  };

  return { listCustomers };
};

/** A reseller's customers: read, created and changed. */
export const customerRepository = (db: Db) => {
  /** The customer and its directory entry; with `remember`, the Idempotency-Key's answer too (idempotency.ts). */
  const putNewCustomer = (customer: Customer, remember?: Remember): Promise<void> =>
    transactRemembering(
      db,
      [
        {
          Put: {
            TableName: db.tableName,
            Item: { ...customerKey(customer.reseller, customer.id), type: 'customer', ...customer },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        directoryPut(db, { id: customer.id, kind: 'customer', reseller: customer.reseller }),
      ],
      remember,
    );

  /** Replaces the fields a PATCH names; undefined when the customer does not exist. */
  const updateCustomer = (
    reseller: string,
    id: string,
    changes: Partial<Omit<Customer, 'id' | 'reseller' | 'createdAt'>>,
  ): Promise<Customer | undefined> => updateExisting<Customer>(db, customerKey(reseller, id), changes);

  return { ...customerReadRepository(db), ...customerListingRepository(db), putNewCustomer, updateCustomer };
};
