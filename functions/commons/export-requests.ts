/**
 * Starting an export of a month's invoices, as `POST /integration/{system}/invoice/draft` does and
 * as the monthly close does for resellers who export automatically: one path, so that an automatic
 * export is checked, recorded, queued and reported exactly like one asked for by a person.
 *
 * Everything that can be known now is checked now (the integration and its credentials, every
 * invoice's customer and products against the accounting system's master data, read in pages,
 * once) and every problem is reported together as one ApiError. Then the job is recorded and
 * queued; the export saga does the rest and e-mails the outcome.
 */

import { ExportAlreadyRunning, type ExportableInvoiceHeader, isExportedTo } from '#app/ports/store';
import { checkExport } from '#domain/export-checks';
import { type ExportJob, exportPeriod, toBatches } from '#domain/export-job';
import { newId } from '#domain/ids';
import { type AccountingSystemName, type IntegrationOwner, systemLabels } from '#domain/integration';
import { localDate, startOfLocalDate } from '#domain/invoice/calendar';
import { ApiError, notFound } from '#lambda/errors';
import { logger } from '#lambda/observability';
import { exportQueue } from '#wiring/sqs-export-queue';
import { customerStore, exportStore, invoiceStore, resellerStore } from '#wiring/store';
import { connectIntegration } from './accounting.ts';
import { isAccountingFailure, whyUnusable } from './accounting-refusals.ts';

/** Batches small enough to retry cheaply, few enough (≤ 90) to record with the job in one transaction. */
const batchSizeFor = (count: number): number => Math.max(10, Math.ceil(count / 90));

const integrationInvalid = (system: AccountingSystemName, why: string) =>
  new ApiError(403, system, `The ${systemLabels[system]} integration is not valid: ${why}`);

/**
 * A call to the integration whose failure is answered in our words (which credential failed, or
 * that the system could not be reached); what the system itself said goes to the log only.
 */
const useIntegration = async <T>(system: AccountingSystemName, call: () => Promise<T>): Promise<T> => {
  try {
    return await call();
  } catch (error) {
    if (!isAccountingFailure(error)) throw error;
    logger.warn('The accounting system could not be used for an export', { system, error: error as Error });
    throw integrationInvalid(system, whyUnusable(system, error));
  }
};

export interface ExportOptions {
  /** Whose invoices. */
  readonly reseller: string;
  readonly invoiceDate?: string;
  readonly invoicesToOmit?: readonly string[];
  readonly groupInvoiceLines?: boolean;
  readonly layout?: number;
  readonly adminMode?: boolean;
  readonly externalLicenses?: boolean;
}

export interface ExportRequest {
  readonly system: AccountingSystemName;
  readonly options: ExportOptions;
  /** Whether the reseller was named in the request (404 `reseller`) or was the caller's own (404 `id`). */
  readonly resellerNamed: boolean;
  /** Who asked: the export's e-mail goes to them (when they have an address) and the accounting contact. */
  readonly requestedBy: ExportJob['requestedBy'];
  /** Only these of the month's invoices (the monthly close: its own period invoices). Default: all. */
  readonly only?: (header: ExportableInvoiceHeader) => boolean;
}

export interface ExportAnswer {
  readonly success: true;
  readonly total: number;
  readonly exported: number;
  readonly exportId?: string;
}

/** 202 with the job queued, or 200 when nothing is left to export. Problems are thrown as ApiError. */
export const requestExport = async ({
  system,
  options: request,
  resellerNamed,
  requestedBy,
  only,
}: ExportRequest): Promise<{ status: 200 | 202; answer: ExportAnswer }> => {
  const resellerId = request.reseller;
  const reseller = await resellerStore.getReseller(resellerId);
  if (!reseller)
    throw resellerNamed ? notFound('reseller', 'Reseller not found') : notFound('id', 'Customer not found');

  const owner: IntegrationOwner = request.adminMode
    ? { kind: 'platform' }
    : { kind: 'reseller', reseller: resellerId };
  const integration = await useIntegration(system, () => connectIntegration(owner, system));
  if (!integration) throw integrationInvalid(system, 'it is not set up');
  await useIntegration(system, () => integration.accounting.verifyCredentials());

  const invoiceDate = request.invoiceDate ?? `${localDate(new Date()).slice(0, 8)}01`;
  const period = exportPeriod(invoiceDate);
  const markedAs = request.adminMode ? `${system}:platform` : system;
  const matching = (
    await invoiceStore.invoiceHeadersInPeriod(
      resellerId,
      startOfLocalDate(period.from).toISOString(),
      startOfLocalDate(period.to).toISOString(),
    )
  )
    .filter((header) => !isExportedTo(header, markedAs))
    .filter(
      (header) =>
        (request.externalLicenses ? header.externalLicenseProductCodes : header.productCodes).length > 0,
    );
  const omit = new Set(request.invoicesToOmit ?? []);
  const accepted = matching.filter((header) => !omit.has(header.id) && (only?.(header) ?? true));
  if (accepted.length === 0)
    return { status: 200, answer: { success: true, total: matching.length, exported: 0 } };

  const customers = await customerStore.getCustomers(
    resellerId,
    accepted.map((h) => h.customer),
  );
  const problems = checkExport({
    system,
    invoices: accepted.map((h) => ({
      id: h.id,
      customer: h.customer,
      productCodes: (request.externalLicenses ? h.externalLicenseProductCodes : h.productCodes) ?? [],
    })),
    customers,
    masterData: await useIntegration(system, () => integration.accounting.loadMasterData()),
    layoutGiven: request.layout !== undefined || integration.settings.defaultLayoutNumber !== undefined,
    ...(request.adminMode
      ? { billedAs: { name: reseller.name, accountingSystemId: reseller.finance.accountingSystemId } }
      : {}),
  });
  if (problems.length > 0) {
    throw new ApiError(
      422,
      'multiple',
      `${problems.length} problem(s) must be fixed before these invoices can be exported`,
      problems.map((problem) => new ApiError(422, problem.key, problem.description)),
    );
  }

  const now = new Date().toISOString();
  const batchSize = batchSizeFor(accepted.length);
  const batches = toBatches(
    accepted.map((h) => h.id),
    batchSize,
  );
  const job: ExportJob = {
    id: newId(),
    reseller: resellerId,
    system,
    status: 'queued',
    options: {
      invoiceDate,
      invoicesToOmit: [...omit],
      groupInvoiceLines: request.groupInvoiceLines ?? false,
      ...(request.layout === undefined ? {} : { layout: request.layout }),
      adminMode: request.adminMode ?? false,
      externalLicenses: request.externalLicenses ?? false,
    },
    requestedBy,
    total: matching.length,
    exported: accepted.length,
    batchSize,
    batchCount: batches.length,
    createdAt: now,
  };
  try {
    await exportStore.createExportJob(job, batches);
  } catch (error) {
    if (!(error instanceof ExportAlreadyRunning)) throw error;
    throw new ApiError(
      409,
      'export_in_progress',
      `An export of ${invoiceDate.slice(0, 7)} to ${systemLabels[system]} is already running (${error.runningExport})`,
    );
  }
  try {
    // A crash before this line leaves the job queued with no message: the sweeper sends it again.
    await exportQueue.sendExportRequest(job);
  } catch (error) {
    // Not queued means never exported: say so on the job and free the month again.
    await exportStore.finishExportJob(job, ['queued'], {
      status: 'failed',
      failure: { reason: 'The export could not be queued' },
      finishedAt: new Date().toISOString(),
    });
    throw error;
  }
  return {
    status: 202,
    answer: { success: true, total: job.total, exported: job.exported, exportId: job.id },
  };
};
