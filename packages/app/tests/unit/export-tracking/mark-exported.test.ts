import { describe, expect, it, vi } from 'vitest';
import type { InvoiceHeader } from '#app/ports/store';
import { markExported } from '../../../src/export-tracking/mark-exported.ts';
import type { InvoiceStore, MarkStore } from '../../../src/export-tracking/ports.ts';
import type { IdDirectory } from '../../../src/tenancy.ts';
import {
  admin,
  clock,
  exportSystemsWith,
  now,
  otherReseller,
  refusalOf,
  reseller,
  resellerCaller,
  user,
} from './support.ts';

const ownInvoice = 'a00000000000000000000001';
const secondOwn = 'a00000000000000000000002';
const othersInvoice = 'b00000000000000000000001';
const at = now.toISOString();

/** Invoices by tenant, as the store and the directory know them. */
const owners = new Map([
  [ownInvoice, reseller],
  [secondOwn, reseller],
  [othersInvoice, otherReseller],
]);

const markPorts = (registered: string[] = ['warehouse']) => {
  const directory: IdDirectory = {
    lookUp: vi.fn(async (id: string) => {
      const owner = owners.get(id);
      return owner ? { id, kind: 'invoice' as const, reseller: owner } : undefined;
    }),
  };
  const invoices: Pick<InvoiceStore, 'getInvoiceHeaders'> = {
    getInvoiceHeaders: vi.fn(async (wanted: readonly { reseller: string; id: string }[]) =>
      wanted
        .filter(({ reseller: tenant, id }) => owners.get(id) === tenant)
        .map(({ reseller: tenant, id }) => ({ id, reseller: tenant }) as InvoiceHeader),
    ),
  };
  const marks: MarkStore = { markExportedTogether: vi.fn(async () => 'marked' as const) };
  return { directory, invoices, exportSystems: exportSystemsWith(...registered), marks, clock };
};

describe('markExported', () => {
  it('marks a RESELLER’s own invoices in one write, by whom and with the note', async () => {
    // Prepare
    const ports = markPorts();

    // Act
    const marked = await markExported(ports, resellerCaller, [
      { invoice: ownInvoice, system: 'warehouse', note: 'batch 7' },
      { invoice: secondOwn, system: 'warehouse' },
    ]);

    // Assess
    expect(ports.directory.lookUp).not.toHaveBeenCalled();
    expect(ports.invoices.getInvoiceHeaders).toHaveBeenCalledExactlyOnceWith([
      { reseller, id: ownInvoice },
      { reseller, id: secondOwn },
    ]);
    expect(ports.exportSystems.registerExportSystem).toHaveBeenCalledExactlyOnceWith(
      reseller,
      'warehouse',
      now,
    );
    expect(ports.marks.markExportedTogether).toHaveBeenCalledExactlyOnceWith([
      {
        reseller,
        invoice: ownInvoice,
        system: 'warehouse',
        at,
        by: 'staff@telco.dk',
        note: 'batch 7',
        event: 'marked exported to warehouse',
      },
      {
        reseller,
        invoice: secondOwn,
        system: 'warehouse',
        at,
        by: 'staff@telco.dk',
        event: 'marked exported to warehouse',
      },
    ]);
    expect(marked).toEqual([
      { invoice_id: ownInvoice, system_id: 'warehouse', exported_at: at },
      { invoice_id: secondOwn, system_id: 'warehouse', exported_at: at },
    ]);
  });

  it('answers another reseller’s invoice as not found to a RESELLER, and marks nothing', async () => {
    // Prepare
    const ports = markPorts();

    // Act
    const refusal = await refusalOf(
      markExported(ports, resellerCaller, [
        { invoice: ownInvoice, system: 'warehouse' },
        { invoice: othersInvoice, system: 'warehouse' },
      ]),
    );

    // Assess
    expect(ports.invoices.getInvoiceHeaders).toHaveBeenCalledExactlyOnceWith([
      { reseller, id: ownInvoice },
      { reseller, id: othersInvoice },
    ]);
    expect(refusal).toEqual({
      status: 404,
      message: 'invoices[1].invoice_id',
      description: 'Invoice not found',
    });
    expect(ports.exportSystems.registerExportSystem).not.toHaveBeenCalled();
    expect(ports.marks.markExportedTogether).not.toHaveBeenCalled();
  });

  it('names every invoice not found at once', async () => {
    // Prepare
    const ports = markPorts();

    // Act
    const refusal = await refusalOf(
      markExported(ports, resellerCaller, [
        { invoice: othersInvoice, system: 'warehouse' },
        { invoice: 'c00000000000000000000009', system: 'warehouse' },
      ]),
    );

    // Assess
    expect(refusal).toEqual({
      status: 422,
      message: 'multiple',
      description: 'Some invoices were not found; nothing was marked',
      errors: [
        { status: 404, message: 'invoices[0].invoice_id', description: 'Invoice not found' },
        { status: 404, message: 'invoices[1].invoice_id', description: 'Invoice not found' },
      ],
    });
    expect(ports.marks.markExportedTogether).not.toHaveBeenCalled();
  });

  it('finds each invoice’s tenant in the directory for an ADMIN, and marks it there', async () => {
    // Prepare
    const ports = markPorts();

    // Act
    await markExported(ports, admin, [{ invoice: othersInvoice, system: 'warehouse' }]);

    // Assess
    expect(ports.directory.lookUp).toHaveBeenCalledExactlyOnceWith(othersInvoice, 'invoice');
    expect(ports.invoices.getInvoiceHeaders).toHaveBeenCalledExactlyOnceWith([
      { reseller: otherReseller, id: othersInvoice },
    ]);
    expect(ports.marks.markExportedTogether).toHaveBeenCalledExactlyOnceWith([
      expect.objectContaining({ reseller: otherReseller, invoice: othersInvoice, by: 'admin-1' }),
    ]);
  });

  it('refuses the first system past the limit under its own key, before registering or marking any', async () => {
    // Prepare: 19 systems registered, and a call that adds two more
    const ports = markPorts(Array.from({ length: 19 }, (_, n) => `system-${n}`));

    // Act
    const refusal = await refusalOf(
      markExported(ports, resellerCaller, [
        { invoice: ownInvoice, system: 'system-3' },
        { invoice: ownInvoice, system: 'new-one' },
        { invoice: secondOwn, system: 'new-one' },
        { invoice: secondOwn, system: 'new-two' },
      ]),
    );

    // Assess
    expect(ports.exportSystems.listExportSystems).toHaveBeenCalledExactlyOnceWith(reseller);
    expect(refusal).toEqual({
      status: 422,
      message: 'invoices[3].system_id',
      description:
        "At most 20 systems can pull a reseller's invoices; retire one first (DELETE /invoices/export/systems)",
    });
    expect(ports.exportSystems.registerExportSystem).not.toHaveBeenCalled();
    expect(ports.marks.markExportedTogether).not.toHaveBeenCalled();
  });

  it('refuses a USER before it reads anything', async () => {
    // Prepare
    const ports = markPorts();

    // Act
    const refusal = await refusalOf(
      markExported(ports, user, [{ invoice: ownInvoice, system: 'warehouse' }]),
    );

    // Assess
    expect(refusal).toEqual({
      status: 403,
      message: 'access_denied',
      description: 'Insufficient access level',
    });
    expect(ports.invoices.getInvoiceHeaders).not.toHaveBeenCalled();
  });
});
