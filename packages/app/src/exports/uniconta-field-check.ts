/**
 * Uniconta's field rules, checked before an export to Uniconta starts (#domain/uniconta-fields):
 * each accepted invoice is mapped to its sales order exactly as the export's batch will map it
 * (same reference, price column, grouping and document), and every text that cannot be sent is a
 * `uniconta.field` problem of the request's `422 multiple`, instead of a draft that fails halfway
 * through the export and is compensated.
 *
 * The headers the other checks read do not hold the line texts, so this reads each invoice once,
 * fifty to a batched read and a few reads at a time: two DynamoDB round trips per fifty invoices
 * (it read them one query each, about a second per thousand), paid only by Uniconta exports.
 */

import type { DraftOrderOf } from '#app/ports/accounting';
import type { InvoicesReader } from '#app/ports/export-store';
import type { Log } from '#app/ports/observability';
import type { ExportableInvoiceHeader } from '#app/ports/store';
import type { Customer } from '#domain/customer';
import type { ExportProblem } from '#domain/export-checks';
import { draftReference, type ExportOptions, exportPriceColumn, toBatches } from '#domain/export-job';
import { unicontaFieldExportProblems } from '#domain/uniconta-fields';
import { forEachBounded } from '../bounded.ts';

/** Invoices in one batched read (one BatchGetItem of their headers), and such reads at once. */
const invoicesPerRead = 50;
const readsInFlight = 4;

export interface UnicontaFieldCheckPorts {
  readonly invoices: InvoicesReader;
  readonly draftOrderOf: DraftOrderOf;
  readonly log: Log;
}

export interface UnicontaFieldCheckInput {
  readonly reseller: string;
  /** The export's id, so that the reference checked is the one the batch will send. */
  readonly exportId: string;
  readonly headers: readonly ExportableInvoiceHeader[];
  readonly customers: ReadonlyMap<string, Pick<Customer, 'name' | 'finance'>>;
  readonly options: Pick<ExportOptions, 'adminMode' | 'externalLicenses' | 'groupInvoiceLines' | 'layout'>;
  /** adminMode: the account the orders are booked on (the reseller's in the platform's books). */
  readonly billedAccount?: string;
  /** Aborted when the request fails meanwhile: no more invoices are read for an answer nobody waits on. */
  readonly signal?: AbortSignal;
}

/** The `uniconta.field` problems of the invoices, in invoice order. */
export const unicontaFieldProblems = async (
  ports: UnicontaFieldCheckPorts,
  input: UnicontaFieldCheckInput,
): Promise<ExportProblem[]> => {
  const { options } = input;
  const found = new Map<string, ExportProblem[]>();
  // A missing invoice or customer is not this check's to report (checkExport names the customer;
  // an invoice deleted meanwhile is skipped by the batch).
  const checked = input.headers.filter((header) => input.customers.has(header.customer));
  await forEachBounded(toBatches(checked, invoicesPerRead), readsInFlight, async (group) => {
    input.signal?.throwIfAborted();
    const stored = await ports.invoices.getInvoices(
      input.reseller,
      group.map((header) => header.id),
    );
    for (const header of group) {
      const invoice = stored.get(header.id)?.invoice;
      const customer = input.customers.get(header.customer)!;
      if (!invoice) continue;
      let order: ReturnType<DraftOrderOf>;
      try {
        order = ports.draftOrderOf(invoice, {
          reference: draftReference(input.exportId, header.id),
          customerNumber: input.billedAccount ?? customer.finance.accountingSystemId ?? '',
          priceColumn: exportPriceColumn(options.adminMode),
          groupInvoiceLines: options.groupInvoiceLines,
          externalLicenses: options.externalLicenses,
          ...(options.layout === undefined ? {} : { layoutNumber: options.layout }),
        });
      } catch (error) {
        // A mapping that fails is a fault of ours, not a field to fix: the batch fails it as before.
        ports.log.warn('An invoice could not be mapped for the Uniconta field check', {
          invoice: header.id,
          error,
        });
        continue;
      }
      found.set(header.id, unicontaFieldExportProblems(header.id, customer.name, order));
    }
  });
  return input.headers.flatMap((header) => found.get(header.id) ?? []);
};
