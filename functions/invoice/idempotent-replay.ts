/**
 * `Idempotency-Key` on POST /invoice. The invoice is its own record: its id is derived from the
 * tenant and the key, and it keeps the request's fingerprint, so the invoice and the memory of the
 * request are one write, kept as long as the invoice. `withInvoiceReplay` wraps the handler:
 * - before anything else (the state checks included: a first attempt that billed the current
 *   items would make its retry fail them), the invoice of an earlier attempt is read and, when the
 *   request is the same, answered again as it was (201, presented for this caller);
 * - the same key with another body, or from another user, is `422 Idempotency-Key`;
 * - concurrent first attempts all aim at the one id; the conditional write lets one through, and
 *   an attempt that fails (the write, or a state check that the winner's commit changed) looks
 *   again for the winner's invoice before it answers its own error.
 */
import { createHash } from 'node:crypto';
import { InvoiceWriteConflict } from '#app/ports/store';
import { isObjectId } from '#domain/ids';
import type { Caller } from '#lambda/caller';
import { ApiError } from '#lambda/errors';
import type { Reply, Request } from '#lambda/http-handler';
import { readIdempotencyKey, requestFingerprint } from '#lambda/idempotency';
import { directoryStore, invoiceStore } from '#wiring/store';
import { awaitEarlier, replayOrRefuse, stillInProgress } from '../commons/idempotency.ts';
import { invoiceAnswer } from './invoice-answer.ts';

export interface InvoiceIdempotency {
  /** The tenant the request names (its token, the body's reseller, or the customer's owner). */
  readonly reseller: string;
  readonly key: string;
  readonly fingerprint: string;
}

/** Same key from the same tenant → same invoice id, so the conditional write catches the retry. */
export const idempotentInvoiceId = (reseller: string, key: string): string =>
  createHash('sha256').update(`${reseller}\n${key}`).digest('hex').slice(0, 24);

/** The key, the tenant and the fingerprint; undefined without a key or when no tenant can be named. */
const invoiceIdempotency = async (
  caller: Caller,
  body: Record<string, unknown>,
  headers: Request<unknown, unknown, unknown>['event']['headers'],
): Promise<InvoiceIdempotency | undefined> => {
  const key = readIdempotencyKey(headers);
  if (key === undefined) return undefined;
  const reseller =
    caller.role === 'ADMIN'
      ? isObjectId(body.reseller)
        ? body.reseller
        : isObjectId(body.customer)
          ? (await directoryStore.lookUp(body.customer, 'customer'))?.reseller
          : undefined
      : caller.reseller;
  return reseller ? { reseller, key, fingerprint: requestFingerprint(body, caller) } : undefined;
};

/** The earlier attempt's invoice as it answered it, 422 for another request, undefined if none. */
const earlierAnswer = async (idempotency: InvoiceIdempotency, caller: Caller): Promise<Reply | undefined> => {
  const earlier = await invoiceStore.getInvoice(
    idempotency.reseller,
    idempotentInvoiceId(idempotency.reseller, idempotency.key),
  );
  if (!earlier) return undefined;
  const invoice = replayOrRefuse(idempotency.fingerprint, {
    fingerprint: earlier.requestHash,
    answer: earlier.invoice,
  });
  // As the first attempt answered: GET's answer, paged for a very large invoice (invoice-answer.ts).
  return invoiceAnswer(invoice, caller.role, { showIncludedProducts: true }, 201);
};

/** Errors a concurrent first attempt can cause by committing: it billed the items, took the number. */
const racedKeys = new Set(['currentInvoices', 'invoiceNumber']);
const mayBeTheWinners = (error: unknown): boolean =>
  error instanceof InvoiceWriteConflict ||
  (error instanceof ApiError &&
    [error, ...(error.errors ?? [])].some((problem) => racedKeys.has(problem.key.replace(/\[\d+\]$/, ''))));

type InvoiceRequest = Request<unknown, unknown, Record<string, unknown>>;

export const withInvoiceReplay =
  (create: (request: InvoiceRequest, idempotency: InvoiceIdempotency | undefined) => Promise<Reply>) =>
  async (request: InvoiceRequest): Promise<Reply> => {
    const idempotency = await invoiceIdempotency(request.caller, request.body, request.event.headers);
    if (!idempotency) return create(request, undefined);
    const replay = await earlierAnswer(idempotency, request.caller);
    if (replay) return replay;
    try {
      return await create(request, idempotency);
    } catch (error) {
      if (!mayBeTheWinners(error)) throw error;
      const winner = await awaitEarlier(() => earlierAnswer(idempotency, request.caller));
      if (winner) return winner;
      throw error instanceof ApiError ? error : stillInProgress();
    }
  };
