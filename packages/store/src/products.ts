import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Product } from '#domain/product';
import { batchGetAll } from './batch-get.ts';
import { documentClient, tableName } from './client.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { type Remember, transactRemembering } from './idempotency.ts';
import { fromItem } from './item.ts';
import { productIndexKey, productKey } from './keys.ts';
import type { Page } from './resellers.ts';
import { updateExisting } from './update.ts';

/** A new product; with `remember`, the Idempotency-Key's answer in the same transaction (idempotency.ts). */
export const putNewProduct = (product: Product, remember?: Remember): Promise<void> =>
  transactRemembering(
    [
      {
        Put: {
          TableName: tableName(),
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

export const getProduct = async (id: string): Promise<Product | undefined> => {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName(), Key: productKey(id) }));
  return Item ? fromItem<Product>(Item) : undefined;
};

/** The products of an invoice's lines, in as few round trips as DynamoDB allows. */
export const getProducts = async (ids: readonly string[]): Promise<Map<string, Product>> => {
  const items = await batchGetAll([...new Set(ids)].map(productKey));
  return new Map(items.map((item) => [item.id as string, fromItem<Product>(item)]));
};

/** The catalogue in product-code order, a page at a time. */
export const listProducts = async (limit: number, cursor?: string): Promise<Page<Product>> => {
  const { Items = [], LastEvaluatedKey } = await documentClient.send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :catalogue',
      ExpressionAttributeValues: { ':catalogue': productIndexKey('', '').gsi1pk },
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor),
    }),
  );
  return { items: Items.map((item) => fromItem<Product>(item)), cursor: encodeCursor(LastEvaluatedKey) };
};

export const updateProduct = (
  id: string,
  changes: Partial<Omit<Product, 'id' | 'createdAt'>>,
): Promise<Product | undefined> => {
  const reindex = changes.productCode ? productIndexKey(changes.productCode, id) : {};
  return updateExisting<Product>(productKey(id), { ...changes, ...reindex });
};
