import { describe, expect, it, vi } from 'vitest';
import { InvoiceTooLarge, InvoiceWriteConflict } from '#app/ports/store';
import { parsePeriod } from '#domain/monthly-close/period';
import { periodInvoiceId } from '#domain/monthly-close/period-invoice-id';
import { closeCustomer } from '../../../src/monthly-close/close-customer.ts';
import { catalogue, closePorts, customer, item, product } from './support.ts';

const october = parsePeriod('2026-10');
const someone = customer();
const octoberInvoice = periodInvoiceId(someone.reseller, someone.id, '2026-10');
const monthly = item({ id: 'item-1' });
const oneOff = item({
  id: 'item-2',
  product: 'product-2',
  recurrence: 'NONE',
  createdAt: '2026-10-10T10:00:00.000Z',
});
const products = catalogue(product(), product({ id: 'product-2', unitType: 'UNITS' }));

describe('closeCustomer', () => {
  it('writes the period invoice under the month’s id, consuming the one-off items it bills', async () => {
    // Prepare: a monthly item, which stays for the next month, and a one-off item
    const ports = closePorts([monthly, oneOff]);

    // Act
    const outcome = await closeCustomer(ports, someone, october, products);

    // Assess
    expect(outcome).toEqual({ kind: 'created', invoice: octoberInvoice });
    expect(ports.periodInvoices.settleEarlierClaims).toHaveBeenCalledExactlyOnceWith(octoberInvoice, [
      monthly,
      oneOff,
    ]);
    expect(ports.periodInvoices.putPeriodInvoice).toHaveBeenCalledExactlyOnceWith({
      invoice: expect.objectContaining({
        id: octoberInvoice,
        customer: someone.id,
        createdAt: '2026-11-01T01:00:05.000Z',
      }),
      consumedItems: [{ id: 'item-2', reseller: someone.reseller, customer: someone.id }],
    });
    expect(ports.log.warn).not.toHaveBeenCalled();
  });

  it('reads again and redoes the invoice after two write conflicts, and succeeds the third time', async () => {
    // Prepare: someone took items off the current invoice twice between our read and our write
    const ports = closePorts([monthly]);
    vi.mocked(ports.periodInvoices.putPeriodInvoice)
      .mockRejectedValueOnce(new InvoiceWriteConflict('items-gone'))
      .mockRejectedValueOnce(new InvoiceWriteConflict('concurrent-write'))
      .mockResolvedValueOnce('created');

    // Act
    const outcome = await closeCustomer(ports, someone, october, catalogue(product()));

    // Assess
    expect(outcome).toEqual({ kind: 'created', invoice: octoberInvoice });
    expect(ports.currentItems.listCurrentItems).toHaveBeenCalledTimes(3);
    expect(vi.mocked(ports.currentItems.listCurrentItems).mock.calls).toEqual(
      Array(3).fill([someone.reseller, someone.id]),
    );
    expect(ports.periodInvoices.putPeriodInvoice).toHaveBeenCalledTimes(3);
  });

  it('fails the customer with the last conflict after three, and tries no fourth time', async () => {
    // Prepare
    const ports = closePorts([monthly]);
    vi.mocked(ports.periodInvoices.putPeriodInvoice).mockRejectedValue(
      new InvoiceWriteConflict('items-gone'),
    );

    // Act
    const outcome = await closeCustomer(ports, someone, october, catalogue(product()));

    // Assess
    expect(outcome).toEqual({
      kind: 'failed',
      reason: 'the period invoice could not be written (items-gone, 3 times)',
    });
    expect(ports.periodInvoices.putPeriodInvoice).toHaveBeenCalledTimes(3);
  });

  it('fails an invoice too large at once: no retry can make it fit', async () => {
    // Prepare
    const ports = closePorts([monthly]);
    const tooLarge = new InvoiceTooLarge('lines', 5_000_000, 3_500_000);
    vi.mocked(ports.periodInvoices.putPeriodInvoice).mockRejectedValue(tooLarge);

    // Act
    const outcome = await closeCustomer(ports, someone, october, catalogue(product()));

    // Assess
    expect(outcome).toEqual({ kind: 'failed', reason: tooLarge.message });
    expect(ports.periodInvoices.putPeriodInvoice).toHaveBeenCalledOnce();
    expect(ports.currentItems.listCurrentItems).toHaveBeenCalledOnce();
  });

  it('lets any other store error through, for the step’s retry', async () => {
    // Prepare
    const ports = closePorts([monthly]);
    const outage = new Error('ProvisionedThroughputExceededException');
    vi.mocked(ports.periodInvoices.putPeriodInvoice).mockRejectedValue(outage);

    // Act
    const closing = closeCustomer(ports, someone, october, catalogue(product()));

    // Assess
    await expect(closing).rejects.toBe(outage);
    expect(ports.periodInvoices.putPeriodInvoice).toHaveBeenCalledOnce();
  });

  it('names the earlier close to run again when items are claimed by an invoice it never wrote', async () => {
    // Prepare: September's close claimed two items and died; another invoice no close knows claimed one
    const ports = closePorts([monthly]);
    const september = periodInvoiceId(someone.reseller, someone.id, '2026-09');
    const stranger = '65f0000000000000000000ff';
    vi.mocked(ports.periodInvoices.settleEarlierClaims).mockResolvedValue({
      free: [monthly],
      unfinished: [
        { invoiceId: september, items: 2 },
        { invoiceId: stranger, items: 1 },
      ],
    });

    // Act
    const outcome = await closeCustomer(ports, someone, october, catalogue(product()));

    // Assess
    expect(outcome).toEqual({
      kind: 'failed',
      reason: `2 item(s) are claimed by the unfinished close of 2026-09 (invoice ${september}): close 2026-09 again first; 1 item(s) are claimed by invoice ${stranger}, which was never written`,
    });
    expect(ports.periodInvoices.putPeriodInvoice).not.toHaveBeenCalled();
  });

  it('answers no-items for a customer without current items, and asks nothing more', async () => {
    // Prepare
    const ports = closePorts([]);

    // Act
    const outcome = await closeCustomer(ports, someone, october, catalogue(product()));

    // Assess
    expect(outcome).toEqual({ kind: 'no-items' });
    expect(ports.periodInvoices.settleEarlierClaims).not.toHaveBeenCalled();
  });

  it('bills nothing for an item whose product is gone, and tells the person on call about it', async () => {
    // Prepare
    const ports = closePorts([item({ id: 'item-9', product: 'product-gone' })]);

    // Act
    const outcome = await closeCustomer(ports, someone, october, catalogue(product()));

    // Assess
    expect(outcome).toEqual({ kind: 'nothing-billed' });
    expect(ports.periodInvoices.putPeriodInvoice).not.toHaveBeenCalled();
    expect(ports.log.warn).toHaveBeenCalledExactlyOnceWith('Current-invoice items the close cannot bill', {
      reseller: someone.reseller,
      customer: someone.id,
      month: '2026-10',
      items: [{ itemId: 'item-9', reason: 'PRODUCT_MISSING', detail: 'product product-gone not found' }],
    });
  });
});

