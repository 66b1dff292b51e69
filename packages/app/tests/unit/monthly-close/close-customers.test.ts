import { describe, expect, it, vi } from 'vitest';
import { InvoiceWriteConflict } from '#app/ports/store';
import { periodInvoiceId } from '#domain/monthly-close/period-invoice-id';
import { closeCustomersPage, tallied } from '../../../src/monthly-close/close-customers.ts';
import type { CustomerStore, ProductStore } from '../../../src/monthly-close/ports.ts';
import { closePorts, customer, item, product } from './support.ts';

const reseller = '65f000000000000000000001';
const [first, second, third] = [
  'c00000000000000000000001',
  'c00000000000000000000002',
  'c00000000000000000000003',
].map((id) => customer({ id }));

/** Each customer has one monthly item of product-1; the second's invoice keeps meeting conflicts. */
const pagePorts = (page: { items: ReturnType<typeof customer>[]; cursor?: string }) => {
  const ports = closePorts([]);
  vi.mocked(ports.currentItems.listCurrentItems).mockImplementation(async (_reseller, id) => [
    item({ id: `item-of-${id}`, customer: id }),
  ]);
  vi.mocked(ports.periodInvoices.putPeriodInvoice).mockImplementation(async ({ invoice }) => {
    if (invoice.customer === second!.id) throw new InvoiceWriteConflict('items-gone');
    return invoice.customer === third!.id ? 'existed' : 'created';
  });
  const customers: CustomerStore = { listCustomers: vi.fn(async () => page) };
  const products: ProductStore = { getProducts: vi.fn(async () => new Map([['product-1', product()]])) };
  return { ...ports, customers, products };
};

describe('closeCustomersPage', () => {
  it('closes one page of the reseller’s customers, adds to the tally and hands on the next cursor', async () => {
    // Prepare: a page after one that created two invoices
    const ports = pagePorts({ items: [first!, second!, third!], cursor: 'page-3' });
    const state = {
      month: '2026-10',
      run: 'close-2026-10-x',
      reseller,
      cursor: 'page-2',
      tally: { created: 2, existed: 0, nothingBilled: 1, failed: 0, failures: [] },
      done: false,
    };

    // Act
    const closed = await closeCustomersPage(ports, state);

    // Assess
    expect(ports.customers.listCustomers).toHaveBeenCalledExactlyOnceWith(reseller, 50, 'page-2');
    expect(closed).toEqual({
      created: 1,
      state: {
        month: '2026-10',
        run: 'close-2026-10-x',
        reseller,
        cursor: 'page-3',
        done: false,
        tally: {
          created: 3,
          existed: 1,
          nothingBilled: 1,
          failed: 1,
          failures: [
            { customer: second!.id, reason: 'the period invoice could not be written (items-gone, 3 times)' },
          ],
        },
      },
    });
  });

  it('reads each product once per page, however many customers bill it', async () => {
    // Prepare
    const ports = pagePorts({ items: [first!, third!] });

    // Act
    await closeCustomersPage(ports, { month: '2026-10', run: 'r', reseller });

    // Assess
    expect(ports.products.getProducts).toHaveBeenCalledExactlyOnceWith(['product-1']);
  });

  it('is done after the last page, and starts from an empty tally and no cursor', async () => {
    // Prepare
    const ports = pagePorts({ items: [first!] });

    // Act
    const closed = await closeCustomersPage(ports, { month: '2026-10', run: 'r', reseller });

    // Assess
    expect(ports.customers.listCustomers).toHaveBeenCalledExactlyOnceWith(reseller, 50, undefined);
    expect(closed.state).toEqual({
      month: '2026-10',
      run: 'r',
      reseller,
      done: true,
      tally: { created: 1, existed: 0, nothingBilled: 0, failed: 0, failures: [] },
    });
    expect(ports.periodInvoices.putPeriodInvoice).toHaveBeenCalledExactlyOnceWith(
      expect.objectContaining({
        invoice: expect.objectContaining({ id: periodInvoiceId(reseller, first!.id, '2026-10') }),
      }),
    );
  });
});

describe('tallied', () => {
  it('counts every failure but names only the first 20', () => {
    // Prepare
    const failures = Array.from({ length: 20 }, (_, n) => ({ customer: `c${n}`, reason: 'r' }));
    const full = { created: 0, existed: 0, nothingBilled: 0, failed: 20, failures };

    // Act
    const tally = tallied(full, 'c20', { kind: 'failed', reason: 'r' });

    // Assess
    expect(tally).toEqual({ ...full, failed: 21 });
  });

  it('leaves a customer without items out of the tally', () => {
    // Prepare
    const empty = { created: 0, existed: 0, nothingBilled: 0, failed: 0, failures: [] };

    // Act
    const tally = tallied(empty, 'c1', { kind: 'no-items' });

    // Assess
    expect(tally).toEqual(empty);
  });
});
