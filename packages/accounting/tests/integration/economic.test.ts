import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createInvoice } from '#domain/invoice/create-invoice';
import { defaultEconomicAgreement, type EconomicSimulator, startEconomicSimulator } from '#simulators/index';
import { line } from '../../../domain/tests/unit/invoice/fixtures.ts';
import { createAccountingAdapter } from '../../src/create-adapter.ts';
import type { EconomicAdapter } from '../../src/economic/adapter.ts';
import { draftOrderFromInvoice } from '../../src/mapping.ts';

/**
 * The e-conomic adapter against the e-conomic simulator, which enforces the contract strictly
 * (e-conomic's own JSON schema on POST, filters, paging, idempotency replay, rate-limit headers).
 */

let simulator: EconomicSimulator;

const credentials = {
  appSecretToken: defaultEconomicAgreement.appSecretToken,
  agreementGrantToken: defaultEconomicAgreement.agreementGrantToken,
};

const open = (overrides: Partial<Parameters<typeof createAccountingAdapter>[1]> = {}): EconomicAdapter =>
  createAccountingAdapter('economic', {
    baseUrl: simulator.url,
    credentials,
    retry: { baseDelayMs: 10, maxDelayMs: 50 },
    ...overrides,
  });

const invoice = (id: string) =>
  createInvoice(
    {
      reseller: '65f000000000000000000001',
      customer: '54463ed73fc6ea53780080cf',
      invoiceDate: new Date('2026-10-31T23:00:00.000Z'),
      headline: 'Periode faktura',
      lines: [
        line({
          description: '1 numre',
          units: 5,
          type: 'MONTHS',
          unitWholesale: 20,
          unitPrice: 25,
          from: '2026-11-01',
          to: '2026-11-30',
        }),
        line({
          productCode: 'FORBRUG1',
          name: 'Samtaler',
          units: 412.5,
          type: 'MIN',
          unitWholesale: 0.0071,
          unitPrice: 0.0123,
          kind: 'usage',
        }),
        line({
          productCode: 'FORBRUG1',
          name: 'Samtaler',
          units: 1,
          unitWholesale: 398.18,
          unitPrice: 792.22,
          kind: 'usage',
        }),
      ],
    },
    { id, now: new Date('2026-11-01T06:00:00.000Z') },
  );

const preload = (customers: number) => ({
  layouts: [
    { layoutNumber: 19, name: 'Standard' },
    { layoutNumber: 21, name: 'Gammel', deleted: true },
  ],
  products: [
    { productNumber: 'NUM01', name: 'Nummerleje' },
    { productNumber: 'FORBRUG1', name: 'Samtaler' },
  ],
  customers: Array.from({ length: customers }, (_, i) => ({
    customerNumber: 1000 + i,
    name: `Kunde ${1000 + i}`,
    currency: 'DKK',
    customerGroup: 1,
    paymentTerms: 1,
    vatZone: 1,
    address: 'Vestergade 1',
    zip: '8000',
    city: 'Aarhus C',
    country: 'Danmark',
  })),
});

interface DraftAsRead {
  readonly netAmount: number;
  readonly references: { readonly other: string };
  readonly lines: readonly unknown[];
  readonly customer: { readonly customerNumber: number };
}

/** The simulator's own view of a draft, read with plain fetch. */
const readDraft = async (number: string): Promise<DraftAsRead> =>
  fetch(`${simulator.url}/orders/drafts/${number}`, {
    headers: {
      'X-AppSecretToken': credentials.appSecretToken,
      'X-AgreementGrantToken': credentials.agreementGrantToken,
    },
  }).then((r) => r.json() as Promise<DraftAsRead>);

beforeAll(async () => {
  simulator = await startEconomicSimulator({ port: 0, preload: preload(2500) });
});

afterAll(async () => {
  await simulator?.stop();
});

beforeEach(() => {
  simulator.control.reset();
});

