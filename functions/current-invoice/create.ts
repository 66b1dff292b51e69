/**
 * POST /invoice/current: puts an item on a customer's current invoice, to be billed by the next
 * invoice (by hand) or the monthly close (recurring items). Cost and wholesale overrides are the
 * platform's (ADMIN) to set, as on invoice lines; a reseller may override the customer's price.
 */
import type { CurrentItem } from '#domain/current-item';
import { newId } from '#domain/ids';
import { type ApiError, invalid, notFound, throwIfAny } from '#lambda/errors';
import { httpHandler } from '#lambda/http-handler';
import { putNewCurrentItem } from '#store/current-items';
import { getProduct } from '#store/products';
import { currentItemDocument } from '../commons/documents.ts';
import { findVisibleCustomer } from '../commons/tenancy.ts';
import { createCurrentItemBody, presentCurrentItem } from './schemas.ts';

export const handler = httpHandler({
  access: ['ADMIN', 'RESELLER'],
  docs: {
    summary: 'Put an item on a customer’s current invoice',
    description: 'Recurring items stay and are billed by each monthly close; one-off items are billed once.',
    responses: {
      201: { description: 'The new item', schema: currentItemDocument },
      404: { description: '`customer` or `product` (also for a barred product)' },
    },
  },
  body: createCurrentItemBody,
  handle: async ({ caller, body }) => {
    const [customer, product] = await Promise.all([
      findVisibleCustomer(caller, body.customer),
      getProduct(body.product),
    ]);
    const problems: ApiError[] = [];
    if (!customer) problems.push(notFound('customer', 'Customer not found'));
    if (!product || product.barred)
      problems.push(notFound('product', 'Product not found or not valid for use'));
    if (caller.role !== 'ADMIN' && body.unitCost !== undefined)
      problems.push(invalid('unitCost', 'Unit cost may only be set by ADMIN'));
    if (caller.role !== 'ADMIN' && body.unitWholesale !== undefined) {
      problems.push(invalid('unitWholesale', 'Unit wholesale may only be set by ADMIN'));
    }
    throwIfAny(problems);
    const item: CurrentItem = {
      id: newId(),
      reseller: customer!.reseller,
      ...body,
      createdAt: new Date().toISOString(),
    };
    await putNewCurrentItem(item);
    return { status: 201, json: presentCurrentItem(item, caller.role) };
  },
});
