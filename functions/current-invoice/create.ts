/**
 * POST /invoice/current: puts an item on a customer's current invoice, to be billed by the next
 * invoice (by hand) or the monthly close (recurring items). Cost and wholesale overrides are the
 * platform's (ADMIN) to set, as on invoice lines; a reseller may override the customer's price.
 * An item whose line would be beyond the money limits is refused now, not found by the close. An
 * `Idempotency-Key` header makes a retry answer the first item instead of putting on a second one.
 */

import { currentItemDocument } from '#api/documents';
import type { CurrentItem } from '#domain/current-item';
import { newId } from '#domain/ids';
import { invoiceLine } from '#domain/invoice/invoice-line';
import { type ApiError, invalid, notFound, throwIfAny } from '#lambda/errors';
import { httpHandler } from '#lambda/http-handler';
import { readIdempotencyKey } from '#lambda/idempotency';
import { currentItemStore, directoryStore, productStore } from '#wiring/store';
import { createOnce, rememberedRequest } from '../commons/idempotency.ts';
import { lineBeyondLimit } from '../commons/money-limits.ts';
import { findVisibleCustomer } from '../commons/tenancy.ts';
import { createCurrentItemBody, presentCurrentItem } from './schemas.ts';

const route = 'POST /invoice/current';

export const handler = httpHandler({
  access: ['ADMIN', 'RESELLER'],
  docs: {
    summary: 'Put an item on a customer’s current invoice',
    idempotencyKey: true,
    description: [
      'Recurring items stay and are billed by each monthly close; one-off items are billed once.',
      'An item whose line (units × each unit amount, the product’s or the override) would be beyond 10,000,000,000 kr is refused (`422 units` or the price field that makes it so).',
      'Send an `Idempotency-Key` header to make retries safe: the same key and body (in any key order) answer the first item for 24 hours, even after it was billed or deleted; the same key with another body, or from another user, is `422 Idempotency-Key`.',
    ].join('\n\n'),
    responses: {
      201: {
        description: 'The new item, or the first answer to a retried Idempotency-Key',
        schema: currentItemDocument,
      },
      404: { description: '`customer` or `product` (also for a barred product)' },
      409: { description: '`Idempotency-Key`: another request with the key is still in progress' },
      422: { description: 'A field; `units` or a price beyond the line limit; `Idempotency-Key`' },
    },
  },
  body: createCurrentItemBody,
  handle: async ({ caller, body, event }) => {
    const key = readIdempotencyKey(event.headers);
    const tenant = caller.reseller ?? (await directoryStore.lookUp(body.customer, 'customer'))?.reseller;
    const idempotency =
      key && tenant ? rememberedRequest({ reseller: tenant, route, key }, body, caller) : undefined;
    // The first answer comes before any check of the current state: a retry must not fail (or put
    // on a second item) because of what the first attempt did.
    return createOnce(idempotency, async () => {
      const [customer, product] = await Promise.all([
        findVisibleCustomer(caller, body.customer),
        productStore.getProduct(body.product),
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
      // The close bills at most these units at these prices (pro-rating only lowers the units).
      const beyond = lineBeyondLimit(
        invoiceLine(product!, body),
        caller,
        (column) => body[column] !== undefined,
        (field) => field,
      );
      if (beyond) throw beyond;

      const item: CurrentItem = {
        id: newId(),
        reseller: customer!.reseller,
        ...body,
        createdAt: new Date().toISOString(),
      };
      return {
        answer: { status: 201, json: presentCurrentItem(item, caller.role) },
        write: (remember) => currentItemStore.putNewCurrentItem(item, remember),
      };
    });
  },
});
