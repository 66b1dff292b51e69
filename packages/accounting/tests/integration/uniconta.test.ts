import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createInvoice } from '#domain/invoice/create-invoice';
import {
  defaultUnicontaCompany,
  defaultUnicontaUser,
  startUnicontaSimulator,
  type UnicontaSimulator,
  unicontaBasicAuth,
} from '#simulators/index';
import { line } from '../../../domain/tests/unit/invoice/fixtures.ts';
import { createAccountingAdapter } from '../../src/create-adapter.ts';
import { draftOrderFromInvoice } from '../../src/mapping.ts';
import type { UnicontaAdapter } from '../../src/uniconta/adapter.ts';

/**
 * The Uniconta adapter against the Uniconta simulator (entity API on the OData host: Basic auth,
 * Name/Value queries, Insert/InsertList/Delete/DeleteList, plain-text error bodies, faults).
 */

let simulator: UnicontaSimulator;

const credentials = {
  companyId: String(defaultUnicontaCompany.companyId),
  userId: defaultUnicontaUser.loginId,
  password: defaultUnicontaUser.password,
};

const open = (overrides: Partial<Parameters<typeof createAccountingAdapter>[1]> = {}): UnicontaAdapter =>
  createAccountingAdapter('uniconta', {
    baseUrl: simulator.url,
    credentials,
    retry: { baseDelayMs: 10, maxDelayMs: 50 },
    ...overrides,
  });

const stored = createInvoice(
  {
    reseller: '65f000000000000000000001',
    customer: '54463ed73fc6ea53780080cf',
    invoiceDate: new Date('2026-10-31T23:00:00.000Z'),
    lines: [
      line({
        description: '1 numre',
        units: 5,
        type: 'MONTHS',
        unitPrice: 25,
        from: '2026-11-01',
        to: '2026-11-30',
      }),
      line({
        productCode: 'FORBRUG1',
        name: 'Samtaler',
        units: 412.5,
        type: 'MIN',
        unitPrice: 0.0123,
        kind: 'usage',
      }),
      line({ productCode: 'FORBRUG1', name: 'Samtaler', units: 1, unitPrice: 792.22, kind: 'usage' }),
    ],
  },
  { id: '54a978806d30733986cfa817', now: new Date('2026-11-01T06:00:00.000Z') },
);

const order = (reference: string, customerNumber = '1001') =>
  draftOrderFromInvoice(stored, { reference, customerNumber });

/** The simulator's own view, read with plain fetch. */
const read = async (
  entity: string,
  name: string,
  value: string | number,
): Promise<Record<string, unknown>[]> =>
  fetch(`${simulator.url}/api/Entities/${entity}?Name=${name}&Value=${encodeURIComponent(String(value))}`, {
    headers: {
      Authorization: unicontaBasicAuth(
        defaultUnicontaCompany.companyId,
        credentials.userId,
        credentials.password,
      ),
    },
  }).then((r) => r.json() as Promise<Record<string, unknown>[]>);

beforeAll(async () => {
  simulator = await startUnicontaSimulator({
    port: 0,
    preload: {
      debtors: [
        { Account: '1001', Name: 'Hansen ApS' },
        { Account: '1002', Name: 'Jensen', Blocked: true },
      ],
      items: [
        { Item: 'NUM01', Name: 'Nummerleje' },
        { Item: 'FORBRUG1', Name: 'Samtaler' },
        { Item: 'OLD', Name: 'Udgået', Blocked: true },
      ],
    },
  });
});

afterAll(async () => {
  await simulator?.stop();
});

beforeEach(() => {
  simulator.control.reset();
});

