/**
 * GET /invoices/export?system_id=X (docs/seeds/004-export-tracking.txt): the caller's invoices that system X has not taken
 * yet, oldest first — all of them ("fetches all invoices that have not been exported") up to the
 * answer's limit in count and bytes, with a cursor for the rest — and with `notExportedSince`,
 * also those it took before that time. Another system (a data warehouse, a second bookkeeping) pulls with this and confirms
 * each invoice with POST /invoices/mark-as-exported once it has imported it.
 */
import type { Clock } from '#app/ports/clock';
import type { PageCursors } from '#app/ports/page-cursors';
import { type ExportableInvoiceHeader, exportSummaryOf, InvalidCursorError } from '#app/ports/store';
import type { Caller } from '#domain/caller';
import { trackedReseller } from '#domain/export-tracking/systems';
import { matchesFilterGroups, parseFilterGroups, withInstantValues } from '#domain/filter-groups';
import type { Invoice } from '#domain/invoice/model';
import { invalid, throwIfAny } from '#domain/refusal';
import type { ExportSystemStore, ExportTrackingStore, InvoiceStore } from './ports.ts';
import { registerSystem } from './register-system.ts';

const filterKeys = ['created_at', 'updated_at'] as const;

/** Invoices whose lines are read at once: enough to overlap the reads, few enough to stop soon. */
const linesReadTogether = 10;

export interface ListUnexportedPorts {
  readonly exportSystems: Pick<ExportSystemStore, 'registerExportSystem'>;
  readonly exportTracking: ExportTrackingStore;
  readonly invoices: Pick<InvoiceStore, 'getInvoice'>;
  readonly cursors: PageCursors;
  readonly clock: Clock;
}

export interface UnexportedRequest<T = UnexportedInvoice> {
  readonly system: string;
  /** The reseller an ADMIN names. */
  readonly reseller?: string;
  /** ISO 8601, UTC. */
  readonly notExportedSince?: string;
  readonly includeNonBooked: boolean;
  readonly includeLines: boolean;
  /** Invoices in the answer, at most. */
  readonly limit: number;
  /** One invoice as the answer holds it (the caller's view of it): made once, sized and answered. */
  readonly present: (invoice: UnexportedInvoice) => T;
  /**
   * Bytes the answer may hold, and what one presented invoice takes: the answer stops before the
   * invoice that would pass the budget (after at least one), and its cursor goes on from there.
   */
  readonly budget?: { readonly bytes: number; readonly size: (presented: T) => number };
  readonly cursor?: string;
  /** The whole query, for its `filter_groups[…]` keys. */
  readonly filters: URLSearchParams;
}

export interface UnexportedInvoice {
  readonly header: ExportableInvoiceHeader;
  /** When the system took it last, or null when it never did. */
  readonly exportedAt: string | null;
  /** The whole invoice, lines and all, when they were asked for. */
  readonly invoice?: Invoice;
}

export interface UnexportedPage<T = UnexportedInvoice> {
  readonly invoices: readonly T[];
  readonly cursor?: string;
}

export const listUnexportedInvoices = async <T>(
  ports: ListUnexportedPorts,
  caller: Caller,
  request: UnexportedRequest<T>,
): Promise<UnexportedPage<T>> => {
  const reseller = trackedReseller(caller, request.reseller);
  const parsed = parseFilterGroups(request.filters, filterKeys);
  throwIfAny(parsed.problems.map((problem) => invalid(problem.key, problem.description)));
  // The stored times are ISO instants in UTC: the filters' times are read as instants to match.
  const groups = withInstantValues(parsed.groups, filterKeys);
  // A cursor is one system's pending list: another system's would page a different index.
  const scope = { list: `invoices-export#${request.system}`, tenant: reseller };
  const cursor = await ports.cursors.open(request.cursor, scope);
  const system = await registerSystem(ports, reseller, request.system, 'system_id');
  const page = await ports.exportTracking
    .listUnexported({
      reseller,
      system,
      ...(request.notExportedSince
        ? { notExportedSince: new Date(request.notExportedSince).toISOString() }
        : {}),
      accept: (header) =>
        (request.includeNonBooked || header.sent) &&
        matchesFilterGroups({ created_at: header.createdAt, updated_at: header.createdAt }, groups),
      limit: request.limit,
      cursor,
    })
    .catch((error: unknown) => {
      // A cursor of this system before it was retired and registered again.
      if (error instanceof InvalidCursorError)
        throw invalid('cursor', 'The cursor is not one of this list: start again without it');
      throw error;
    });
  const invoices: T[] = [];
  let used = 0;
  // Lines are read a few invoices at a time, so that an answer that stops early has not read them all.
  for (let start = 0; start < page.invoices.length; start += linesReadTogether) {
    const run = await Promise.all(
      page.invoices
        .slice(start, start + linesReadTogether)
        .map(async (header): Promise<UnexportedInvoice> => {
          const exportedAt = exportSummaryOf(header, request.system)?.at ?? null;
          if (!request.includeLines) return { header, exportedAt };
          const stored = await ports.invoices.getInvoice(reseller, header.id);
          return { header, exportedAt, invoice: stored!.invoice };
        }),
    );
    for (const invoice of run) {
      const presented = request.present(invoice);
      used += request.budget ? request.budget.size(presented) : 0;
      if (request.budget && used > request.budget.bytes && invoices.length > 0) {
        const next = await ports.cursors.seal(page.after[invoices.length - 1], scope);
        return { invoices, ...(next ? { cursor: next } : {}) };
      }
      invoices.push(presented);
    }
  }
  const next = await ports.cursors.seal(page.cursor, scope);
  return { invoices, ...(next ? { cursor: next } : {}) };
};
