import type { AccountingSystemName, IntegrationOwner } from '#domain/integration';

/**
 * Every key starts with its tenant, on the table and on every index, so that no query can cross
 * tenants by accident: `T#<reseller>...`. What belongs to the platform itself (the product
 * catalogue, the list of resellers, the id directory) lives under the platform's prefix `P#`.
 */
export const tenant = (reseller: string): string => `T#${reseller}`;

export const resellerKey = (reseller: string) => ({ pk: tenant(reseller), sk: 'RESELLER' });
/** The platform's index of resellers, for ADMIN listings. */
export const resellerIndexKey = (reseller: string) => ({
  gsi1pk: 'P#RESELLERS',
  gsi1sk: `RESELLER#${reseller}`,
});

export const customerKey = (reseller: string, customer: string) => ({
  pk: tenant(reseller),
  sk: `CUSTOMER#${customer}`,
});

export const productKey = (product: string) => ({ pk: `P#PRODUCT#${product}`, sk: 'PRODUCT' });
export const productIndexKey = (productCode: string, product: string) => ({
  gsi1pk: 'P#PRODUCTS',
  gsi1sk: `${productCode}#${product}`,
});

export const currentItemKey = (reseller: string, customer: string, item: string) => ({
  pk: tenant(reseller),
  sk: `CURRENT#${customer}#${item}`,
});
export const currentItemsPrefix = (customer: string): string => `CURRENT#${customer}#`;

/**
 * The id directory answers "which tenant owns this id?" for ADMIN callers, who name an object by
 * id alone. It holds the owner, never the object, so it cannot leak data across tenants.
 */
export const directoryKey = (id: string) => ({ pk: `P#ID#${id}`, sk: 'ID' });

/**
 * An invoice has a partition of its own, inside its tenant: the header, the line chunks, the
 * timeline and the export marks, so that one query reads an ordinary invoice whole.
 */
export const invoicePartition = (reseller: string, invoice: string): string =>
  `${tenant(reseller)}#INVOICE#${invoice}`;
export const invoiceHeaderSort = 'HEADER';
export const invoiceChunkSort = (index: number): string => `LINES#${String(index).padStart(5, '0')}`;
/** Header and chunks sort together, before the timeline and the marks. */
export const invoiceDocumentRange = ['HEADER', 'LINES#~'] as const;
export const invoiceTimelinePrefix = 'TIMELINE#';

/** A customer's invoices by date (gsi1) and a reseller's invoices by date (gsi2). */
export const customerInvoicesIndexKey = (
  reseller: string,
  customer: string,
  invoiceDate: string,
  invoice: string,
) => ({
  gsi1pk: `${tenant(reseller)}#CUSTOMER#${customer}#INVOICES`,
  gsi1sk: `${invoiceDate}#${invoice}`,
});
export const resellerInvoicesIndexKey = (reseller: string, invoiceDate: string, invoice: string) => ({
  gsi2pk: `${tenant(reseller)}#INVOICES`,
  gsi2sk: `${invoiceDate}#${invoice}`,
});

/**
 * The characters two invoices-by-date sort keys differ in, ascending: a date's digits and an id's
 * hex (the ISO instant's separators sit at the same places in every key).
 */
export const invoicesByDateSortCharacters = '0123456789abcdef';

/** Claims an invoice number inside a tenant, so two invoices can never carry the same one. */
export const invoiceNumberKey = (reseller: string, invoiceNumber: string) => ({
  pk: tenant(reseller),
  sk: `INVOICE-NUMBER#${invoiceNumber}`,
});

/** An export job's partition: the job, its batches (invoice ids) and its ledger (one entry per draft). */
export const exportPartition = (reseller: string, exportId: string): string =>
  `${tenant(reseller)}#EXPORT#${exportId}`;
export const exportBatchSort = (index: number): string => `BATCH#${String(index).padStart(5, '0')}`;
export const exportLedgerSort = (invoice: string): string => `LEDGER#${invoice}`;

/** Held while an export of one month to one system runs, so the same invoices cannot be exported twice at once. */
export const exportLockKey = (reseller: string, system: string, month: string) => ({
  pk: tenant(reseller),
  sk: `EXPORT-LOCK#${system}#${month}`,
});

