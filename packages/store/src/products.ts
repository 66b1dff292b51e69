import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Page, Remember } from '#app/ports/store';
import type { Product } from '#domain/product';
import { batchGetAll } from './batch-get.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import type { Db } from './db.ts';
import { transactRemembering } from './idempotency.ts';
import { fromItem } from './item.ts';
import { productIndexKey, productKey } from './keys.ts';
import { updateExisting } from './update.ts';

/**
 * The platform's product catalogue, read. Apart from the writes so that a function that only reads
 * it bundles none of the writes' commands (transactions, updates, the idempotency record).
 */
export const productReadRepository = (db: Db) => {
  const getProduct = async (id: string): Promise<Product | undefined> => {
    const { Item } = await db.client.send(new GetCommand({ TableName: db.tableName, Key: productKey(id) }));
    return Item ? fromItem<Product>(Item) : undefined;
  };

  /** The products of an invoice's lines, in as few round trips as DynamoDB allows. */
  const getProducts = async (ids: readonly string[]): Promise<Map<string, Product>> => {
    const items = await batchGetAll(db, ids.map(productKey));
    return new Map(items.map((item) => [item.id as string, fromItem<Product>(item)]));
  };

  /** The catalogue in product-code order, a page at a time. */
  const listProducts = async (limit: number, cursor?: string): Promise<Page<Product>> => {
    const { Items = [], LastEvaluatedKey } = await db.client.send(
      new QueryCommand({
        TableName: db.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :catalogue',
        ExpressionAttributeValues: { ':catalogue': productIndexKey('', '').gsi1pk },
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor),
      }),
    );
    return { items: Items.map((item) => fromItem<Product>(item)), cursor: encodeCursor(LastEvaluatedKey) };
  };

  return { getProduct, getProducts, listProducts };
};

/** The platform's product catalogue: read, created and changed. */
export const productRepository = (db: Db) => {
  /** A new product; with `remember`, the Idempotency-Key's answer in the same transaction (idempotency.ts). */
  const putNewProduct = (product: Product, remember?: Remember): Promise<void> =>
    transactRemembering(
      db,
      [
        {
          Put: {
            TableName: db.tableName,
            Item: {
              ...productKey(product.id),
              ...productIndexKey(product.productCode, product.id),
              type: 'product',
              ...product,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ],
      remember,
    );

  const updateProduct = (
    id: string,
    changes: Partial<Omit<Product, 'id' | 'createdAt'>>,
  ): Promise<Product | undefined> => {
    const reindex = changes.productCode ? productIndexKey(changes.productCode, id) : {};
    return updateExisting<Product>(db, productKey(id), { ...changes, ...reindex });
  };

  return { ...productReadRepository(db), putNewProduct, updateProduct };
};
