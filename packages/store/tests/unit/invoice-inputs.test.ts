import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { item, product } from '../../../domain/tests/unit/monthly-close/fixtures.ts';
import { invoiceInputRepository } from '../../src/invoice-inputs.ts';
import { mockedDb, table } from '../support/mocked-db.ts';

const { db, dynamo } = mockedDb();
const inputs = invoiceInputRepository(db);
afterEach(() => dynamo.reset());

describe('invoiceInputRepository.loadInvoiceInputs', () => {
  it('reads the reseller, the customer, the products and the current items in one consistent BatchGet, each key once', async () => {
    // Prepare
    const customer = { id: 'c1', reseller: 'r1', name: 'Kunde', finance: {}, createdAt: 'x', updatedAt: 'x' };
    const current = item({ id: 'i1', reseller: 'r1', customer: 'c1' });
    const reseller = { id: 'r1', name: 'Nordlys', invoiceNumbering: 'faktura', nextInvoiceNumber: 7 };
    dynamo.on(BatchGetCommand).resolves({
      Responses: {
        [table]: [
          { pk: 'T#r1', sk: 'RESELLER', type: 'reseller', ...reseller },
          { pk: 'T#r1', sk: 'CUSTOMER#c1', type: 'customer', ...customer },
          { pk: 'P#PRODUCT#product-1', sk: 'PRODUCT', type: 'product', ...product() },
          { pk: 'T#r1', sk: 'CURRENT#c1#i1', type: 'current-item', ...current },
        ],
      },
    });

    // Act
    const loaded = await inputs.loadInvoiceInputs('r1', 'c1', ['product-1', 'product-1'], ['i1', 'i2']);

    // Assess
    expect(loaded).toEqual({
      reseller,
      customer,
      products: new Map([['product-1', product()]]),
      currentItems: new Map([['i1', current]]),
    });
    expect(dynamo.commandCalls(BatchGetCommand)[0]!.args[0].input).toEqual({
      RequestItems: {
        [table]: {
          Keys: [
            { pk: 'T#r1', sk: 'RESELLER' },
            { pk: 'T#r1', sk: 'CUSTOMER#c1' },
            { pk: 'P#PRODUCT#product-1', sk: 'PRODUCT' },
            { pk: 'T#r1', sk: 'CURRENT#c1#i1' },
            { pk: 'T#r1', sk: 'CURRENT#c1#i2' },
          ],
          ConsistentRead: true,
        },
      },
    });
  });
});
