import {
  BatchGetCommand,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { product as productOf } from '../../../domain/tests/unit/monthly-close/fixtures.ts';
import { productRepository } from '../../src/products.ts';
import { conditionFailed, mockedDb, table } from '../support/mocked-db.ts';

const { db, dynamo } = mockedDb();
const products = productRepository(db);
afterEach(() => dynamo.reset());

const product = productOf();
const stored = { pk: 'P#PRODUCT#product-1', sk: 'PRODUCT', type: 'product', ...product };

describe('productRepository', () => {
  it('puts a new product, indexed by product code, on the condition that it is new', async () => {
    // Prepare
    dynamo.on(TransactWriteCommand).resolves({});

    // Act
    await products.putNewProduct(product);

    // Assess
    expect(dynamo.commandCalls(TransactWriteCommand)[0]!.args[0].input).toEqual({
      TransactItems: [
        {
          Put: {
            TableName: table,
            Item: { ...stored, gsi1pk: 'P#PRODUCTS', gsi1sk: 'ABON1#product-1' },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ],
    });
  });

  it('gets one product by id', async () => {
    // Prepare
    dynamo.on(GetCommand).resolves({ Item: stored });

    // Act
    const found = await products.getProduct('product-1');

    // Assess
    expect(found).toEqual(product);
    expect(dynamo.commandCalls(GetCommand)[0]!.args[0].input).toEqual({
      TableName: table,
      Key: { pk: 'P#PRODUCT#product-1', sk: 'PRODUCT' },
    });
  });

  it('gets the products of an invoice’s lines in one BatchGet, each once', async () => {
    // Prepare
    dynamo.on(BatchGetCommand).resolves({ Responses: { [table]: [stored] } });

    // Act
    const found = await products.getProducts(['product-1', 'product-1']);

    // Assess
    expect(found.get('product-1')).toEqual(product);
    expect(dynamo.commandCalls(BatchGetCommand)[0]!.args[0].input).toEqual({
      RequestItems: { [table]: { Keys: [{ pk: 'P#PRODUCT#product-1', sk: 'PRODUCT' }] } },
    });
  });

  it('lists the catalogue in product-code order', async () => {
    // Prepare
    dynamo.on(QueryCommand).resolves({ Items: [stored] });

    // Act
    const page = await products.listProducts(25);

    // Assess
    expect(page.items).toEqual([product]);
    expect(dynamo.commandCalls(QueryCommand)[0]!.args[0].input).toEqual({
      TableName: table,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :catalogue',
      ExpressionAttributeValues: { ':catalogue': 'P#PRODUCTS' },
      Limit: 25,
      ExclusiveStartKey: undefined,
    });
  });

  it('re-indexes a product whose code changes, and answers undefined for one that does not exist', async () => {
    // Prepare
    dynamo.on(UpdateCommand).rejects(conditionFailed());

    // Act
    const updated = await products.updateProduct('product-1', { productCode: 'NEW' });

    // Assess
    expect(updated).toBeUndefined();
    expect(dynamo.commandCalls(UpdateCommand)[0]!.args[0].input).toEqual({
      TableName: table,
      Key: { pk: 'P#PRODUCT#product-1', sk: 'PRODUCT' },
      UpdateExpression: 'SET #f0 = :v0, #f1 = :v1, #f2 = :v2',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#f0': 'productCode', '#f1': 'gsi1pk', '#f2': 'gsi1sk' },
      ExpressionAttributeValues: { ':v0': 'NEW', ':v1': 'P#PRODUCTS', ':v2': 'NEW#product-1' },
      ReturnValues: 'ALL_NEW',
    });
  });
});
