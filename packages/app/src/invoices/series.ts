/**
 * Writing an invoice with the next number of its reseller's series (#domain/invoice/numbering,
 * docs/invoice-numbering.md), for every path that makes invoices (POST /invoice, the monthly
 * close). The number is read, the invoice written with it in one transaction that also moves the
 * series on; when another invoice took the number first, the series is read again and the write
 * tried with the next. Creates at once for one reseller so take the numbers one after the other.
 */
import { InvoiceWriteConflict } from '#app/ports/store';
import { seriesNumber } from '#domain/invoice/numbering';
import { conflict } from '#domain/refusal';
import type { Reseller } from '#domain/reseller';

/** Enough for a burst of a few hundred creates for one reseller; beyond, the caller retries. */
export const maxSeriesAttempts = 200;

type Numbering = Pick<Reseller, 'invoiceNumbering' | 'nextInvoiceNumber'>;

const raced = (error: unknown): boolean =>
  error instanceof InvoiceWriteConflict &&
  (error.reason === 'series-moved' || error.reason === 'concurrent-write');

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `write` with the series' next number (undefined when the accounting system numbers the
 * reseller's invoices), again with the next one as long as another invoice took it first.
 * `numbering`: the reseller as already read, for the first try.
 */
export const withSeriesNumber = async <T>(
  readNumbering: () => Promise<Numbering | undefined>,
  write: (number: number | undefined) => Promise<T>,
  numbering?: Numbering,
): Promise<T> => {
  let current = numbering ?? (await readNumbering());
  for (let attempt = 1; ; attempt += 1) {
    const number = current && seriesNumber(current);
    try {
      return await write(number);
    } catch (error) {
      if (number === undefined || !raced(error)) throw error;
      if (attempt >= maxSeriesAttempts)
        throw conflict('invoiceNumber', 'Too many invoices were being numbered at once; retry');
      // Jittered, so that the creates that lost together do not meet again at once.
      await pause(2 + Math.random() * 8 * Math.min(attempt, 5));
      current = await readNumbering();
    }
  }
};
