import { describe, expect, it } from 'vitest';
import { createAccountingAdapter } from '../../src/create-adapter.ts';
import { createAccountingReader } from '../../src/create-reader.ts';
import { fakeFetch, type Reply, reply, type SentRequest } from './helpers.ts';

const page = (collection: unknown[]) => ({ collection, pagination: { results: collection.length } });

/** A small agreement: one customer with its group's layout and its terms, one product with its VAT. */
const economicAgreement = (request: SentRequest): Reply => {
  const routes: Record<string, unknown> = {
    '/self': { agreementNumber: 1 },
    '/layouts': page([{ layoutNumber: 19, name: 'Standard' }]),
    '/customer-groups': page([{ customerGroupNumber: 1, layout: { layoutNumber: 19 } }]),
    '/customers': page([
      {
        customerNumber: 1,
        name: 'Kunde',
        currency: 'DKK',
        customerGroup: { customerGroupNumber: 1 },
        paymentTerms: { paymentTermsNumber: 1 },
        vatZone: { vatZoneNumber: 1 },
      },
    ]),
    '/products': page([{ productNumber: 'P1', name: 'Abonnement', productGroup: { productGroupNumber: 1 } }]),
    '/payment-terms': page([
      { paymentTermsNumber: 1, name: 'Netto 8', paymentTermsType: 'net', daysOfCredit: 8 },
    ]),
    '/vat-accounts': page([{ vatCode: 'U25', ratePercentage: 25 }]),
    '/product-groups/1/sales-accounts': page([
      {
        vatZone: { vatZoneNumber: 1 },
        salesAccount: { accountNumber: 1010, vatAccount: { vatCode: 'U25' } },
      },
    ]),
  };
  const answer = routes[new URL(request.url).pathname];
  return answer === undefined ? reply(404, { message: 'Not found' }) : reply(200, answer);
};

const unicontaCompany = (request: SentRequest): Reply => {
  const entity = new URL(request.url).pathname.split('/').at(-1);
  if (entity === 'DebtorClient' && new URL(request.url).searchParams.has('Name')) return reply(200, []);
  const entities: Record<string, unknown[]> = {
    DebtorClient: [{ Account: '100', Name: 'Debitor', Currency: 'DKK' }],
    InvItemClient: [{ Item: 'P1', Name: 'Abonnement' }],
    GLVatClient: [{ Vat: 'U0', Rate: 0 }],
  };
  return reply(200, entities[entity ?? ''] ?? []);
};

const base = 'https://accounting.example.test';
const economicPage = '?skippages=0&pagesize=1000';

const systems = [
  {
    system: 'economic',
    server: economicAgreement,
    credentials: { appSecretToken: 'a', agreementGrantToken: 'g' },
    /** GET /self, then every collection the checks need and the product group's VAT. */
    requests: [
      `${base}/customer-groups${economicPage}`,
      `${base}/customers${economicPage}`,
      `${base}/layouts${economicPage}`,
      `${base}/payment-terms${economicPage}`,
      `${base}/product-groups/1/sales-accounts${economicPage}`,
      `${base}/products${economicPage}`,
      `${base}/self`,
      `${base}/vat-accounts${economicPage}`,
    ],
    customer: ['1', { number: '1', name: 'Kunde', currency: 'DKK', barred: false }],
    product: ['P1', { number: 'P1', name: 'Abonnement', barred: false, vatRates: new Map([[1, 25]]) }],
  },
  {
    system: 'uniconta',
    server: unicontaCompany,
    credentials: { companyId: '12345', userId: 'u', password: 'p' },
    /** A filtered read that matches nothing, then debtors and items whole. */
    requests: [
      `${base}/api/Entities/DebtorClient`,
      `${base}/api/Entities/DebtorClient?Name=Account&Value=__faktura_credentials_check__`,
      `${base}/api/Entities/InvItemClient`,
    ],
    customer: ['100', { number: '100', name: 'Debitor', currency: 'DKK', barred: false }],
    product: ['P1', { number: 'P1', name: 'Abonnement', barred: false }],
  },
] as const;

