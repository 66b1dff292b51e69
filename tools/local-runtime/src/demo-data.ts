import type { CurrentItem } from '#domain/current-item';
import type { Customer } from '#domain/customer';
import type { Product } from '#domain/product';
import type { Reseller } from '#domain/reseller';
import { currentItemStore, customerStore, productStore, resellerStore } from '#wiring/store';

/**
 * A small, realistic data set for a newcomer's first `npm start`: one reseller with two business
 * customers, a product catalogue like a Danish telecom reseller's, and current-invoice items to
 * bill. Fixed ids, so that the README's curl calls work as written. Written through the same store
 * the handlers use, once: a data folder that already has the reseller is left alone.
 */
export const demoIds = {
  reseller: '65f000000000000000000001',
  customers: { kastrupAuto: '65f000000000000000000101', frederiksbergTandlaege: '65f000000000000000000102' },
  products: {
    numberRental: '65f000000000000000000201',
    calls: '65f000000000000000000202',
    fibre: '65f000000000000000000203',
    setupFee: '65f000000000000000000204',
    voicemail: '65f000000000000000000205',
  },
} as const;

const at = '2026-10-01T08:00:00.000Z';

const reseller: Reseller = {
  id: demoIds.reseller,
  name: 'Nordlys Telecom ApS',
  email: 'drift@nordlys-telecom.dk',
  language: 'da',
  finance: { accountingEmail: 'bogholderi@nordlys-telecom.dk' },
  createdAt: at,
  updatedAt: at,
};

const customers: Customer[] = [
  {
    id: demoIds.customers.kastrupAuto,
    reseller: demoIds.reseller,
    name: 'Kastrup Autoværksted ApS',
    email: 'kontor@kastrup-auto.dk',
    address: { street: 'Amager Landevej 112', zip: '2770', city: 'Kastrup', country: 'DK' },
    language: 'da',
    finance: { accountingSystemId: '1001' },
    createdAt: at,
    updatedAt: at,
  },
  {
    id: demoIds.customers.frederiksbergTandlaege,
    reseller: demoIds.reseller,
    name: 'Frederiksberg Tandlægeklinik',
    email: 'klinik@fb-tand.dk',
    address: { street: 'Gammel Kongevej 60', zip: '1850', city: 'Frederiksberg C', country: 'DK' },
    language: 'en',
    finance: { accountingSystemId: '1002' },
    createdAt: at,
    updatedAt: at,
  },
];

const product = (
  fields: Omit<Product, 'createdAt' | 'updatedAt' | 'barred' | 'included' | 'externalLicense'> &
    Partial<Pick<Product, 'included' | 'externalLicense'>>,
): Product => ({
  included: false,
  externalLicense: false,
  barred: false,
  createdAt: at,
  updatedAt: at,
  ...fields,
});

const products: Product[] = [
  product({
    id: demoIds.products.numberRental,
    productCode: 'NUM01',
    name: 'Nummerleje',
    unitType: 'MONTHS',
    unitCost: 10,
    unitWholesale: 20,
    unitPrice: 25,
    vatExempt: false,
    kind: 'subscription',
  }),
  product({
    id: demoIds.products.calls,
    productCode: 'FORBRUG1',
    name: 'Samtaler',
    unitType: 'MIN',
    unitCost: 0.05,
    unitWholesale: 0.12,
    unitPrice: 0.25,
    vatExempt: false,
    kind: 'usage',
  }),
  product({
    id: demoIds.products.fibre,
    productCode: 'IN4010',
    name: 'Internet VDSL 40/10Mbit',
    unitType: 'MONTHS',
    unitCost: 180,
    unitWholesale: 249,
    unitPrice: 399,
    vatExempt: false,
    kind: 'subscription',
  }),
  product({
    id: demoIds.products.setupFee,
    productCode: 'OPR01',
    name: 'Oprettelse',
    unitType: 'UNITS',
    unitCost: 0,
    unitWholesale: 150,
    unitPrice: 495,
    vatExempt: false,
    kind: 'one-off',
  }),
  product({
    id: demoIds.products.voicemail,
    productCode: 'VM01',
    name: 'Voicemail',
    unitType: 'MONTHS',
    unitCost: 0,
    unitWholesale: 0,
    unitPrice: 0,
    vatExempt: false,
    kind: 'subscription',
    included: true,
  }),
];

const items: CurrentItem[] = [
  {
    id: '65f000000000000000000301',
    reseller: demoIds.reseller,
    customer: demoIds.customers.kastrupAuto,
    product: demoIds.products.fibre,
    units: 1,
    description: 'Fiberforbindelse Amager Landevej 112',
    recurrence: 'MONTHLY',
    locked: false,
    fullMonth: true,
    from: '2026-10-01',
    createdAt: at,
  },
  {
    id: '65f000000000000000000302',
    reseller: demoIds.reseller,
    customer: demoIds.customers.kastrupAuto,
    product: demoIds.products.numberRental,
    units: 3,
    description: '3 numre: 32501010-32501012',
    recurrence: 'MONTHLY',
    locked: false,
    fullMonth: true,
    from: '2026-10-01',
    createdAt: at,
  },
  {
    id: '65f000000000000000000303',
    reseller: demoIds.reseller,
    customer: demoIds.customers.kastrupAuto,
    product: demoIds.products.setupFee,
    units: 1,
    description: 'Oprettelse af fiber',
    recurrence: 'NONE',
    locked: false,
    fullMonth: false,
    createdAt: at,
  },
  {
    id: '65f000000000000000000304',
    reseller: demoIds.reseller,
    customer: demoIds.customers.frederiksbergTandlaege,
    product: demoIds.products.numberRental,
    units: 1,
    description: 'Nummer: 38101520',
    recurrence: 'MONTHLY',
    locked: false,
    fullMonth: false,
    from: '2026-10-15',
    createdAt: at,
  },
  {
    id: '65f000000000000000000305',
    reseller: demoIds.reseller,
    customer: demoIds.customers.frederiksbergTandlaege,
    product: demoIds.products.calls,
    units: 412.5,
    description: 'Samtaler oktober: 412,5 min',
    recurrence: 'NONE',
    locked: false,
    fullMonth: false,
    from: '2026-10-01',
    to: '2026-10-31',
    createdAt: at,
  },
  {
    id: '65f000000000000000000306',
    reseller: demoIds.reseller,
    customer: demoIds.customers.frederiksbergTandlaege,
    product: demoIds.products.setupFee,
    units: -1,
    unitPrice: 495,
    description: 'Kreditering: dobbelt oprettelse',
    recurrence: 'NONE',
    locked: true,
    fullMonth: false,
    createdAt: at,
  },
];

/** A start that died halfway through seeding left some items; writing them again is not an error. */
const once = async (write: () => Promise<void>): Promise<void> => {
  try {
    await write();
  } catch (error) {
    const name = (error as Error).name;
    if (name !== 'ConditionalCheckFailedException' && name !== 'TransactionCanceledException') throw error;
  }
};

/** Returns true when it wrote the data set, false when it was already there. */
export const seedDemoData = async (): Promise<boolean> => {
  if (await resellerStore.getReseller(demoIds.reseller)) return false;
  for (const item of products) await once(() => productStore.putNewProduct(item));
  for (const customer of customers) await once(() => customerStore.putNewCustomer(customer));
  for (const item of items) await once(() => currentItemStore.putNewCurrentItem(item));
  // The reseller last: its presence means the whole set was written.
  await resellerStore.putNewReseller(reseller);
  return true;
};