describe('closeCustomer: the reseller’s own invoice numbers', () => {
  it('gives the period invoice the next number of the series, and the one after when another invoice took it', async () => {
    // Prepare: the series is at 7; another invoice takes 7 first
    const ports = closePorts([oneOff]);
    const getReseller = vi
      .fn()
      .mockResolvedValueOnce({ invoiceNumbering: 'faktura', nextInvoiceNumber: 7 })
      .mockResolvedValueOnce({ invoiceNumbering: 'faktura', nextInvoiceNumber: 8 });
    vi.mocked(ports.periodInvoices.putPeriodInvoice).mockRejectedValueOnce(
      new InvoiceWriteConflict('series-moved'),
    );

    // Act
    const outcome = await closeCustomer({ ...ports, resellers: { getReseller } }, someone, october, products);

    // Assess
    expect(outcome).toEqual({ kind: 'created', invoice: octoberInvoice });
    const writes = vi
      .mocked(ports.periodInvoices.putPeriodInvoice)
      .mock.calls.map(([write]) => [write.invoice.invoiceNumber, write.seriesNumber]);
    expect(writes).toEqual([
      ['7', 7],
      ['8', 8],
    ]);
    expect(getReseller).toHaveBeenCalledWith(someone.reseller);
  });

  it('leaves the number pending under the accounting system’s numbering', async () => {
    // Prepare
    const ports = closePorts([oneOff]);
    const getReseller = vi.fn(async () => ({ invoiceNumbering: 'accounting' as const }));

    // Act
    await closeCustomer({ ...ports, resellers: { getReseller } } as never, someone, october, products);

    // Assess
    const write = vi.mocked(ports.periodInvoices.putPeriodInvoice).mock.calls[0]![0];
    expect(write.invoice.invoiceNumber).toBe('-1');
    expect(write).not.toHaveProperty('seriesNumber');
  });
});
