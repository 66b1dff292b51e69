/**
 * POST /integration/{system}/invoice/draft (docs/seeds/001-economic-export.txt and docs/seeds/000-uniconta-export.txt): asks for a month's invoices to go
 * into e-conomic or Uniconta as draft orders (packages/app/src/exports/request-export-by-caller.ts).
 */
import { exportAnswer, exportRequestBody, exportRequestQuery, systemPath } from '#api/export';
import { requestExport } from '#app/exports/request-export-by-caller';
import { httpHandler } from '#lambda/http-handler';
import { acceptExportPorts } from '#wiring/export-ports';

const dropUndefined = <T extends object>(value: T): Partial<T> =>
  Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;

export const handler = httpHandler({
  access: ['ADMIN', 'RESELLER'],
  docs: {
    summary: 'Export a month’s invoices as draft orders',
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
  path: systemPath,
  // The seed's query-string form is accepted too, each value checked on its own; the body wins.
  query: exportRequestQuery,
  body: exportRequestBody,
  handle: async ({ caller, path: { system }, query, body }) => {
    const options = { ...dropUndefined(query), ...body };
    const { outcome, answer } = await requestExport(acceptExportPorts, { caller, system, options });
    return { status: outcome === 'queued' ? 202 : 200, json: answer };
  },
});
