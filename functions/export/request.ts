import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { systemPath } from '#api/export';
import { exportRequestBody } from '#api/export-request';
import { requestExport } from '#app/exports/request-export-by-caller';
import { httpHandler } from '#lambda/http-handler';
import { metrics } from '#lambda/metrics';
import { queryOrBody } from '#lambda/query-as-body';
import { acceptExportPortsWith } from '#wiring/export-ports';
import { exportQueue } from '#wiring/sqs-export-queue';

const ports = acceptExportPortsWith(exportQueue);

export const handler = httpHandler(
  {
    access: ['ADMIN', 'RESELLER'],
    path: systemPath,
    // The seeds' query-string form stands in for the body, field by field; the body wins.
    body: queryOrBody(exportRequestBody),
    handle: async ({ caller, path: { system }, body: options }) => {
      const { outcome, answer } = await requestExport(ports, { caller, system, options });
      return { status: outcome === 'queued' ? 202 : 200, json: answer };
    },
  },
  // The accepted export's accounting calls are counted (AccountingCallsNotCounted when they cannot be).
  { middlewares: [logMetrics(metrics)] },
);
