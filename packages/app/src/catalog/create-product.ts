/**
 * Adds a product to the platform's catalogue. With an `Idempotency-Key` a retry answers the first
 * product instead of adding a second one.
 */
import type { Clock } from '#app/ports/clock';
import type { Ids } from '#app/ports/ids';
import type { Remember, RememberedAnswer } from '#app/ports/store';
import type { Caller } from '#domain/caller';
import { presentProduct } from '#domain/catalog-documents';
import type { Product } from '#domain/product';
import {
  createOnce,
  type IdempotencyKeyOf,
  type IdempotencyRecords,
  rememberedRequest,
} from '../idempotency.ts';

export type ProductFields = Omit<Product, 'id' | 'createdAt' | 'updatedAt'>;

export interface CreateProductPorts {
  readonly products: { putNewProduct(product: Product, remember?: Remember): Promise<void> };
  readonly idempotency: IdempotencyRecords;
  readonly clock: Clock;
  readonly ids: Ids;
}

export const createProduct = (
  ports: CreateProductPorts,
  { caller, body, idempotency }: { caller: Caller; body: ProductFields; idempotency?: IdempotencyKeyOf },
): Promise<RememberedAnswer> =>
  // The catalogue is the platform's: the key is remembered in the platform's partition.
  createOnce(ports.idempotency, rememberedRequest(idempotency, { route: 'POST /product' }), async () => {
    const now = ports.clock.now().toISOString();
    const product: Product = { id: ports.ids.newId(), ...body, createdAt: now, updatedAt: now };
    return {
      answer: { status: 201, json: presentProduct(product, caller.role) },
      write: (remember) => ports.products.putNewProduct(product, remember),
    };
  });
