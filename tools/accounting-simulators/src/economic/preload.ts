import * as z from 'zod';
import { ControlError, parseControlInput } from '../kit/control.ts';
import { buildDraft } from './draft-orders.ts';
import {
  AgreementData,
  type CustomerRecord,
  type customerStringFields,
  type PaymentTermsRecord,
  type ProductRecord,
  paymentTermsTypes,
} from './model.ts';
import { Renderer } from './render.ts';
import { type EconomicSchemaName, validateResponse } from './schemas.ts';

/**
 * Master data and drafts for one agreement, in e-conomic's read shapes without the links (a
 * reference may be the bare number: `customerGroup: 1` or `customerGroup: {customerGroupNumber: 1}`).
 * Entries replace those with the same number. The whole preload is applied or nothing: every
 * entity must render into its read schema (`*.get.schema.json`) and every reference must exist
 * (in the agreement or in the same preload).
 */
const numberRef = <K extends string>(key: K) =>
  z
    .union([z.number().int(), z.object({ [key]: z.number().int() } as Record<K, z.ZodNumber>)])
    .transform((value) => (typeof value === 'number' ? value : (value as Record<K, number>)[key]));

const vatZoneInput = z.object({
  vatZoneNumber: z.number().int(),
  name: z.string(),
  enabledForCustomer: z.boolean().optional(),
  enabledForSupplier: z.boolean().optional(),
  /** Simulator only: VAT in percent for drafts in this zone (default 25). */
  vatRate: z.number().min(0).max(100).optional(),
});

const paymentTermsInput = z.object({
  paymentTermsNumber: z.number().int(),
  name: z.string(),
  paymentTermsType: z.enum(paymentTermsTypes),
  daysOfCredit: z.number().int().nonnegative().optional(),
  description: z.string().optional(),
});

const layoutInput = z.object({
  layoutNumber: z.number().int(),
  name: z.string(),
  deleted: z.boolean().optional(),
});

const customerGroupInput = z.object({
  customerGroupNumber: z.number().int(),
  name: z.string(),
  layout: numberRef('layoutNumber').optional(),
  account: numberRef('accountNumber').optional(),
});

const unitInput = z.object({ unitNumber: z.number().int(), name: z.string() });
const productGroupInput = z.object({
  productGroupNumber: z.number().int(),
  name: z.string(),
  /** VAT zone number → sales account number (docs/contracts/booking-and-vat.md Q1): which VAT a line of the group carries per zone. */
  salesAccounts: z.record(z.string().regex(/^\d+$/), z.number().int()).optional(),
});
const accountInput = z.object({
  accountNumber: z.number().int(),
  name: z.string(),
  /** The VAT code the account's sales carry; none: no VAT. */
  vatCode: z.string().optional(),
});
const vatAccountInput = z.object({
  vatCode: z.string().min(1),
  name: z.string(),
  ratePercentage: z.number().min(0).max(100),
});

const productInput = z.object({
  productNumber: z.string().min(1),
  name: z.string(),
  description: z.string().optional(),
  salesPrice: z.number().optional(),
  costPrice: z.number().optional(),
  recommendedPrice: z.number().optional(),
  barCode: z.string().optional(),
  barred: z.boolean().optional(),
  unit: numberRef('unitNumber').optional(),
  productGroup: numberRef('productGroupNumber').optional(),
  lastUpdated: z.string().optional(),
});

const customerInput = z.object({
  customerNumber: z.number().int(),
  name: z.string(),
  currency: z.string().optional(),
  customerGroup: numberRef('customerGroupNumber').optional(),
  paymentTerms: numberRef('paymentTermsNumber').optional(),
  vatZone: numberRef('vatZoneNumber').optional(),
  layout: numberRef('layoutNumber').optional(),
  attention: numberRef('customerContactNumber').optional(),
  salesPerson: numberRef('employeeNumber').optional(),
  barred: z.boolean().optional(),
  eInvoicingDisabledByDefault: z.boolean().optional(),
  creditLimit: z.number().optional(),
  lastUpdated: z.string().optional(),
  address: z.string().optional(),
  zip: z.string().optional(),
  city: z.string().optional(),
  country: z.string().optional(),
  ean: z.string().optional(),
  email: z.string().optional(),
  corporateIdentificationNumber: z.string().optional(),
  pNumber: z.string().optional(),
  vatNumber: z.string().optional(),
  mobilePhone: z.string().optional(),
  telephoneAndFaxNumber: z.string().optional(),
  website: z.string().optional(),
  publicEntryNumber: z.string().optional(),
} satisfies Record<(typeof customerStringFields)[number], z.ZodOptional<z.ZodString>> &
  Record<string, z.ZodType>);

