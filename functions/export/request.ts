/**
 * POST /integration/{system}/invoice/draft (seeds 001 and 000): asks for a month's invoices to go
 * into e-conomic or Uniconta as draft orders. Everything that can be known now is checked now —
 * access, the integration and its credentials, every invoice's customer and products against the
 * accounting system's master data (read in pages, once) — and every problem is reported together.
 * Then the job is recorded and queued; the export saga does the rest and e-mails the outcome.
 */
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import * as z from 'zod';
import { AccountingAuthFailed } from '#accounting/errors';
import type { Customer } from '#domain/customer';
import { checkExport } from '#domain/export-checks';
import { type ExportJob, exportPeriod, toBatches } from '#domain/export-job';
import { newId } from '#domain/ids';
import { type AccountingSystemName, type IntegrationOwner, systemLabels } from '#domain/integration';
import { localDate, startOfLocalDate } from '#domain/invoice/calendar';
import { ApiError, accessDenied, invalid, notFound } from '#lambda/errors';
import { httpHandler } from '#lambda/http-handler';
import { batchGetAll } from '#store/batch-get';
import { createExportJob, ExportAlreadyRunning, releaseExportLock, updateExportJob } from '#store/exports';
import { invoiceHeadersInPeriod } from '#store/invoices';
import { customerKey } from '#store/keys';
import { getReseller } from '#store/resellers';
import { connectIntegration } from '../commons/accounting.ts';
import { exportAnswer, exportRequestBody } from './request-schemas.ts';

const sqs = new SQSClient({});

/** Batches small enough to retry cheaply, few enough (≤ 90) to record with the job in one transaction. */
const batchSizeFor = (count: number): number => Math.max(10, Math.ceil(count / 90));

const integrationInvalid = (system: AccountingSystemName, why: string) =>
  new ApiError(403, system, `The ${systemLabels[system]} integration is not valid: ${why}`);

/** The seed's query-string form is accepted too; the body wins. */
const fromQuery = (query: Record<string, string | undefined>) =>
  Object.fromEntries(
    Object.entries({
      reseller: query.reseller,
      invoiceDate: query.invoiceDate,
      layout: query.layout === undefined ? undefined : Number(query.layout),
      groupInvoiceLines:
        query.groupInvoiceLines === undefined ? undefined : query.groupInvoiceLines === 'true',
      adminMode: query.adminMode === undefined ? undefined : query.adminMode === 'true',
      externalLicenses: query.externalLicenses === undefined ? undefined : query.externalLicenses === 'true',
    }).filter(([, value]) => value !== undefined),
  );

