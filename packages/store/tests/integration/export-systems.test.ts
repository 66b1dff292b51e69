import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { marksPerTransaction } from '#app/exports/mark-export-batch';
import { type ExportableInvoiceHeader, exportedToField, MarksAlreadyWritten } from '#app/ports/store';
import { maxExportSystems } from '#domain/export-tracking/systems';
import { newId } from '#domain/ids';
import { createInvoice } from '#domain/invoice/create-invoice';
import { invoiceLine } from '#domain/invoice/invoice-line';
import type { Invoice } from '#domain/invoice/model';
import { product } from '../../../domain/tests/unit/monthly-close/fixtures.ts';
import { batchWriteAll } from '../../src/batch-write.ts';
import type { Db } from '../../src/db.ts';
import { exportSystemRepository } from '../../src/export-systems.ts';
import { exportTrackingRepository } from '../../src/export-tracking.ts';
import { invoiceFeedItem, invoiceHeaderItem } from '../../src/invoice-writes.ts';
import { invoiceRepository } from '../../src/invoices.ts';
import { invoiceHeaderSort, invoicePartition } from '../../src/keys.ts';
import { markRepository } from '../../src/marks.ts';
import { pendingItem } from '../../src/pending-exports.ts';
import { testStackDb } from '../support/test-stack.ts';

/**
 * Export tracking's registry and its lists against DynamoDB Local (the global setup's stack):
 * what a create writes does not depend on the systems, registering does not touch the invoices,
 * and paging through a system's list gives every invoice it has not marked exactly once.
 */
const storeOver = (db: Db) => ({
  ...exportSystemRepository(db),
  ...exportTrackingRepository(db),
  ...invoiceRepository(db),
  ...markRepository(db),
  batchWriteAll: (requests: Parameters<typeof batchWriteAll>[1]) => batchWriteAll(db, requests),
  invoiceHeaderItem,
  invoiceFeedItem,
  pendingItem,
  maxExportSystems,
  documentClient: db.client,
});
type Store = ReturnType<typeof storeOver>;

/** What the store sends DynamoDB, command by command, while `act` runs. */
interface Sent {
  readonly command: string;
  readonly input: Record<string, unknown>;
}

