/**
 * A reseller adds one of its customers; ADMIN adds a customer to any reseller and must say which.
 * With an `Idempotency-Key` a retry answers the first customer instead of adding a second one.
 */
import type { Clock } from '#app/ports/clock';
import type { Ids } from '#app/ports/ids';
import type { Remember, RememberedAnswer } from '#app/ports/store';
import type { Caller } from '#domain/caller';
import { presentCustomer } from '#domain/catalog-documents';
import type { Customer } from '#domain/customer';
import { accessDenied, invalid, notFound } from '#domain/refusal';
import type { Reseller } from '#domain/reseller';
import {
  createOnce,
  type IdempotencyKeyOf,
  type IdempotencyRecords,
  rememberedRequest,
} from '../idempotency.ts';

export type CustomerFields = Omit<Customer, 'id' | 'reseller' | 'createdAt' | 'updatedAt'>;

export interface CreateCustomerPorts {
  readonly customers: { putNewCustomer(customer: Customer, remember?: Remember): Promise<void> };
  readonly resellers: { getReseller(id: string): Promise<Reseller | undefined> };
  readonly idempotency: IdempotencyRecords;
  readonly clock: Clock;
  readonly ids: Ids;
}

export interface CreateCustomerInput {
  readonly caller: Caller;
  readonly body: CustomerFields & { readonly reseller?: string };
  /** Read after the tenant checks, so that a bad tenant is refused before a bad key. */
  readonly idempotency: () => IdempotencyKeyOf | undefined;
}

export const createCustomer = async (
  ports: CreateCustomerPorts,
  { caller, body, idempotency }: CreateCustomerInput,
): Promise<RememberedAnswer> => {
  const { reseller: requested, ...fields } = body;
  if (caller.role === 'ADMIN' && !requested) throw invalid('reseller', 'Reseller is required for ADMIN');
  if (caller.role === 'RESELLER' && requested && requested !== caller.reseller) throw accessDenied();
  const reseller = requested ?? caller.reseller!;
  const request = rememberedRequest(idempotency(), { reseller, route: 'POST /customer' });
  return createOnce(ports.idempotency, request, async () => {
    if (!(await ports.resellers.getReseller(reseller))) throw notFound('reseller', 'Reseller not found');
    const now = ports.clock.now().toISOString();
    const customer: Customer = { id: ports.ids.newId(), reseller, ...fields, createdAt: now, updatedAt: now };
    return {
      answer: { status: 201, json: presentCustomer(customer) },
      write: (remember) => ports.customers.putNewCustomer(customer, remember),
    };
  });
};
