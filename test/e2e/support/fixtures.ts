import { as, tokenFor } from './api.ts';

/**
 * Builds a fresh tenant through the public API, as an operator would: a reseller with one
 * customer, plus tokens for the reseller's staff and the customer's user. Each test file makes its
 * own tenants, so files do not depend on each other's data.
 */
export const admin = async () => as(await tokenFor({ role: 'ADMIN', email: 'ops@faktura.local' }));

let sequence = 0;

export interface Tenant {
  readonly reseller: string;
  readonly customer: string;
  readonly resellerApi: ReturnType<typeof as>;
  readonly userApi: ReturnType<typeof as>;
}

export const createTenant = async (label = 'Test'): Promise<Tenant> => {
  const platform = await admin();
  sequence += 1;
  const reseller = await platform.post('/reseller', {
    name: `${label} Reseller ${sequence}`,
    email: `staff${sequence}@reseller.example`,
    finance: { accountingEmail: `books${sequence}@reseller.example` },
  });
  if (reseller.status !== 201) throw new Error(`reseller: ${reseller.status} ${reseller.text}`);
  const customer = await platform.post('/customer', {
    reseller: reseller.body._id,
    name: `${label} Customer ${sequence}`,
    email: `customer${sequence}@example.dk`,
    finance: { accountingSystemId: String(1000 + sequence) },
  });
  if (customer.status !== 201) throw new Error(`customer: ${customer.status} ${customer.text}`);
  return {
    reseller: reseller.body._id,
    customer: customer.body._id,
    resellerApi: as(
      await tokenFor({
        role: 'RESELLER',
        reseller: reseller.body._id,
        email: `staff${sequence}@reseller.example`,
      }),
    ),
    userApi: as(await tokenFor({ role: 'USER', reseller: reseller.body._id, customer: customer.body._id })),
  };
};

export const createProduct = async (fields: Record<string, unknown> = {}) => {
  const platform = await admin();
  sequence += 1;
  const product = await platform.post('/product', {
    productCode: `T${Date.now().toString(36)}${sequence}`.slice(0, 25),
    name: `Test product ${sequence}`,
    unitType: 'UNITS',
    unitCost: 10,
    unitWholesale: 20,
    unitPrice: 25,
    kind: 'subscription',
    ...fields,
  });
  if (product.status !== 201) throw new Error(`product: ${product.status} ${product.text}`);
  return product.body as { _id: string; productCode: string };
};
