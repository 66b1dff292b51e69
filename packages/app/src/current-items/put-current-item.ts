/**
 * Puts an item on a customer's current invoice, to be billed by the next invoice made by hand or
 * by the monthly close (recurring items). An item whose line would be beyond the money limits is
 * refused now, not found by the close. With an `Idempotency-Key` a retry answers the first item.
 */
import type { Clock } from '#app/ports/clock';
import type { Ids } from '#app/ports/ids';
import type { Remember, RememberedAnswer } from '#app/ports/store';
import type { Caller } from '#domain/caller';
import { presentCurrentItem } from '#domain/catalog-documents';
import type { CurrentItem } from '#domain/current-item';
import { invoiceLine } from '#domain/invoice/invoice-line';
import { lineBeyondLimit } from '#domain/invoice/limit-refusals';
import { mayOverridePrice, usableOnNewLines } from '#domain/invoice/manual-billing';
import type { Product } from '#domain/product';
import { invalid, notFound, type Refusal, throwIfAny } from '#domain/refusal';
import {
  createOnce,
  type IdempotencyKeyOf,
  type IdempotencyRecords,
  rememberedRequest,
} from '../idempotency.ts';
import { type TenancyPorts, tenantOf, visibleCustomerIn } from '../tenancy.ts';

export type CurrentItemFields = Omit<CurrentItem, 'id' | 'reseller' | 'createdAt' | 'claimedBy'>;

export interface PutCurrentItemPorts extends TenancyPorts {
  readonly currentItems: { putNewCurrentItem(item: CurrentItem, remember?: Remember): Promise<void> };
  readonly products: { getProduct(id: string): Promise<Product | undefined> };
  readonly idempotency: IdempotencyRecords;
  readonly clock: Clock;
  readonly ids: Ids;
}

export const putCurrentItem = async (
  ports: PutCurrentItemPorts,
  { caller, body, idempotency }: { caller: Caller; body: CurrentItemFields; idempotency?: IdempotencyKeyOf },
): Promise<RememberedAnswer> => {
  // Looked up once: it scopes the key and is where the customer is read.
  const tenant = await tenantOf(ports.directory, caller, body.customer, 'customer');
  const request = tenant
    ? rememberedRequest(idempotency, { reseller: tenant, route: 'POST /invoice/current' })
    : undefined;
  // The first answer comes before any check of the current state: a retry must not fail (or put
  // on a second item) because of what the first attempt did.
  return createOnce(ports.idempotency, request, async () => {
    const [customer, product] = await Promise.all([
      visibleCustomerIn(ports.customers, caller, body.customer, tenant),
      ports.products.getProduct(body.product),
    ]);
    const problems: Refusal[] = [];
    if (!customer) problems.push(notFound('customer', 'Customer not found'));
    if (!usableOnNewLines(product))
      problems.push(notFound('product', 'Product not found or not valid for use'));
    if (!mayOverridePrice(caller.role, 'unitCost') && body.unitCost !== undefined)
      problems.push(invalid('unitCost', 'Unit cost may only be set by ADMIN'));
    if (!mayOverridePrice(caller.role, 'unitWholesale') && body.unitWholesale !== undefined)
      problems.push(invalid('unitWholesale', 'Unit wholesale may only be set by ADMIN'));
    throwIfAny(problems);
    // The close bills at most these units at these prices (pro-rating only lowers the units).
    const beyond = lineBeyondLimit(
      invoiceLine(product!, body),
      caller.role,
      (column) => body[column] !== undefined,
      (field) => field,
    );
    if (beyond) throw beyond;
    const item: CurrentItem = {
      id: ports.ids.newId(),
      reseller: customer!.reseller,
      ...body,
      createdAt: ports.clock.now().toISOString(),
    };
    return {
      answer: { status: 201, json: presentCurrentItem(item, caller.role) },
      write: (remember) => ports.currentItems.putNewCurrentItem(item, remember),
    };
  });
};
