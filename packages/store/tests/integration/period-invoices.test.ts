import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { InvoiceTooLarge } from '#app/ports/store';
import type { CurrentItem } from '#domain/current-item';
import { newId } from '#domain/ids';
import { parsePeriod } from '#domain/monthly-close/period';
import { periodInvoiceFor } from '#domain/monthly-close/period-invoice';
import { periodInvoiceId } from '#domain/monthly-close/period-invoice-id';
import { item, product } from '../../../domain/tests/unit/monthly-close/fixtures.ts';
import { currentItemRepository } from '../../src/current-items.ts';
import type { Db } from '../../src/db.ts';
import { invoiceRepository } from '../../src/invoices.ts';
import { periodInvoiceRepository } from '../../src/period-invoices.ts';
import { claimCurrentItem } from '../support/staging.ts';
import { testStackDb } from '../support/test-stack.ts';

/**
 * putPeriodInvoice against DynamoDB Local (the global setup's stack): a period invoice that
 * consumes more items than one transaction holds, and the runs that die halfway through one.
 */
type Store = ReturnType<typeof periodInvoiceRepository> &
  ReturnType<typeof currentItemRepository> &
  ReturnType<typeof invoiceRepository>;

const period = parsePeriod('2026-10');
const catalogue = new Map([['product-1', product()]]);

describe('putPeriodInvoice', () => {
  let db: Db;
  let store: Store;

  beforeAll(async () => {
    db = testStackDb();
    store = { ...periodInvoiceRepository(db), ...currentItemRepository(db), ...invoiceRepository(db) };
  });

  /** A customer of a fresh tenant with `count` one-off items on its current invoice (all consumed by the close). */
  const customerWithOneOffs = async (count: number, description?: (index: number) => string) => {
    const reseller = newId();
    const customer = newId();
    const items: CurrentItem[] = [];
    for (let index = 0; index < count; index += 1) {
      const oneOff = item({
        id: newId(),
        reseller,
        customer,
        recurrence: 'NONE',
        units: index + 1,
        ...(description ? { description: description(index) } : {}),
        createdAt: `2026-09-01T00:00:${String(index % 60).padStart(2, '0')}.${String(index).padStart(3, '0')}Z`,
      });
      await store.putNewCurrentItem(oneOff);
      items.push(oneOff);
    }
    const id = periodInvoiceId(reseller, customer, period.month);
    const made = periodInvoiceFor({ id: customer, reseller }, items, catalogue, period, {
      id,
      now: new Date(),
    })!;
    const consumedItems = made.consumedItemIds.map((itemId) => ({ id: itemId, reseller, customer }));
    return { reseller, customer, id, made, consumedItems };
  };

  const claim = async (reseller: string, customer: string, itemIds: readonly string[], invoice: string) => {
    for (const itemId of itemIds) await claimCurrentItem(db, { id: itemId, reseller, customer }, invoice);
  };

  it('writes an invoice consuming 150 items, more than one transaction holds, and leaves none behind', async () => {
    // Prepare
    const { reseller, customer, id, made, consumedItems } = await customerWithOneOffs(150);

    // Act
    const outcome = await store.putPeriodInvoice({ invoice: made.invoice, consumedItems });

    // Assess
    expect(outcome).toBe('created');
    expect(await store.listCurrentItems(reseller, customer)).toEqual([]);
    expect((await store.getInvoice(reseller, id))?.invoice.lines).toHaveLength(150);
  });

  it('finishes the consumption when a run died after writing the invoice', async () => {
    // Prepare: the invoice and its first 80 items were written; the rest were claimed, not yet deleted
    const { reseller, customer, id, made, consumedItems } = await customerWithOneOffs(120);
    await store.putNewInvoice({ invoice: made.invoice, consumedItems: consumedItems.slice(0, 80) });
    const leftOver = consumedItems.slice(80);
    await claim(
      reseller,
      customer,
      leftOver.map((i) => i.id),
      id,
    );

    // Act: the next run sees only the left-over items, and the same invoice id
    const outcome = await store.putPeriodInvoice({ invoice: made.invoice, consumedItems: leftOver });

    // Assess
    expect(outcome).toBe('existed');
    expect(await store.listCurrentItems(reseller, customer)).toEqual([]);
    expect((await store.getInvoice(reseller, id))?.invoice.lines).toHaveLength(120);
  });

  it('bills the claimed items when a run died after claiming them but before the invoice', async () => {
    // Prepare
    const { reseller, customer, id, made, consumedItems } = await customerWithOneOffs(90);
    await claim(
      reseller,
      customer,
      consumedItems.slice(80).map((i) => i.id),
      id,
    );

    // Act
    const outcome = await store.putPeriodInvoice({ invoice: made.invoice, consumedItems });

    // Assess
    expect(outcome).toBe('created');
    expect(await store.listCurrentItems(reseller, customer)).toEqual([]);
  });

  it('keeps claimed items out of any other invoice and out of a delete by hand', async () => {
    // Prepare
    const { reseller, customer, made, consumedItems } = await customerWithOneOffs(1);
    await claim(reseller, customer, [consumedItems[0]!.id], 'f'.repeat(24));
    const manual = { ...made.invoice, id: newId(), period: false };

    // Act
    const invoiced = await store.putNewInvoice({ invoice: manual, consumedItems }).catch((error) => error);
    const deleted = await store.deleteCurrentItem(consumedItems[0]!);

    // Assess
    expect(invoiced).toMatchObject({ name: 'InvoiceWriteConflict', reason: 'items-gone' });
    expect(deleted).toBe(false);
    expect(await store.listCurrentItems(reseller, customer)).toHaveLength(1);
  });

  it('refuses a period invoice too large for one transaction before claiming anything', async () => {
    // Prepare: 200 items whose incompressible texts come to ~4.5 MB of gzip line chunks. (The
    // API's 1,000-character texts get there with ~5,500 items; fewer, larger ones keep this quick.)
    const { reseller, customer, id, made, consumedItems } = await customerWithOneOffs(200, () =>
      randomBytes(22_500).toString('base64'),
    );

    // Act
    const refused = await store.putPeriodInvoice({ invoice: made.invoice, consumedItems }).catch((e) => e);

    // Assess: named, and nothing written: no invoice, every item still there and unclaimed
    expect(refused).toBeInstanceOf(InvoiceTooLarge);
    expect(refused).toMatchObject({ part: 'lines', maxBytes: expect.any(Number) });
    expect(refused.bytes).toBeGreaterThan(refused.maxBytes);
    expect(refused.message).toBe(
      `The invoice's lines take ${refused.bytes} bytes stored; at most ${refused.maxBytes} fit in one invoice`,
    );
    expect(await store.getInvoiceHeader(reseller, id)).toBeUndefined();
    const left = await store.listCurrentItems(reseller, customer);
    expect(left).toHaveLength(200);
    expect(left.filter((item) => item.claimedBy !== undefined)).toEqual([]);
  });
});