describe('e-conomic adapter ↔ simulator', () => {
  it('verifies good credentials, and refuses bad ones as AccountingAuthFailed', async () => {
    await expect(open().verifyCredentials()).resolves.toBeUndefined();
    await expect(
      open({ credentials: { ...credentials, agreementGrantToken: 'wrong' } }).verifyCredentials(),
    ).rejects.toMatchObject({ name: 'AccountingAuthFailed' });
  });

  it('loads 2,500 customers in 3 calls, with their layouts resolved', async () => {
    const economic = open();

    const data = await economic.loadMasterData();

    expect(data.customers.size).toBe(2500);
    expect(data.customers.get('1000')?.layoutNumber).toBe(19);
    expect(data.products.size).toBe(2);
    expect(simulator.control.requests({ method: 'GET', path: '/customers' })).toHaveLength(3);
    expect(simulator.control.requests({ method: 'GET', path: '/payment-terms' })).toHaveLength(1);
    // 3 pages of customers, one page each of groups, layouts, products, payment terms and VAT
    // accounts, and the sales accounts of the one product group the products use.
    expect(economic.calls.get('loadMasterData')).toBe(9);
    expect(data.products.get('NUM01')?.vatRates?.get(1)).toBe(25);
  });

  it('reads 300 customers ahead in 2 filtered calls, and their drafts read no customer', async () => {
    // Prepare
    const economic = open();
    const numbers = Array.from({ length: 300 }, (_, n) => String(1000 + n));
    const stored = invoice('54a978806d30733986cfa817');

    // Act
    await economic.prepareCustomers!(numbers);
    const prepared = simulator.control.requests({ method: 'GET', path: '/customers' }).length;
    await economic.createDraft(
      draftOrderFromInvoice(stored, { reference: 'FK-P1', customerNumber: '1299' }),
      'export-p:invoice-1',
      { firstAttempt: true },
    );

    // Assess: the simulator took the filter as e-conomic would (numeric property, at most 200 values)
    expect(prepared).toBe(2);
    expect(economic.calls.get('prepareCustomers')).toBe(4); // the two filtered reads, the layouts and groups once
    expect(economic.calls.get('createDraft')).toBe(1);
    expect(
      (await readDraft((await economic.findDraftByReference('FK-P1'))!.number)).customer.customerNumber,
    ).toBe(1299);
  });

  it('creates a draft the strict schema accepts, whose net amount is the invoice subtotal, in one call', async () => {
    // Prepare
    const economic = open();
    await economic.loadMasterData();
    const stored = invoice('54a978806d30733986cfa817');
    const order = draftOrderFromInvoice(stored, { reference: 'FK-E1', customerNumber: '1000' });
    simulator.control.clearRequests();

    // Act
    const draft = await economic.createDraft(order, 'export-1:invoice-1', { firstAttempt: true });

    // Assess
    expect(simulator.control.requests()).toHaveLength(1);
    const read = await readDraft(draft.number);
    expect(read.netAmount).toBe(stored.totals.subTotal);
    expect(read.references.other).toBe('FK-E1');
    expect(read.lines).toHaveLength(3);
    expect(await economic.findDraftByReference('FK-E1')).toEqual(draft);
  });

  it('exports the wholesale column to the same total (adminMode)', async () => {
    const economic = open();
    await economic.loadMasterData();
    const stored = invoice('54a978806d30733986cfa818');

    const draft = await economic.createDraft(
      draftOrderFromInvoice(stored, { reference: 'FK-W1', customerNumber: '1001', priceColumn: 'wholesale' }),
      'k',
      { firstAttempt: true },
    );

    const read = await readDraft(draft.number);
    expect(read.netAmount).toBe(stored.totals.subTotalWholesale);
  });

  it('makes exactly one draft when the create answer is lost (retried with the same key, replayed)', async () => {
    const economic = open();
    await economic.loadMasterData();
    simulator.control.configure({ faults: { creates: [{ action: 'drop-after', nth: 1 }] } });

    const draft = await economic.createDraft(
      draftOrderFromInvoice(invoice('54a978806d30733986cfa819'), {
        reference: 'FK-D1',
        customerNumber: '1002',
      }),
      'key-drop',
      { firstAttempt: true },
    );

    const posts = simulator.control.requests({ method: 'POST', path: '/orders/drafts' });
    expect(posts).toHaveLength(2);
    expect(posts[1]?.notes).toContain('idempotency: replayed');
    const all = await economic.findDraftByReference('FK-D1');
    expect(all).toEqual(draft);
  });

  it('retries a 503 on create and makes one draft', async () => {
    const economic = open();
    await economic.loadMasterData();
    simulator.control.configure({ faults: { creates: [{ action: 'fail', nth: 1, status: 503 }] } });

    const draft = await economic.createDraft(
      draftOrderFromInvoice(invoice('54a978806d30733986cfa81a'), {
        reference: 'FK-F1',
        customerNumber: '1003',
      }),
      'key-fail',
      { firstAttempt: true },
    );

    expect(await economic.findDraftByReference('FK-F1')).toEqual(draft);
  });

  it('a retried createDraft (no firstAttempt) finds the draft instead of making a second one', async () => {
    const economic = open();
    await economic.loadMasterData();
    const order = draftOrderFromInvoice(invoice('54a978806d30733986cfa81b'), {
      reference: 'FK-R1',
      customerNumber: '1004',
    });

    const first = await economic.createDraft(order, 'key-r', { firstAttempt: true });
    const again = await open().createDraft(order, 'key-r-other');

    expect(again).toEqual(first);
    expect(simulator.control.requests({ method: 'POST', path: '/orders/drafts' })).toHaveLength(1);
  });

  it('deletes a draft it made, then says already-gone; never deletes a reused number', async () => {
    // Prepare
    const economic = open();
    await economic.loadMasterData();
    const make = (id: string, reference: string) =>
      economic.createDraft(
        draftOrderFromInvoice(invoice(id), { reference, customerNumber: '1005' }),
        `create-${reference}`,
        {
          firstAttempt: true,
        },
      );
    const a = await make('54a978806d30733986cfa81c', 'FK-A');

    // Act
    const first = await economic.deleteDraft(a, 'delete-a');
    const b = await make('54a978806d30733986cfa81d', 'FK-B'); // e-conomic reuses the number
    const second = await economic.deleteDraft(a, 'delete-a-again');

    // Assess
    expect(first).toBe('deleted');
    expect(b.number).toBe(a.number);
    expect(second).toBe('already-gone');
    expect(await economic.findDraftByReference('FK-B')).toEqual(b);
  });

  it('accepts a 200 delete (as draft invoices answer)', async () => {
    const economic = open();
    await economic.loadMasterData();
    simulator.control.configure({ deleteStatus: 200 });
    const draft = await economic.createDraft(
      draftOrderFromInvoice(invoice('54a978806d30733986cfa81e'), {
        reference: 'FK-200',
        customerNumber: '1006',
      }),
      'k200',
      { firstAttempt: true },
    );

    expect(await economic.deleteDraft(draft, 'd200')).toBe('deleted');
  });

  it('passes a rejection up with e-conomic’s annotated error body', async () => {
    const economic = open();
    await economic.loadMasterData();
    const order = draftOrderFromInvoice(invoice('54a978806d30733986cfa81f'), {
      reference: 'FK-X',
      customerNumber: '1007',
    });

    const error = await economic
      .createDraft({ ...order, lines: [{ ...order.lines[0]!, productNumber: 'NOPE' }] }, 'kx', {
        firstAttempt: true,
      })
      .catch((e) => e);

    expect(error).toMatchObject({ name: 'AccountingRejected', status: 400 });
    expect(JSON.stringify(error.detail)).toContain('NOPE');
  });

  it('paces itself by X-RateLimiting instead of running into 429s', async () => {
    // Prepare: a bucket of 20 tokens refilled at 40 a second
    simulator.control.configure({ rateLimit: { capacity: 20, refillPerSecond: 40 } });
    const economic = open();

    // Act
    for (let i = 0; i < 40; i += 1) await economic.verifyCredentials();

    // Assess
    expect(simulator.control.requests().filter((r) => r.status === 429)).toEqual([]);
  });

  it('without pacing, rides out a 429 by its Retry-After', async () => {
    simulator.control.configure({ rateLimit: { capacity: 3, refillPerSecond: 3 } });
    const economic = open({ pacing: false });

    for (let i = 0; i < 6; i += 1) await economic.verifyCredentials();

    expect(simulator.control.requests().filter((r) => r.status === 429).length).toBeGreaterThan(0);
    expect(economic.calls.get('verifyCredentials')).toBeGreaterThan(6);
  });
});
