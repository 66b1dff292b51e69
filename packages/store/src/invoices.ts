import type { Db } from './db.ts';
import { invoiceInputRepository } from './invoice-inputs.ts';
import { invoiceListingRepository } from './invoice-listing.ts';
import { invoiceReadRepository } from './invoice-reads.ts';
import { invoiceTimelineRepository } from './invoice-timeline.ts';
import { invoiceWriteRepository } from './invoice-writes.ts';
import { periodHeaderRepository } from './period-headers.ts';

/** Invoices: written whole (invoice-writes.ts), read, their timeline, listed, and what a new one stands on. */
export const invoiceRepository = (db: Db) => ({
  ...invoiceWriteRepository(db),
  ...invoiceReadRepository(db),
  ...invoiceTimelineRepository(db),
  ...invoiceListingRepository(db),
  ...periodHeaderRepository(db),
  ...invoiceInputRepository(db),
});