/** That an invoice went to a system: read by export tracking, written by the saga and by other systems. */
/** An invoice's export marks, one per system, in its partition. */
export const exportMarkPrefix = 'MARK#';

export const exportMarkKey = (reseller: string, invoice: string, system: string) => ({
  pk: invoicePartition(reseller, invoice),
  sk: `${exportMarkPrefix}${system}`,
});

/** The systems that pull a reseller's invoices through export tracking (one item, at most 20 entries). */
export const exportSystemsKey = (reseller: string) => ({ pk: tenant(reseller), sk: 'EXPORT-SYSTEMS' });

/**
 * The feed: a reseller's invoices in creation order, one small item per invoice written with it
 * (gsi1 `T#<reseller>#CREATED`). Export tracking reads it for the invoices a system has not been
 * given a pending item for yet, so creating an invoice costs the same however many systems pull.
 */
export const invoiceFeedKey = (reseller: string, invoice: string) => ({
  pk: invoicePartition(reseller, invoice),
  sk: 'FEED',
});
export const invoiceFeedIndexKey = (reseller: string, createdAt: string, invoice: string) => ({
  gsi1pk: `${tenant(reseller)}#CREATED`,
  gsi1sk: feedPosition(createdAt, invoice),
});
/** A place in the feed (and in a system's pending index): creation time, then id. */
const feedPosition = (createdAt: string, invoice: string): string => `${createdAt}#${invoice}`;

/**
 * "Not yet taken by system X": one small item per invoice and system, written by export tracking
 * for the part of the feed it has gone through (see export-systems.ts), indexed by creation time,
 * deleted when X marks the invoice. The index partition names the registration (`generation`), so
 * what a retired system left behind is never read by the same name registered again.
 */
export const pendingExportKey = (reseller: string, invoice: string, system: string) => ({
  pk: invoicePartition(reseller, invoice),
  sk: `PENDING#${system}`,
});
export const pendingExportIndexKey = (
  reseller: string,
  system: string,
  generation: string,
  createdAt: string,
  invoice: string,
) => ({
  gsi1pk: `${tenant(reseller)}#PENDING#${generation}#${system}`,
  gsi1sk: feedPosition(createdAt, invoice),
});
/** Marks by time (gsi2): the invoices X took before a given time, for re-export. */
export const markIndexKey = (reseller: string, system: string, at: string, invoice: string) => ({
  gsi2pk: `${tenant(reseller)}#MARKED#${system}`,
  gsi2sk: `${at}#${invoice}`,
});

/**
 * Export jobs that wait to start (sparse gsi1): set while a job is `queued`, removed the moment it
 * leaves that status, so the sweeper (functions/export/sweep-queued.ts) reads only the jobs that
 * still wait, oldest send first, without a scan. One platform partition, like P#RESELLERS: the
 * sweeper serves every tenant, and only a few jobs wait at any time.
 */
export const queuedExportsPartition = 'P#EXPORTS#QUEUED';
export const queuedExportIndexKey = (queuedAt: string, reseller: string, exportId: string) => ({
  gsi1pk: queuedExportsPartition,
  gsi1sk: `${queuedAt}#${reseller}#${exportId}`,
});

/**
 * One run of the monthly close (a state machine execution) keeps an outcome per reseller under the
 * platform's prefix, so that the run's report reads them instead of carrying them in the state.
 */
export const closeRunPartition = (month: string, run: string): string => `P#CLOSE#${month}#${run}`;
export const closeOutcomeKey = (month: string, run: string, reseller: string) => ({
  pk: closeRunPartition(month, run),
  sk: `RESELLER#${reseller}`,
});

/**
 * The calls an integration made to its accounting system on one day (Uniconta's daily allowance,
 * #domain/uniconta-allowance), beside the integration's settings: the reseller's tenant, or the
 * platform's own partition for the platform's books (as integrations.ts keys them).
 */
export const accountingCallsKey = (owner: IntegrationOwner, system: AccountingSystemName, day: string) => ({
  pk: owner.kind === 'platform' ? 'P#PLATFORM' : tenant(owner.reseller),
  sk: `CALLS#${system}#${day}`,
});
