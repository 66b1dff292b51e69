/**
 * Registers a reseller, the tenant every customer, product price and invoice belongs to. With an
 * `Idempotency-Key` a retry answers the first reseller instead of registering a second one.
 */
import type { Clock } from '#app/ports/clock';
import type { Ids } from '#app/ports/ids';
import type { Remember, RememberedAnswer } from '#app/ports/store';
import { presentReseller } from '#domain/catalog-documents';
import { invalid } from '#domain/refusal';
import type { Reseller } from '#domain/reseller';
import {
  createOnce,
  type IdempotencyKeyOf,
  type IdempotencyRecords,
  rememberedRequest,
} from '../idempotency.ts';

export type ResellerFields = Omit<Reseller, 'id' | 'createdAt' | 'updatedAt'>;

export interface CreateResellerPorts {
  readonly resellers: { putNewReseller(reseller: Reseller, remember?: Remember): Promise<void> };
  readonly idempotency: IdempotencyRecords;
  readonly clock: Clock;
  readonly ids: Ids;
}

export const createReseller = (
  ports: CreateResellerPorts,
  { body, idempotency }: { body: ResellerFields; idempotency?: IdempotencyKeyOf },
): Promise<RememberedAnswer> =>
  // Resellers are the platform's: the key is remembered in the platform's partition.
  createOnce(ports.idempotency, rememberedRequest(idempotency, { route: 'POST /reseller' }), async () => {
    const now = ports.clock.now().toISOString();
    const { nextInvoiceNumber, ...fields } = body;
    if (nextInvoiceNumber !== undefined && body.invoiceNumbering !== 'faktura')
      throw invalid('nextInvoiceNumber', 'A next invoice number needs "invoiceNumbering": "faktura"');
    const reseller: Reseller = {
      id: ports.ids.newId(),
      ...fields,
      ...(body.invoiceNumbering === 'faktura' ? { nextInvoiceNumber: nextInvoiceNumber ?? 1 } : {}),
      createdAt: now,
      updatedAt: now,
    };
    return {
      answer: { status: 201, json: presentReseller(reseller) },
      write: (remember) => ports.resellers.putNewReseller(reseller, remember),
    };
  });
