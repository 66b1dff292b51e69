/**
 * Starting an export of a month's invoices, as `POST /integration/{system}/invoice/draft` asks for
 * it and as the monthly close does for resellers who export automatically: one path, so that an
 * automatic export is checked, recorded, queued and reported exactly like one asked for by a person.
 *
 * Everything that can be known now is checked now (the integration and its credentials, every
 * invoice's customer and products against the accounting system's master data, read in pages,
 * once; on e-conomic also whether each draft can be given the due date its customer's payment
 * terms need; for Uniconta also every text its orders will carry, uniconta-field-check.ts, and
 * whether its calls fit in what is left of today's call allowance, uniconta-allowance-check.ts) and
 * every problem is reported together as one refusal. Then the job is recorded and
 * queued; the export saga does the rest and e-mails the outcome.
 */

import type { AccountingReader, AccountingSystems, DraftOrderOf } from '#app/ports/accounting';
import type { Clock } from '#app/ports/clock';
import type { ExportQueue } from '#app/ports/export-queue';
import type {
  AccountingCallCounter,
  CredentialReader,
  CustomersReader,
  ExportJobStore,
  IntegrationReader,
  InvoiceHeaderReader,
  InvoicesReader,
  ResellerReader,
} from '#app/ports/export-store';
import type { Ids } from '#app/ports/ids';
import type { Counters, Log } from '#app/ports/observability';
import { ExportAlreadyRunning, type ExportableInvoiceHeader, isExportedTo } from '#app/ports/store';
import { isAccountingFailure } from '#domain/accounting-failures';
import { integrationNotValid, integrationRefusal } from '#domain/accounting-refusals';
import { checkExport, type ExportProblem } from '#domain/export-checks';
import {
  type ExportJob,
  type ExportOptions,
  exportBatchSize,
  exportedProductCodes,
  exportedProductVat,
  exportMarkKey,
  exportMonth,
  exportOwner,
  exportPeriod,
  hasExportableLines,
  toBatches,
} from '#domain/export-job';
import { type AccountingSystemName, type IntegrationSettings, systemLabels } from '#domain/integration';
import { localDate, startOfLocalDate } from '#domain/invoice/calendar';
import { notFound, Refusal } from '#domain/refusal';
import { openIntegration } from '../integrations/open-integration.ts';
import { countAccountingCalls } from './count-accounting-calls.ts';
import { unicontaAllowanceProblem } from './uniconta-allowance-check.ts';
import { unicontaFieldProblems } from './uniconta-field-check.ts';

export interface AcceptExportPorts {
  readonly resellers: ResellerReader;
  readonly customers: CustomersReader;
  /** The headers of the month; Uniconta's field check also reads each accepted invoice's lines. */
  readonly invoices: InvoiceHeaderReader & InvoicesReader;
  /** How the batch maps an invoice to its draft, so that Uniconta's field check sees what will be sent. */
  readonly draftOrderOf: DraftOrderOf;
  readonly exports: ExportJobStore;
  /** Uniconta: today's calls, to which the request adds its own before it compares (#domain/uniconta-allowance). */
  readonly accountingCalls: AccountingCallCounter;
  /** The calls of a request with nothing to export whose count could not be written (count-accounting-calls.ts). */
  readonly counters: Counters;
  readonly integrations: IntegrationReader;
  readonly credentials: CredentialReader;
  /** Only read: accepting an export checks against the system and makes no draft. */
  readonly systems: AccountingSystems<AccountingReader>;
  readonly queue: ExportQueue;
  readonly clock: Clock;
  readonly ids: Ids;
  readonly log: Log;
}

/** The month and system already have an export running: `409 export_in_progress`. */
export class ExportInProgress extends Refusal {
  public constructor(system: AccountingSystemName, invoiceDate: string, runningExport?: string) {
    super(
      409,
      'export_in_progress',
      `An export of ${exportMonth(invoiceDate)} to ${systemLabels[system]} is already running (${runningExport})`,
    );
  }
}

/** What the request may leave out: every option has its default. */
export type ExportRequestOptions = Partial<ExportOptions> & {
  /** Whose invoices. */
  readonly reseller: string;
};

export interface AcceptExportInput {
  readonly system: AccountingSystemName;
  readonly options: ExportRequestOptions;
  /** Whether the reseller was named in the request (404 `reseller`) or was the caller's own (404 `id`). */
  readonly resellerNamed: boolean;
  /** Who asked: the export's e-mail goes to them (when they have an address) and the accounting contact. */
  readonly requestedBy: ExportJob['requestedBy'];
  /** Only these of the month's invoices (the monthly close: its own period invoices). Default: all. */
  readonly only?: (header: ExportableInvoiceHeader) => boolean;
  /** The reseller's settings of this system, when the caller has read them already (the monthly close). */
  readonly settings?: IntegrationSettings;
}

