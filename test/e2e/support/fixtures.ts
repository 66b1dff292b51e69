import type { FakturaClient } from '#client/client';
import { as, type StackTarget, tokenFor } from './api.ts';
import { clientFor, type RequestBody } from './typed-api.ts';

/**
 * Builds a fresh tenant through the public API, as an operator would: a reseller with one
 * customer, plus tokens for the reseller's staff and the customer's user. Each test file makes its
 * own tenants, so files do not depend on each other's data.
 */
export const admin = async (target?: StackTarget) =>
  as(await tokenFor({ role: 'ADMIN', email: 'ops@faktura.local' }, target), target);

/** The platform through the typed client (./typed-api.ts). */
export const adminClient = async (target?: StackTarget): Promise<FakturaClient> =>
  clientFor(await tokenFor({ role: 'ADMIN', email: 'ops@faktura.local' }, target), target);

let sequence = 0;

export interface Tenant {
  readonly reseller: string;
  readonly customer: string;
  readonly resellerApi: ReturnType<typeof as>;
  readonly userApi: ReturnType<typeof as>;
  /** The same callers through the typed client, each answer held to the reference (./typed-api.ts). */
  readonly resellerClient: FakturaClient;
  readonly userClient: FakturaClient;
}

export interface TenantOptions {
  /** Another local stack than the global setup's. */
  readonly target?: StackTarget;
  /** The reseller's language (default Danish). */
  readonly language?: 'da' | 'en';
  /** The reseller's customer number in the platform's own books (adminMode exports). */
  readonly accountingSystemId?: string;
  /** The reseller's own invoice number series (docs/invoice-numbering.md), starting at `next`. */
  readonly numbering?: { readonly next?: number };
}

export const createTenant = async (label = 'Test', options: TenantOptions = {}): Promise<Tenant> => {
  const { target } = options;
  const platform = await adminClient(target);
  sequence += 1;
  const reseller = await platform.POST('/reseller', {
    body: {
      name: `${label} Reseller ${sequence}`,
      email: `staff${sequence}@reseller.example`,
      ...(options.language ? { language: options.language } : {}),
      finance: {
        accountingEmail: `books${sequence}@reseller.example`,
        ...(options.accountingSystemId ? { accountingSystemId: options.accountingSystemId } : {}),
      },
      ...(options.numbering
        ? {
            invoiceNumbering: 'faktura' as const,
            ...(options.numbering.next === undefined ? {} : { nextInvoiceNumber: options.numbering.next }),
          }
        : {}),
    },
  });
  if (!reseller.data)
    throw new Error(`reseller: ${reseller.response.status} ${JSON.stringify(reseller.error)}`);
  const customer = await platform.POST('/customer', {
    body: {
      reseller: reseller.data._id,
      name: `${label} Customer ${sequence}`,
      email: `customer${sequence}@example.dk`,
      finance: { accountingSystemId: String(1000 + sequence) },
    },
  });
  if (!customer.data)
    throw new Error(`customer: ${customer.response.status} ${JSON.stringify(customer.error)}`);
  const staffToken = await tokenFor(
    { role: 'RESELLER', reseller: reseller.data._id, email: `staff${sequence}@reseller.example` },
    target,
  );
  const userToken = await tokenFor(
    { role: 'USER', reseller: reseller.data._id, customer: customer.data._id },
    target,
  );
  return {
    reseller: reseller.data._id,
    customer: customer.data._id,
    resellerApi: as(staffToken, target),
    userApi: as(userToken, target),
    resellerClient: clientFor(staffToken, target),
    userClient: clientFor(userToken, target),
  };
};

export const createProduct = async (
  fields: Partial<RequestBody<'/product', 'post'>> = {},
  target?: StackTarget,
) => {
  const platform = await adminClient(target);
  sequence += 1;
  const product = await platform.POST('/product', {
    body: {
      productCode: `T${Date.now().toString(36)}${sequence}`.slice(0, 25),
      name: `Test product ${sequence}`,
      unitType: 'UNITS',
      unitCost: 10,
      unitWholesale: 20,
      unitPrice: 25,
      kind: 'subscription',
      ...fields,
    },
  });
  if (!product.data) throw new Error(`product: ${product.response.status} ${JSON.stringify(product.error)}`);
  return product.data;
};
