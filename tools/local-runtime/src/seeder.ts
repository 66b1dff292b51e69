import type { Caller } from '#domain/caller';

/**
 * Many invoices fast, for month-end tests and benchmarks (20,000 to an export): each request goes
 * through what POST /invoice runs after the gateway (the request read field by field, the use
 * case's checks, its one-transaction write), called in this process and many at once instead of
 * one HTTP round trip each. The stored invoices are therefore exactly what the API stores.
 *
 * The store's clients read their endpoint when first imported, so the caller points this process
 * at the stack's DynamoDB first (test/e2e/support/in-process.ts, or the bench's stack).
 */
export interface SeedOptions {
  readonly caller: Caller;
  /** POST /invoice bodies, in the order their ids are answered. */
  readonly bodies: readonly Record<string, unknown>[];
  /** Creates in flight at once (default 24). */
  readonly concurrency?: number;
}

export const seedInvoices = async ({ caller, bodies, concurrency = 24 }: SeedOptions): Promise<string[]> => {
  const [{ readCreateInvoiceRequest }, { forEachBounded }, { createInvoice }, { startOfDay }, store, system] =
    await Promise.all([
      import('#api/invoice-request'),
      import('#app/bounded'),
      import('#app/invoices/create-invoice'),
      import('#domain/invoice/calendar'),
      import('#wiring/store'),
      import('#wiring/system'),
    ]);
  const ports = {
    invoices: store.invoiceStore,
    directory: store.directoryStore,
    resellers: store.resellerStore,
    products: store.productStore,
    clock: system.systemClock,
    ids: system.objectIds,
  };
  const ids: string[] = new Array(bodies.length);
  await forEachBounded([...bodies.keys()], concurrency, async (index) => {
    const read = readCreateInvoiceRequest(bodies[index]!, caller, startOfDay(system.systemClock.now()));
    ids[index] = (await createInvoice(ports, { caller, ...read })).id;
  });
  return ids;
};
