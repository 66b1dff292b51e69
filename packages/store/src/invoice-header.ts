import type { InvoiceHeader } from '#app/ports/store';
import { fromItem } from './item.ts';

/** A header item as callers see it: without what only the store reads (its chunk count, the request's fingerprint). */
export const headerOf = <H extends InvoiceHeader = InvoiceHeader>(item: Record<string, unknown>): H => {
  const {
    chunkCount: _c,
    requestHash: _h,
    ...header
  } = fromItem<H & { chunkCount: number; requestHash?: string }>(item);
  return header as unknown as H;
};
