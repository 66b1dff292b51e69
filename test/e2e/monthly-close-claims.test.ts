import { beforeAll, describe, expect, it } from 'vitest';
import type { Customer } from '#domain/customer';
import { newId } from '#domain/ids';
import { parsePeriod } from '#domain/monthly-close/period';
import { periodInvoiceFor } from '#domain/monthly-close/period-invoice';
import { periodInvoiceId } from '#domain/monthly-close/period-invoice-id';
import { item, product } from '../../packages/domain/tests/unit/monthly-close/fixtures.ts';
import { claimCurrentItem } from '../../packages/store/tests/support/staging.ts';
import { testStackDb } from '../../packages/store/tests/support/test-stack.ts';
import { useTestStackInProcess } from './support/in-process.ts';

/**
 * A close of one month after the close of the month before died partway, leaving items claimed for
 * its period invoice (a customer with more items than one transaction consumes). The customer's
 * close runs in this process against the test stack's DynamoDB, for a tenant no reseller list
 * holds, so that no other test's close meets these claims.
 */
type Close = typeof import('#app/monthly-close/close-customer');
type Wiring = typeof import('#wiring/store') & typeof import('#wiring/system');
type Store = Wiring['currentItemStore'] & Wiring['invoiceStore'];

const september = parsePeriod('2026-09');
const october = parsePeriod('2026-10');
const catalogue = new Map([['product-1', product({ unitType: 'UNITS' })]]);
const products = async () => catalogue;

describe('monthly close after an unfinished close of the month before', () => {
  let close: Close;
  let wiring: Wiring;
  let store: Store;

  beforeAll(async () => {
    useTestStackInProcess();
    close = await import('#app/monthly-close/close-customer');
    wiring = { ...(await import('#wiring/store')), ...(await import('#wiring/system')) };
    store = { ...wiring.currentItemStore, ...wiring.invoiceStore };
  });

  /** A customer with two one-off items put on in September and one in October. */
  const customerWithOneOffs = async () => {
    const customer: Customer = {
      id: newId(),
      reseller: newId(),
      name: 'Kunde',
      finance: {},
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
    const oneOff = (units: number, createdAt: string) =>
      item({
        id: newId(),
        reseller: customer.reseller,
        customer: customer.id,
        recurrence: 'NONE',
        units,
        createdAt,
      });
    const items = {
      septemberFirst: oneOff(1, '2026-09-10T10:00:00.000Z'),
      septemberSecond: oneOff(2, '2026-09-20T10:00:00.000Z'),
      october: oneOff(4, '2026-10-10T10:00:00.000Z'),
    };
    for (const each of Object.values(items)) await store.putNewCurrentItem(each);
    const claimForSeptember = (itemId: string) =>
      claimCurrentItem(
        testStackDb(),
        { id: itemId, reseller: customer.reseller, customer: customer.id },
        periodInvoiceId(customer.reseller, customer.id, '2026-09'),
      );
    const closeOf = (period: typeof october) =>
      close.closeCustomer(
        {
          currentItems: wiring.currentItemStore,
          periodInvoices: wiring.periodInvoiceStore,
          clock: wiring.systemClock,
        },
        customer,
        period,
        products,
      );
    const unitsOf = async (month: string) =>
      (
        await store.getInvoice(customer.reseller, periodInvoiceId(customer.reseller, customer.id, month))
      )?.invoice.lines.map((line) => line.units);
    return { customer, items, claimForSeptember, closeOf, unitsOf };
  };

  it('finishes what September’s close left claimed when its invoice was written, and closes October', async () => {
    // Prepare: September's close wrote its invoice (consuming the first item), then died before deleting the claimed second
    const { customer, items, claimForSeptember, closeOf, unitsOf } = await customerWithOneOffs();
    await claimForSeptember(items.septemberSecond.id);
    const made = periodInvoiceFor(
      customer,
      [items.septemberFirst, items.septemberSecond],
      catalogue,
      september,
      { id: periodInvoiceId(customer.reseller, customer.id, '2026-09'), now: new Date() },
    )!;
    await store.putNewInvoice({ invoice: made.invoice, consumedItems: [items.septemberFirst] });

    // Act
    const outcome = await closeOf(october);

    // Assess: the claimed item was September's, and is gone; October bills only its own
    expect(outcome).toMatchObject({ kind: 'created' });
    expect(await unitsOf('2026-10')).toEqual([4]);
    expect(await unitsOf('2026-09')).toEqual([1, 2]);
    expect(await store.listCurrentItems(customer.reseller, customer.id)).toEqual([]);
  });

  it('names September when its close died before its invoice, bills nothing, and closes October once September is closed again', async () => {
    // Prepare: September's close claimed the second item, then died before writing its invoice
    const { customer, items, claimForSeptember, closeOf, unitsOf } = await customerWithOneOffs();
    await claimForSeptember(items.septemberSecond.id);

    // Act
    const refused = await closeOf(october);
    const left = await store.listCurrentItems(customer.reseller, customer.id);
    const septemberAgain = await closeOf(september);
    const octoberAgain = await closeOf(october);

    // Assess
    expect(refused).toEqual({
      kind: 'failed',
      reason: `1 item(s) are claimed by the unfinished close of 2026-09 (invoice ${periodInvoiceId(customer.reseller, customer.id, '2026-09')}): close 2026-09 again first`,
    });
    expect(left).toHaveLength(3);
    expect(await unitsOf('2026-09')).toEqual([1, 2]);
    expect(septemberAgain).toMatchObject({ kind: 'created' });
    expect(octoberAgain).toMatchObject({ kind: 'created' });
    expect(await unitsOf('2026-10')).toEqual([4]);
    expect(await store.listCurrentItems(customer.reseller, customer.id)).toEqual([]);
  });
});