export const economicPreloadSchema = z.object({
  /** The agreement to load into (its grant token); none: the first configured agreement. */
  agreementGrantToken: z.string().optional(),
  vatZones: z.array(vatZoneInput).optional(),
  paymentTerms: z.array(paymentTermsInput).optional(),
  layouts: z.array(layoutInput).optional(),
  customerGroups: z.array(customerGroupInput).optional(),
  units: z.array(unitInput).optional(),
  vatAccounts: z.array(vatAccountInput).optional(),
  accounts: z.array(accountInput).optional(),
  productGroups: z.array(productGroupInput).optional(),
  products: z.array(productInput).optional(),
  customers: z.array(customerInput).optional(),
  /** `POST /orders/drafts` bodies (validated the same way), each with an optional `orderNumber`. */
  drafts: z.array(z.record(z.string(), z.unknown())).optional(),
});

export type EconomicPreload = z.input<typeof economicPreloadSchema>;

const copy = (data: AgreementData): AgreementData => {
  const next = new AgreementData();
  for (const key of Object.keys(next) as (keyof AgreementData)[]) {
    const target = next[key];
    const source = data[key];
    if (target instanceof Map && source instanceof Map)
      for (const [k, v] of source) (target as Map<unknown, unknown>).set(k, v);
  }
  return next;
};

