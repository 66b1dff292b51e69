import type { Db } from './db.ts';
import { invoiceInputRepository } from './invoice-inputs.ts';
import { invoiceListingRepository } from './invoice-listing.ts';
import { invoiceReadRepository } from './invoice-reads.ts';
import { invoiceWriteRepository } from './invoice-writes.ts';

/** Invoices: written whole (invoice-writes.ts), read one at a time, listed, and what a new one stands on. */
export const invoiceRepository = (db: Db) => ({
  ...invoiceWriteRepository(db),
  ...invoiceReadRepository(db),
  ...invoiceListingRepository(db),
  ...invoiceInputRepository(db),
});