describe('Uniconta adapter ↔ simulator', () => {
  it('verifies good credentials, and refuses a wrong password as AccountingAuthFailed', async () => {
    await expect(open().verifyCredentials()).resolves.toBeUndefined();
    await expect(
      open({ credentials: { ...credentials, password: 'wrong' } }).verifyCredentials(),
    ).rejects.toMatchObject({ name: 'AccountingAuthFailed' });
  });

  it('loads debtors and items in 2 calls', async () => {
    const uniconta = open();

    const data = await uniconta.loadMasterData();

    expect([...data.customers.keys()]).toEqual(['1001', '1002']);
    expect(data.customers.get('1002')?.barred).toBe(true);
    expect(data.products.get('OLD')?.barred).toBe(true);
    expect(uniconta.calls.snapshot()).toEqual({ loadMasterData: 2 });
  });

  it('creates an order with its lines in 2 calls (and the VAT tables once); its amounts are the invoice’s', async () => {
    // Prepare
    const uniconta = open();

    // Act
    const draft = await uniconta.createDraft(order('FK-U1'), 'k1', { firstAttempt: true });

    // Assess
    expect(uniconta.calls.snapshot()).toEqual({ createDraft: 2, readVatTables: 4 });
    const [header] = await read('DebtorOrderClient', 'OrderNumber', draft.number);
    expect(header).toMatchObject({ Account: '1001', YourRef: 'FK-U1', OrderTotal: stored.totals.subTotal });
    expect(draft.totals).toEqual({
      net: stored.totals.subTotal,
      vat: stored.totals.vat,
      gross: stored.totals.total,
    });
    expect(await read('DebtorOrderLineClient', 'OrderNumber', draft.number)).toHaveLength(3);
    expect(await uniconta.findDraftByReference('FK-U1')).toEqual({
      number: draft.number,
      reference: 'FK-U1',
    });
  });

  it('never leaves a second order when the header insert is answered by a dropped connection', async () => {
    simulator.control.configure({
      faults: { creates: [{ action: 'drop-after', operation: 'order', nth: 1 }] },
    });

    const draft = await open().createDraft(order('FK-U2'), 'k2', { firstAttempt: true });

    expect(await read('DebtorOrderClient', 'YourRef', 'FK-U2')).toHaveLength(1);
    expect(await read('DebtorOrderLineClient', 'OrderNumber', draft.number)).toHaveLength(3);
  });

  it('inserts again when the dropped header insert never happened', async () => {
    simulator.control.configure({
      faults: { creates: [{ action: 'drop-before', operation: 'order', nth: 1 }] },
    });

    await open().createDraft(order('FK-U3'), 'k3', { firstAttempt: true });

    expect(await read('DebtorOrderClient', 'YourRef', 'FK-U3')).toHaveLength(1);
  });

  it('never duplicates the lines when the line insert is answered by a dropped connection', async () => {
    simulator.control.configure({
      faults: { creates: [{ action: 'drop-after', operation: 'lines', nth: 1 }] },
    });

    const draft = await open().createDraft(order('FK-U4'), 'k4', { firstAttempt: true });

    expect(await read('DebtorOrderLineClient', 'OrderNumber', draft.number)).toHaveLength(3);
  });

  it('finds the number by YourRef when inserts answer 204 without a body', async () => {
    simulator.control.configure({ insertResponse: 'empty' });

    const draft = await open().createDraft(order('FK-U5'), 'k5', { firstAttempt: true });

    expect(await read('DebtorOrderClient', 'OrderNumber', draft.number)).toHaveLength(1);
  });

  it.each([
    [
      'a 200 whose body is the error code',
      { action: 'plain-text', operation: 'lines', code: 'ArgumentMissing' } as const,
    ],
    ['a 400', { action: 'fail', operation: 'lines', status: 400 } as const],
  ])('deletes the header again when the lines fail with %s (no half order)', async (_, fault) => {
    simulator.control.configure({ faults: { creates: [fault] } });

    const error = await open()
      .createDraft(order('FK-U6'), 'k6', { firstAttempt: true })
      .catch((e) => e);

    expect(error).toMatchObject({ name: 'AccountingRejected' });
    expect(await read('DebtorOrderClient', 'YourRef', 'FK-U6')).toEqual([]);
  });

  it('deletes the header again when an item is blocked (ItemIsOnHold), and reports it', async () => {
    const base = order('FK-U7');

    const error = await open()
      .createDraft({ ...base, lines: [...base.lines, { ...base.lines[0]!, productNumber: 'OLD' }] }, 'k7', {
        firstAttempt: true,
      })
      .catch((e) => e);

    expect(error).toMatchObject({ name: 'AccountingRejected', status: 400, detail: { Err: 'ItemIsOnHold' } });
    expect(await read('DebtorOrderClient', 'YourRef', 'FK-U7')).toEqual([]);
  });

  it('a retried createDraft finds the order instead of making a second one', async () => {
    const first = await open().createDraft(order('FK-U8'), 'k8', { firstAttempt: true });
    const again = await open().createDraft(order('FK-U8'), 'k8');

    expect(again).toEqual(first);
    expect(await read('DebtorOrderClient', 'YourRef', 'FK-U8')).toHaveLength(1);
  });

  it('deletes the order and its lines, confirms, then says already-gone', async () => {
    const uniconta = open();
    const draft = await uniconta.createDraft(order('FK-U9'), 'k9', { firstAttempt: true });

    expect(await uniconta.deleteDraft(draft, 'd9')).toBe('deleted');
    expect(await read('DebtorOrderClient', 'YourRef', 'FK-U9')).toEqual([]);
    expect(await read('DebtorOrderLineClient', 'OrderNumber', draft.number)).toEqual([]);
    expect(await uniconta.deleteDraft(draft, 'd9')).toBe('already-gone');
  });

  it('never deletes a reused number that now carries another YourRef', async () => {
    simulator.control.configure({ orderNumbers: 'reuse' });
    const uniconta = open();
    const a = await uniconta.createDraft(order('FK-A'), 'ka', { firstAttempt: true });
    await uniconta.deleteDraft(a, 'da');
    const b = await uniconta.createDraft(order('FK-B'), 'kb', { firstAttempt: true });

    const outcome = await uniconta.deleteDraft(a, 'da-again');

    expect(b.number).toBe(a.number);
    expect(outcome).toBe('already-gone');
    expect(await read('DebtorOrderClient', 'YourRef', 'FK-B')).toHaveLength(1);
  });

  it('refuses an order for a blocked debtor as AccountingRejected, leaving nothing', async () => {
    const error = await open()
      .createDraft(order('FK-U10', '1002'), 'k10', { firstAttempt: true })
      .catch((e) => e);

    expect(error).toMatchObject({ name: 'AccountingRejected', status: 400 });
    expect(await read('DebtorOrderClient', 'YourRef', 'FK-U10')).toEqual([]);
  });
});