/** Applies a preload to a copy of `data` and returns it; throws `ControlError` without touching `data`. */
export const applyEconomicPreload = (
  data: AgreementData,
  input: unknown,
  context: { baseUrl: string; baseCurrency: string; now: string },
): AgreementData => {
  const preload = parseControlInput(economicPreloadSchema, input, 'e-conomic preload');
  const next = copy(data);
  const problems: string[] = [];
  const need = (exists: boolean, what: string) => {
    if (!exists) problems.push(`${what} does not exist`);
  };

  for (const zone of preload.vatZones ?? [])
    next.vatZones.set(zone.vatZoneNumber, { ...zone, vatRate: zone.vatRate ?? 25 });
  for (const terms of preload.paymentTerms ?? [])
    next.paymentTerms.set(terms.paymentTermsNumber, terms as PaymentTermsRecord);
  for (const layout of preload.layouts ?? []) next.layouts.set(layout.layoutNumber, layout);
  for (const unit of preload.units ?? []) next.units.set(unit.unitNumber, unit);
  for (const vatAccount of preload.vatAccounts ?? []) next.vatAccounts.set(vatAccount.vatCode, vatAccount);
  for (const account of preload.accounts ?? []) next.accounts.set(account.accountNumber, account);
  for (const group of preload.productGroups ?? []) {
    const { salesAccounts, ...rest } = group;
    next.productGroups.set(group.productGroupNumber, {
      ...rest,
      ...(salesAccounts
        ? {
            salesAccounts: Object.fromEntries(
              Object.entries(salesAccounts).map(([zone, n]) => [Number(zone), n]),
            ),
          }
        : {}),
    });
  }
  for (const group of preload.customerGroups ?? []) {
    next.customerGroups.set(group.customerGroupNumber, {
      customerGroupNumber: group.customerGroupNumber,
      name: group.name,
      ...(group.layout !== undefined ? { layout: { layoutNumber: group.layout } } : {}),
      ...(group.account !== undefined ? { account: { accountNumber: group.account } } : {}),
    });
  }
  for (const product of preload.products ?? []) {
    const { unit, productGroup, ...rest } = product;
    const record: ProductRecord = {
      ...rest,
      productGroup: { productGroupNumber: productGroup ?? 1 },
      ...(unit !== undefined ? { unit: { unitNumber: unit } } : {}),
    };
    next.products.set(record.productNumber, record);
  }
  for (const customer of preload.customers ?? []) {
    const { customerGroup, paymentTerms, vatZone, layout, attention, salesPerson, currency, ...rest } =
      customer;
    const record: CustomerRecord = {
      ...(rest as Omit<CustomerRecord, 'currency' | 'customerGroup' | 'paymentTerms' | 'vatZone'>),
      currency: currency ?? context.baseCurrency,
      customerGroup: { customerGroupNumber: customerGroup ?? 1 },
      paymentTerms: { paymentTermsNumber: paymentTerms ?? 1 },
      vatZone: { vatZoneNumber: vatZone ?? 1 },
      ...(layout !== undefined ? { layout: { layoutNumber: layout } } : {}),
      ...(attention !== undefined ? { attention: { customerContactNumber: attention } } : {}),
      ...(salesPerson !== undefined ? { salesPerson: { employeeNumber: salesPerson } } : {}),
    };
    next.customers.set(record.customerNumber, record);
  }

  // References and read schemas.
  const render = new Renderer(context.baseUrl, context.now);
  const check = (schema: EconomicSchemaName, what: string, body: unknown) => {
    for (const problem of validateResponse(schema, body)) problems.push(`${what}: ${problem}`);
  };
  for (const group of next.customerGroups.values()) {
    if (group.layout)
      need(
        next.layouts.has(group.layout.layoutNumber),
        `customer group ${group.customerGroupNumber}: layout ${group.layout.layoutNumber}`,
      );
    check(
      'customer-groups.customerGroupNumber.get',
      `customer group ${group.customerGroupNumber}`,
      render.customerGroup(group, next.layouts),
    );
  }
  for (const group of next.productGroups.values())
    for (const [zone, accountNumber] of Object.entries(group.salesAccounts ?? {})) {
      const account = next.accounts.get(accountNumber);
      need(
        account !== undefined,
        `product group ${group.productGroupNumber}: sales account ${accountNumber} (VAT zone ${zone})`,
      );
      if (account?.vatCode !== undefined)
        need(next.vatAccounts.has(account.vatCode), `account ${accountNumber}: VAT code ${account.vatCode}`);
    }
  for (const product of next.products.values()) {
    if (product.unit)
      need(
        next.units.has(product.unit.unitNumber),
        `product ${product.productNumber}: unit ${product.unit.unitNumber}`,
      );
    need(
      next.productGroups.has(product.productGroup.productGroupNumber),
      `product ${product.productNumber}: product group ${product.productGroup.productGroupNumber}`,
    );
    check(
      'products.productNumber.get',
      `product ${product.productNumber}`,
      render.product(product, next.units, next.productGroups),
    );
  }
  for (const customer of next.customers.values()) {
    const at = `customer ${customer.customerNumber}`;
    need(
      next.customerGroups.has(customer.customerGroup.customerGroupNumber),
      `${at}: customer group ${customer.customerGroup.customerGroupNumber}`,
    );
    need(
      next.paymentTerms.has(customer.paymentTerms.paymentTermsNumber),
      `${at}: payment terms ${customer.paymentTerms.paymentTermsNumber}`,
    );
    need(
      next.vatZones.has(customer.vatZone.vatZoneNumber),
      `${at}: VAT zone ${customer.vatZone.vatZoneNumber}`,
    );
    if (customer.layout)
      need(next.layouts.has(customer.layout.layoutNumber), `${at}: layout ${customer.layout.layoutNumber}`);
    check('customers.customerNumber.get', at, render.customer(customer));
  }
  for (const zone of next.vatZones.values())
    check('vat-zones.vatZoneNumber.get', `VAT zone ${zone.vatZoneNumber}`, render.vatZone(zone));
  for (const terms of next.paymentTerms.values()) {
    check(
      'payment-terms.paymentTermsNumber.get',
      `payment terms ${terms.paymentTermsNumber}`,
      render.paymentTerms(terms),
    );
  }
  for (const layout of next.layouts.values())
    check('layouts.layoutNumber.get', `layout ${layout.layoutNumber}`, render.layout(layout));
  if (problems.length > 0) throw new ControlError(`Invalid e-conomic preload: ${problems.join('; ')}`);

  for (const [index, draft] of (preload.drafts ?? []).entries()) {
    const { orderNumber, ...body } = draft;
    if (orderNumber !== undefined && (!Number.isInteger(orderNumber) || (orderNumber as number) < 1)) {
      throw new ControlError(
        `Invalid e-conomic preload: drafts[${index}].orderNumber must be a whole number from 1`,
      );
    }
    const number = (orderNumber as number | undefined) ?? next.nextOrderNumber();
    const built = buildDraft(body, { ...context, data: next }, number);
    if (!built.ok) {
      throw new ControlError(
        `Invalid e-conomic preload: drafts[${index}] is not a valid draft order: ${JSON.stringify(built.errors.toJSON())}`,
      );
    }
    next.drafts.set(number, { orderNumber: number, document: built.document });
  }
  return next;
};