export interface ExportAnswer {
  readonly success: true;
  readonly total: number;
  readonly exported: number;
  readonly exportId?: string;
}

/** `queued` with the job, or `nothing-to-export`; every refusal is thrown. */
export type ExportAccepted =
  | { readonly outcome: 'queued'; readonly answer: ExportAnswer & { readonly exportId: string } }
  | { readonly outcome: 'nothing-to-export'; readonly answer: ExportAnswer };

/**
 * A call to the integration whose failure is answered in our words (which credential failed:
 * 403; or that the system could not be reached: 503 with Retry-After); what the system itself
 * said goes to the log only.
 */
const useIntegration = async <T>(
  log: Log,
  system: AccountingSystemName,
  call: () => Promise<T>,
): Promise<T> => {
  try {
    return await call();
  } catch (error) {
    if (!isAccountingFailure(error)) throw error;
    log.warn('The accounting system could not be used for an export', { system, error });
    throw integrationRefusal(system, error);
  }
};

export const acceptExport = async (
  ports: AcceptExportPorts,
  { system, options: request, resellerNamed, requestedBy, only, settings }: AcceptExportInput,
): Promise<ExportAccepted> => {
  const { exports, queue, clock, ids, log } = ports;
  const resellerId = request.reseller;
  const adminMode = request.adminMode ?? false;
  const externalLicenses = request.externalLicenses ?? false;
  const reseller = await ports.resellers.getReseller(resellerId);
  if (!reseller)
    throw resellerNamed ? notFound('reseller', 'Reseller not found') : notFound('id', 'Customer not found');

  const integration = await useIntegration(log, system, () =>
    openIntegration(ports, exportOwner(resellerId, adminMode), system, settings),
  );
  if (!integration) throw new Refusal(403, system, integrationNotValid(system, 'it is not set up'));

  const invoiceDate = request.invoiceDate ?? `${localDate(clock.now()).slice(0, 8)}01`;
  const period = exportPeriod(invoiceDate);
  const markedAs = exportMarkKey(system, { adminMode, externalLicenses });
  // Side by side: a month-end export of 20,000 invoices is checked in full before API Gateway's
  // 29 s are up (docs/performance.md). The master data is read once the credentials are known
  // good, beside the query of the invoices: it does not depend on them, and a month-end
  // agreement's customers are twenty pages.
  const verified = useIntegration(log, system, () => integration.accounting.verifyCredentials());
  const masterDataRead = verified.then(() =>
    useIntegration(log, system, () => integration.accounting.loadMasterData()),
  );
  // Awaited below; a failure that comes before is answered by the first await that meets it.
  // Started before anyone knows whether there is anything to export: when there is not, its calls
  // are counted on that path below. Starting it only once the invoices are known would spare those
  // few calls at the price of putting the read back after the query on every month-end request.
  masterDataRead.catch(() => undefined);
  const [, headers] = await Promise.all([
    verified,
    ports.invoices.invoiceHeadersInPeriod(
      resellerId,
      startOfLocalDate(period.from).toISOString(),
      startOfLocalDate(period.to).toISOString(),
    ),
  ]);
  const matching = headers.filter(
    (header) => !isExportedTo(header, markedAs) && hasExportableLines(header, externalLicenses),
  );
  const omit = new Set(request.invoicesToOmit ?? []);
  const accepted = matching.filter((header) => !omit.has(header.id) && (only?.(header) ?? true));
  if (accepted.length === 0) {
    // Its calls end within this invocation, whatever they answer: nothing is exported either way.
    await masterDataRead.catch(() => undefined);
    // Uniconta counts them against today's allowance all the same; with no export there is no
    // allowance check, which is where a request otherwise adds its calls to our count.
    await countAccountingCalls(ports, integration.settings.owner, integration.accounting);
    return { outcome: 'nothing-to-export', answer: { success: true, total: matching.length, exported: 0 } };
  }

  // Made now so that Uniconta's field check sees the reference the drafts will carry.
  const exportId = ids.newId();
  const groupInvoiceLines = request.groupInvoiceLines ?? false;
  const customersRead = ports.customers.getCustomers(resellerId, [
    ...new Set(accepted.map((header) => header.customer)),
  ]);
  // Uniconta's field check reads every accepted invoice (its lines: what the headers do not hold)
  // and needs only the customers: it runs while the accounting system's master data is still
  // being read, not after it (the request's answer waits on both). Should that read fail, the
  // check stops reading: the request is answered with the failure.
  const checkUnicontaFields = async (): Promise<ExportProblem[]> => {
    const stop = new AbortController();
    masterDataRead.catch((error: unknown) => stop.abort(error));
    return unicontaFieldProblems(ports, {
      signal: stop.signal,
      reseller: resellerId,
      exportId,
      headers: accepted,
      customers: await customersRead,
      options: { adminMode, externalLicenses, groupInvoiceLines },
      ...(adminMode && reseller.finance.accountingSystemId
        ? { billedAccount: reseller.finance.accountingSystemId }
        : {}),
    });
  };
  const fieldProblemsRead = system === 'uniconta' ? checkUnicontaFields() : Promise.resolve([]);
  // Awaited below; a failure that comes first is answered by the first await that meets it.
  fieldProblemsRead.catch(() => undefined);
  const [customers, masterData, fieldProblems] = await Promise.all([
    customersRead,
    masterDataRead,
    fieldProblemsRead,
  ]);
  const problems = checkExport({
    system,
    invoices: accepted.map((header) => ({
      id: header.id,
      customer: header.customer,
      productCodes: exportedProductCodes(header, externalLicenses),
      ...exportedProductVat(header, externalLicenses),
      // The draft's dates, as the mapping gives them (the days in Danish time): the due-date rule's input.
      date: localDate(new Date(header.invoiceDate)),
      ...(header.dueDate === undefined ? {} : { dueDate: localDate(new Date(header.dueDate)) }),
    })),
    customers,
    masterData,
    layoutGiven: request.layout !== undefined || integration.settings.defaultLayoutNumber !== undefined,
    ...(integration.settings.defaultDaysOfCredit === undefined
      ? {}
      : { defaultDaysOfCredit: integration.settings.defaultDaysOfCredit }),
    ...(request.layout === undefined ? {} : { layout: request.layout }),
    ...(adminMode
      ? { billedAs: { name: reseller.name, accountingSystemId: reseller.finance.accountingSystemId } }
      : {}),
  });
  problems.push(...fieldProblems);
  if (system === 'uniconta') {
    const problem = await unicontaAllowanceProblem(ports, integration, accepted.length);
    if (problem) problems.push(problem);
    if (integration.settings.exemptVatCode === undefined)
      problems.push(...unicontaExemptCodeProblems(accepted, externalLicenses));
  }
  if (problems.length > 0) {
    throw new Refusal(
      422,
      'multiple',
      `${problems.length} problem(s) must be fixed before these invoices can be exported`,
      problems.map((problem) => new Refusal(422, problem.key, problem.description)),
    );
  }

  const batchSize = exportBatchSize(accepted.length);
  const batches = toBatches(
    accepted.map((header) => header.id),
    batchSize,
  );
  const job: ExportJob = {
    id: exportId,
    reseller: resellerId,
    system,
    status: 'queued',
    options: {
      invoiceDate,
      invoicesToOmit: [...omit],
      groupInvoiceLines,
      ...(request.layout === undefined ? {} : { layout: request.layout }),
      adminMode,
      externalLicenses,
    },
    requestedBy,
    total: matching.length,
    exported: accepted.length,
    batchSize,
    batchCount: batches.length,
    createdAt: clock.now().toISOString(),
  };
  try {
    await exports.createExportJob(job, batches);
  } catch (error) {
    if (!(error instanceof ExportAlreadyRunning)) throw error;
    throw new ExportInProgress(system, invoiceDate, error.runningExport);
  }
  try {
    // A crash before this line leaves the job queued with no message: the sweeper sends it again.
    await queue.sendExportRequest(job);
  } catch (error) {
    // Not queued means never exported: say so on the job and free the month again.
    await exports.finishExportJob(job, ['queued'], {
      status: 'failed',
      failure: { reason: 'The export could not be queued' },
      finishedAt: clock.now().toISOString(),
    });
    throw error;
  }
  return {
    outcome: 'queued',
    answer: { success: true, total: job.total, exported: job.exported, exportId: job.id },
  };
};

/**
 * Uniconta decides a line's VAT by its own VAT code, else its item group's: VAT-exempt lines need the
 * integration's exempt code, or their drafts would carry the group's VAT. One problem per invoice.
 */
const unicontaExemptCodeProblems = (headers: readonly ExportableInvoiceHeader[], externalLicenses: boolean) =>
  headers
    .filter((header) => (exportedProductVat(header, externalLicenses).productVat?.exempt.length ?? 0) > 0)
    .map((header) => ({
      key: 'uniconta.exemptVatCode',
      description: `Invoice ${header.id} has VAT-exempt lines, and the Uniconta integration has no VAT code for them (exemptVatCode)`,
    }));