/** Every request, in an order that does not depend on which of the reads sent at once went first. */
const sorted = (sent: readonly SentRequest[]) => [...sent].sort((a, b) => a.url.localeCompare(b.url));

describe.each(systems)(
  'createAccountingReader($system)',
  ({ system, server, credentials, requests, customer, product }) => {
    const open = <T>(create: (fetch: typeof globalThis.fetch) => T) => {
      const fake = fakeFetch(server);
      return { port: create(fake.fetch as never), sent: fake.sent };
    };
    const settings = { baseUrl: base, credentials, pacing: false } as const;

    it('reads the credentials and the master data as the adapter does: the same requests, the same answer', async () => {
      // Prepare
      const reader = open((fetch) => createAccountingReader(system, { ...settings, fetch }));
      const adapter = open((fetch) => createAccountingAdapter(system, { ...settings, fetch }));

      // Act
      await reader.port.verifyCredentials();
      await adapter.port.verifyCredentials();
      const read = await reader.port.loadMasterData();
      const adapted = await adapter.port.loadMasterData();

      // Assess
      expect(read).toEqual(adapted);
      expect(read.customers.size).toBe(1);
      expect(read.products.size).toBe(1);
      expect(sorted(reader.sent)).toEqual(sorted(adapter.sent));
      expect(reader.port.calls.snapshot()).toEqual(adapter.port.calls.snapshot());
    });

    it('checks the credentials and reads the master data with exactly these requests, and answers what they hold', async () => {
      // Prepare
      const reader = open((fetch) => createAccountingReader(system, { ...settings, fetch }));

      // Act
      await reader.port.verifyCredentials();
      const read = await reader.port.loadMasterData();

      // Assess
      expect(reader.sent.map((request) => request.method)).toEqual(requests.map(() => 'GET'));
      expect(sorted(reader.sent).map((request) => request.url)).toEqual(requests);
      expect(read.customers.get(customer[0])).toMatchObject(customer[1]);
      expect(read.products.get(product[0])).toEqual(product[1]);
    });

    it('makes no drafts: none of the draft operations is there to call', () => {
      // Act
      const reader = open((fetch) => createAccountingReader(system, { ...settings, fetch })).port;

      // Assess
      for (const operation of ['createDraft', 'findDraftByReference', 'deleteDraft', 'readBookings'])
        expect(reader).not.toHaveProperty(operation);
      expect(reader.system).toBe(system);
    });

    it('refuses credentials that do not fit the system as AccountingAuthFailed, as the adapter does', () => {
      // Prepare
      const other = system === 'economic' ? systems[1].credentials : systems[0].credentials;

      // Act & Assess
      expect(() => createAccountingReader(system, { ...settings, credentials: other as never })).toThrow(
        expect.objectContaining({ name: 'AccountingAuthFailed' }),
      );
    });
  },
);

describe('the Uniconta reader', () => {
  it('reads a VAT code’s rate and counts its calls for the daily allowance', async () => {
    // Prepare
    const fake = fakeFetch(unicontaCompany);
    const reader = createAccountingReader('uniconta', {
      baseUrl: 'https://odata.example.test',
      credentials: systems[1].credentials,
      fetch: fake.fetch,
    });

    // Act
    const rate = await reader.vatCodeRate?.('U0');
    const missing = await reader.vatCodeRate?.('U99');

    // Assess
    expect([rate, missing]).toEqual([0, undefined]);
    expect(fake.sent.map((request) => request.url)).toEqual([
      'https://odata.example.test/api/Entities/GLVatClient?Name=Vat&Value=U0',
      'https://odata.example.test/api/Entities/GLVatClient?Name=Vat&Value=U99',
    ]);
    expect(reader.callsNotYetCounted?.()).toBe(2);
    expect(reader.callsNotYetCounted?.()).toBe(0);
  });
});