describe('export systems and their lists', () => {
  let store: Store;
  const sent: Sent[] = [];
  let recording = false;

  beforeAll(async () => {
    store = storeOver(testStackDb());
    store.documentClient.middlewareStack.add(
      (next, context) => async (args) => {
        if (recording)
          sent.push({ command: context.commandName ?? '', input: args.input as Record<string, unknown> });
        return next(args);
      },
      { step: 'initialize', name: 'recordSentCommands' },
    );
  });

  const recorded = async (act: () => Promise<unknown>): Promise<Sent[]> => {
    sent.length = 0;
    recording = true;
    try {
      await act();
    } finally {
      recording = false;
    }
    return [...sent];
  };

  const catalogue = product();
  const invoiceOf = (reseller: string, createdAt: Date, index = 0): Invoice =>
    createInvoice(
      {
        reseller,
        customer: '65f0000000000000000000c1',
        sent: true,
        lines: [invoiceLine(catalogue, { units: (index % 7) + 1 })],
      },
      { id: newId(createdAt), now: createdAt },
    );

  const invoicesFrom = (reseller: string, count: number, from: Date): Invoice[] =>
    Array.from({ length: count }, (_, index) =>
      invoiceOf(reseller, new Date(from.getTime() + index * 1000), index),
    );

  /** Invoices made as POST /invoice makes them (one transaction each); their ids in creation order. */
  const createInvoices = async (reseller: string, count: number, from: Date): Promise<string[]> => {
    const invoices = invoicesFrom(reseller, count, from);
    for (const invoice of invoices) await store.putNewInvoice({ invoice, consumedItems: [] });
    return invoices.map((invoice) => invoice.id);
  };

  /**
   * Thousands of invoices in seconds: the two items of each that export tracking reads (header and
   * feed entry, as putNewInvoice makes them), written 25 at a time instead of one transaction each.
   */
  const seedInvoices = async (reseller: string, count: number, from: Date): Promise<string[]> => {
    const invoices = invoicesFrom(reseller, count, from);
    await store.batchWriteAll(
      invoices.flatMap((invoice) => [
        { PutRequest: { Item: store.invoiceHeaderItem(invoice, 1) } },
        { PutRequest: { Item: store.invoiceFeedItem(invoice) } },
      ]),
    );
    return invoices.map((invoice) => invoice.id);
  };

  /** Marks as mark-as-exported does, 10 invoices a transaction. */
  const mark = async (reseller: string, system: string, invoices: readonly string[]) => {
    for (let start = 0; start < invoices.length; start += 10) {
      await store.markExportedTogether(
        invoices.slice(start, start + 10).map((invoice) => ({
          reseller,
          invoice,
          system,
          at: new Date().toISOString(),
          event: `marked exported to ${system}`,
        })),
      );
    }
  };

  /** Pages through a system's list as a client does, calling `between` after each page. */
  const pageThrough = async (
    reseller: string,
    system: string,
    between: (page: number) => Promise<void> = async () => {},
  ): Promise<string[]> => {
    const listed: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 1000; page += 1) {
      const registration = await store.registerExportSystem(reseller, system);
      const result = await store.listUnexported({
        reseller,
        system: registration,
        accept: () => true,
        limit: 100,
        ...(cursor ? { cursor } : {}),
      });
      listed.push(...result.invoices.map((header) => header.id));
      cursor = result.cursor;
      if (!cursor) return listed;
      await between(page);
    }
    throw new Error('the list never ended');
  };

  const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);

  /** An invoice's header and its pending item for `ledger`, read straight from the table. */
  const headerOf = async (reseller: string, id: string) => {
    const [header, pending] = await Promise.all(
      [invoiceHeaderSort, 'PENDING#ledger'].map(
        async (sk) =>
          (
            await store.documentClient.send(
              new GetCommand({ TableName: 'faktura', Key: { pk: invoicePartition(reseller, id), sk } }),
            )
          ).Item,
      ),
    );
    return { header: header as ExportableInvoiceHeader, pending };
  };

  it('writes an invoice with the same transaction whether its reseller has no system or 20', async () => {
    // Prepare
    const quiet = newId();
    const busy = newId();
    for (let index = 0; index < store.maxExportSystems; index += 1)
      await store.registerExportSystem(busy, `system-${index}`);

    // Act
    const [withNone] = await recorded(() =>
      store.putNewInvoice({ invoice: invoiceOf(quiet, new Date()), consumedItems: [] }),
    );
    const [withTwenty] = await recorded(() =>
      store.putNewInvoice({ invoice: invoiceOf(busy, new Date()), consumedItems: [] }),
    );

    // Assess
    expect(withNone?.command).toBe('TransactWriteItemsCommand');
    expect(withTwenty?.command).toBe('TransactWriteItemsCommand');
    const actions = (write: Sent | undefined) => (write!.input.TransactItems as unknown[]).length;
    expect(actions(withTwenty)).toBe(actions(withNone));
    expect(JSON.stringify(withTwenty!.input)).not.toContain('EXPORT-SYSTEMS');
  });

  it.each([
    { pulled: true, perTransaction: marksPerTransaction.pulled, actions: 99 },
    { pulled: false, perTransaction: marksPerTransaction.notPulled, actions: 100 },
  ])(
    "writes the export saga's group of marks (pulled: $pulled) in one transaction of $actions actions, and knows it written when it comes again",
    async ({ pulled, perTransaction, actions }) => {
      // Prepare: as many invoices as mark-export-batch.ts puts in one transaction
      const reseller = newId();
      const invoices = await seedInvoices(reseller, perTransaction, hoursAgo(1));
      const at = new Date().toISOString();
      const group = invoices.map((invoice) => ({
        reseller,
        invoice,
        system: 'economic:platform',
        at,
        exportId: 'export-1',
        event: 'exported to e-conomic (platform)',
      }));

      // Act
      const [write] = await recorded(() => store.markExportedTogether(group, { pulled }));
      const again = store.markExportedTogether(group, { pulled });

      // Assess
      expect(write?.command).toBe('TransactWriteItemsCommand');
      const items = write!.input.TransactItems as Record<string, unknown>[];
      expect(items).toHaveLength(actions);
      expect(items.filter((item) => 'Delete' in item)).toHaveLength(pulled ? perTransaction : 0);
      await expect(again).rejects.toBeInstanceOf(MarksAlreadyWritten);
      const { header } = await headerOf(reseller, invoices.at(-1)!);
      expect(header.exportedTo).toHaveProperty([exportedToField('economic:platform')]);
    },
  );

  it('lists none of the invoices an export marked without taking their pending items (a system registered meanwhile), and deletes those items', {
    timeout: 120_000,
  }, async () => {
    // Prepare: a system of the mark's name registers and its pending items are written, then an
    // export that read the registry before marks without taking them
    const reseller = newId();
    const invoices = await seedInvoices(reseller, 30, hoursAgo(2));
    await pageThrough(reseller, 'ledger');
    const at = new Date().toISOString();
    await store.markExportedTogether(
      invoices.map((invoice) => ({
        reseller,
        invoice,
        system: 'ledger',
        at,
        event: 'exported to the ledger',
      })),
      { pulled: false },
    );

    // Act
    const listed = await pageThrough(reseller, 'ledger');

    // Assess: every pending item was found stale, and is gone
    expect(listed).toEqual([]);
    for (const id of invoices) expect((await headerOf(reseller, id)).pending).toBeUndefined();
  });

  it('registers a system over 2,000 invoices with one read and one write, then lists each unmarked one once, those created and marked while it pages included', {
    timeout: 600_000,
  }, async () => {
    // Prepare: 2,000 invoices from before the grace period, 100 of them already marked for the system
    const reseller = newId();
    const existing = await seedInvoices(reseller, 2000, hoursAgo(3));
    const markedBefore = existing.filter((_, index) => index % 30 === 3);
    await mark(reseller, 'warehouse', markedBefore);

    // Act
    const registration = await recorded(() => store.registerExportSystem(reseller, 'warehouse'));
    const createdDuring: string[] = [];
    const markedDuring = [existing[1990]!, existing[1995]!];
    const listed = await pageThrough(reseller, 'warehouse', async (page) => {
      if (page === 2) createdDuring.push(...(await createInvoices(reseller, 3, new Date())));
      if (page === 4) await mark(reseller, 'warehouse', markedDuring);
    });

    // Assess
    expect(registration.map((call) => call.command)).toEqual(['GetItemCommand', 'UpdateItemCommand']);
    const expected = [...existing, ...createdDuring].filter(
      (id) => !markedBefore.includes(id) && !markedDuring.includes(id),
    );
    expect(listed).toHaveLength(expected.length);
    expect(listed).toEqual(expected);
  });

  it('lists each unmarked invoice once on a later pass, when all have pending items, and drops (and deletes) a pending item whose invoice was marked meanwhile', {
    timeout: 300_000,
  }, async () => {
    // Prepare: a first pass writes the pending items (the frontier moves a step a request)
    const reseller = newId();
    const existing = await seedInvoices(reseller, 800, hoursAgo(2));
    await pageThrough(reseller, 'ledger');
    const registration = (await store.getExportSystem(reseller, 'ledger'))!;
    const markedLater = existing.slice(0, 50);
    await mark(reseller, 'ledger', markedLater);
    // What a request that read the headers just before these marks would still write.
    const stale = markedLater.slice(0, 5);
    await Promise.all(
      stale.map(async (id) => {
        const { header } = await headerOf(reseller, id);
        await store.documentClient.send(
          new PutCommand({ TableName: 'faktura', Item: store.pendingItem(header, registration) }),
        );
      }),
    );
    const fresh = await createInvoices(reseller, 2, new Date());

    // Act
    const listed = await pageThrough(reseller, 'ledger');

    // Assess
    expect(registration.frontier.endsWith(`#${existing.at(-1)}`)).toBe(true);
    expect(listed).toEqual([...existing.slice(50), ...fresh]);
    for (const id of stale) expect((await headerOf(reseller, id)).pending).toBeUndefined();
  });

  it('lists a retired system registered again under a new generation: nothing twice, what it marked still taken', {
    timeout: 300_000,
  }, async () => {
    // Prepare
    const reseller = newId();
    const existing = await seedInvoices(reseller, 400, hoursAgo(2));
    await pageThrough(reseller, 'bi');
    await mark(reseller, 'bi', existing.slice(0, 10));
    const first = await store.getExportSystem(reseller, 'bi');

    // Act
    const retired = await store.retireExportSystem(reseller, 'bi');
    const retiredAgain = await store.retireExportSystem(reseller, 'bi');
    const again = await store.registerExportSystem(reseller, 'bi');
    const listed = await pageThrough(reseller, 'bi');

    // Assess
    expect(retired).toBe(true);
    expect(retiredAgain).toBe(false);
    expect(again.generation).not.toBe(first!.generation);
    expect(listed).toEqual(existing.slice(10));
  });

  it('refuses a cursor given for another registration of the same name', async () => {
    // Prepare
    const reseller = newId();
    await seedInvoices(reseller, 30, hoursAgo(1));
    const old = await store.registerExportSystem(reseller, 'pager');
    const page = await store.listUnexported({ reseller, system: old, accept: () => true, limit: 10 });
    await store.retireExportSystem(reseller, 'pager');
    const renewed = await store.registerExportSystem(reseller, 'pager');

    // Act
    const next = store
      .listUnexported({ reseller, system: renewed, accept: () => true, limit: 10, cursor: page.cursor! })
      .catch((error: Error) => error);

    // Assess
    expect(await next).toMatchObject({ name: 'InvalidCursorError' });
  });
});