export const handler = httpHandler({
  access: ['ADMIN', 'RESELLER'],
  docs: {
    summary: 'Export a month’s invoices as draft orders (seeds 001, 000)',
    description:
      'Validates at once, then exports asynchronously: one draft order per invoice; if the export fails, every draft it made is deleted again. An e-mail tells the requesting user and the reseller’s accounting e-mail how it went. A second export of the same month and system while one runs is `409 export_in_progress`. Invoices already exported to this system are not exported again.',
    responses: {
      202: { description: 'Accepted: the job is queued', schema: exportAnswer },
      403: {
        description:
          '`access_denied`; `economic` / `uniconta`: the integration is not set up or its credentials fail',
      },
      404: {
        description:
          '`reseller`: Reseller not found; `id`: the caller’s own reseller (the default) was not found',
      },
      409: { description: '`export_in_progress`: the same export is running' },
      422: {
        description:
          '`multiple`: every invoice problem — `customer`, `finance.accountingSystemId`, `economic.customer` / `uniconta.customer`, `economic.customerGroup.layout`, `economic.product` / `uniconta.product`',
      },
    },
  },
  path: z.object({ system: z.enum(['economic', 'uniconta'], { error: 'Unknown accounting system' }) }),
  body: exportRequestBody,
  handle: async ({ caller, path: { system }, body: given, event }) => {
    const request = exportRequestBody.parse({ ...fromQuery(event.queryStringParameters ?? {}), ...given });
    if (request.adminMode && caller.role !== 'ADMIN') throw accessDenied('adminMode is for ADMIN only');
    if (request.layout !== undefined && system !== 'economic')
      throw invalid('layout', 'Layouts are e-conomic’s; Uniconta has none');
    if (caller.role === 'RESELLER' && request.reseller && request.reseller !== caller.reseller)
      throw accessDenied();
    if (caller.role === 'ADMIN' && !request.reseller)
      throw invalid('reseller', 'ADMIN must name the reseller to export for');
    const resellerId = request.reseller ?? caller.reseller!;
    const reseller = await getReseller(resellerId);
    if (!reseller)
      throw request.reseller
        ? notFound('reseller', 'Reseller not found')
        : notFound('id', 'Customer not found');

    const owner: IntegrationOwner = request.adminMode
      ? { kind: 'platform' }
      : { kind: 'reseller', reseller: resellerId };
    const integration = await connectIntegration(owner, system);
    if (!integration) throw integrationInvalid(system, 'it is not set up');
    try {
      await integration.accounting.verifyCredentials();
    } catch (error) {
      if (error instanceof AccountingAuthFailed)
        throw integrationInvalid(system, 'the credentials were refused');
      throw integrationInvalid(system, `it could not be reached (${(error as Error).message})`);
    }

    const invoiceDate = request.invoiceDate ?? `${localDate(new Date()).slice(0, 8)}01`;
    const period = exportPeriod(invoiceDate);
    const markedAs = request.adminMode ? `${system}:platform` : system;
    const matching = (
      await invoiceHeadersInPeriod(
        resellerId,
        startOfLocalDate(period.from).toISOString(),
        startOfLocalDate(period.to).toISOString(),
      )
    )
      .filter((header) => !header.exportedTo?.[markedAs])
      .filter(
        (header) =>
          (request.externalLicenses ? header.externalLicenseProductCodes : header.productCodes).length > 0,
      );
    const omit = new Set(request.invoicesToOmit ?? []);
    const accepted = matching.filter((header) => !omit.has(header.id));
    if (accepted.length === 0) {
      return { status: 200, json: { success: true, total: matching.length, exported: 0 } };
    }

    const customerItems = await batchGetAll(
      [...new Set(accepted.map((h) => h.customer))].map((id) => customerKey(resellerId, id)),
    );
    const customers = new Map(customerItems.map((item) => [item.id as string, item as unknown as Customer]));
    const problems = checkExport({
      system,
      invoices: accepted.map((h) => ({
        id: h.id,
        customer: h.customer,
        productCodes: (request.externalLicenses ? h.externalLicenseProductCodes : h.productCodes) ?? [],
      })),
      customers,
      masterData: await integration.accounting.loadMasterData(),
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
      requestedBy: { userId: caller.userId, ...(caller.email ? { email: caller.email } : {}) },
      total: matching.length,
      exported: accepted.length,
      batchSize,
      batchCount: batches.length,
      createdAt: now,
    };
    try {
      await createExportJob(job, batches);
    } catch (error) {
      if (!(error instanceof ExportAlreadyRunning)) throw error;
      throw new ApiError(
        409,
        'export_in_progress',
        `An export of ${invoiceDate.slice(0, 7)} to ${systemLabels[system]} is already running (${error.runningExport})`,
      );
    }
    try {
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: process.env.EXPORT_QUEUE_URL,
          MessageBody: JSON.stringify({ exportId: job.id, reseller: job.reseller, system }),
          MessageGroupId: `${job.reseller}#${system}`,
          MessageDeduplicationId: job.id,
        }),
      );
    } catch (error) {
      // Not queued means never exported: say so on the job and free the month again.
      await updateExportJob(job, ['queued'], {
        status: 'failed',
        failure: { reason: 'The export could not be queued' },
        finishedAt: new Date().toISOString(),
      });
      await releaseExportLock(job);
      throw error;
    }
    return {
      status: 202,
      json: { success: true, total: job.total, exported: job.exported, exportId: job.id },
    };
  },
});
