/**
 * Why a new invoice was not written, as the caller is told. Each is measured or detected before
 * anything is committed, so it is refused by name, never a 500 after a commit.
 */
import { InvoiceTooLarge, InvoiceWriteConflict } from '#app/ports/store';
import { conflict, invalid, notFound } from '#domain/refusal';

export const itemsGone = () => notFound('currentInvoices', 'Some or all items were not found');

export const concurrentWrite = () =>
  conflict('currentInvoices', 'Another request was billing the same items at the same time; retry');

/**
 * What to throw for a failed invoice write. With an `Idempotency-Key` (`replayable`), an invoice
 * that exists already and a concurrent write stay as they are: the replay answers them with the
 * winner's invoice (invoice-idempotency.ts).
 */
export const writeFailure = (error: unknown, replayable: boolean): unknown => {
  if (error instanceof InvoiceTooLarge) return invalid('lines', error.message);
  if (!(error instanceof InvoiceWriteConflict)) return error;
  if (error.reason === 'invoice-number-taken')
    return invalid('invoiceNumber', 'Invoice number is already used');
  if (error.reason === 'items-gone') return itemsGone();
  if (!replayable && error.reason === 'concurrent-write') return concurrentWrite();
  return error;
};
