/**
 * `Idempotency-Key` on POST /invoice. The invoice is its own record: its id is derived from the
 * tenant and the key, and it keeps the request's fingerprint, so the invoice and the memory of the
 * request are one write, kept as long as the invoice. `withInvoiceReplay` wraps the creation:
 * - before anything else (the state checks included: a first attempt that billed the current
 *   items would make its retry fail them), the invoice of an earlier attempt is read and, when the
 *   request is the same, answered again;
 * - the same key with another body, or from another user, is `422 Idempotency-Key`;
 * - concurrent first attempts all aim at the one id; the conditional write lets one through, and
 *   an attempt that fails (the write, or a state check that the winner's commit changed) looks
 *   again for the winner's invoice before it answers its own error.
 */
import { createHash } from 'node:crypto';
import { InvoiceWriteConflict } from '#app/ports/store';
import { stillInProgress } from '#domain/idempotency';
import type { Invoice } from '#domain/invoice/model';
import { Refusal } from '#domain/refusal';
import { awaitEarlier, earlierAttemptWaits, type IdempotencyKeyOf, replayOrRefuse } from '../idempotency.ts';
import type { InvoiceReader } from './visible-invoice.ts';

export interface InvoiceIdempotency extends IdempotencyKeyOf {
  /** The tenant the request names (its token, the body's reseller, or the customer's owner). */
  readonly reseller: string;
}

/** Same key from the same tenant → same invoice id, so the conditional write catches the retry. */
export const idempotentInvoiceId = (reseller: string, key: string): string =>
  createHash('sha256').update(`${reseller}\n${key}`).digest('hex').slice(0, 24);

export interface InvoiceReplayPorts {
  readonly invoices: InvoiceReader;
}

/** The earlier attempt's invoice, 422 for another request under the key, undefined if none. */
const earlierInvoice = async (
  { invoices }: InvoiceReplayPorts,
  idempotency: InvoiceIdempotency,
): Promise<Invoice | undefined> => {
  const earlier = await invoices.getInvoice(
    idempotency.reseller,
    idempotentInvoiceId(idempotency.reseller, idempotency.key),
  );
  if (!earlier) return undefined;
  return replayOrRefuse(idempotency.fingerprint, {
    fingerprint: earlier.requestHash,
    answer: earlier.invoice,
  });
};

/** Errors a concurrent first attempt can cause by committing: it billed the items, took the number. */
const racedKeys = new Set(['currentInvoices', 'invoiceNumber']);
const mayBeTheWinners = (error: unknown): boolean =>
  error instanceof InvoiceWriteConflict ||
  (error instanceof Refusal &&
    [error, ...(error.errors ?? [])].some((problem) => racedKeys.has(problem.key.replace(/\[\d+\]$/, ''))));

export const withInvoiceReplay = async (
  ports: InvoiceReplayPorts,
  /** The tenant the request names (see create-invoice.ts); without one there is nothing to replay. */
  reseller: string | undefined,
  key: IdempotencyKeyOf | undefined,
  create: (idempotency: InvoiceIdempotency | undefined) => Promise<Invoice>,
  waits: readonly number[] = earlierAttemptWaits,
): Promise<Invoice> => {
  const idempotency = key && reseller ? { ...key, reseller } : undefined;
  if (!idempotency) return create(undefined);
  const replay = await earlierInvoice(ports, idempotency);
  if (replay) return replay;
  try {
    return await create(idempotency);
  } catch (error) {
    if (!mayBeTheWinners(error)) throw error;
    const winner = await awaitEarlier(() => earlierInvoice(ports, idempotency), waits);
    if (winner) return winner;
    throw error instanceof Refusal ? error : stillInProgress();
  }
};
