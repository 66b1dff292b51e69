/**
 * POST /integration/{system}/invoice/draft (seeds 001 and 000): asks for a month's invoices to go
 * into e-conomic or Uniconta as draft orders. Who may ask for what is decided here; the checks,
 * the job and the queue are the shared export service's (commons/export-requests.ts), which the
 * monthly close's automatic export goes through too.
 */
import * as z from 'zod';
import { isMailboxAddress } from '#domain/email-address';
import { accessDenied, invalid } from '#lambda/errors';
import { httpHandler } from '#lambda/http-handler';
import { requestExport } from '../commons/export-requests.ts';
import { exportAnswer, exportRequestBody, exportRequestQuery } from './request-schemas.ts';

const dropUndefined = <T extends object>(value: T): Partial<T> =>
  Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;

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
  // The seed's query-string form is accepted too, each value checked on its own; the body wins.
  query: exportRequestQuery,
  body: exportRequestBody,
  handle: async ({ caller, path: { system }, query, body: given }) => {
    const request = { ...dropUndefined(query), ...given };
    if (request.adminMode && caller.role !== 'ADMIN') throw accessDenied('adminMode is for ADMIN only');
    if (request.layout !== undefined && system !== 'economic')
      throw invalid('layout', 'Layouts are e-conomic’s; Uniconta has none');
    if (caller.role === 'RESELLER' && request.reseller && request.reseller !== caller.reseller)
      throw accessDenied();
    if (caller.role === 'ADMIN' && !request.reseller)
      throw invalid('reseller', 'ADMIN must name the reseller to export for');
    const { status, answer } = await requestExport({
      system,
      options: { ...request, reseller: request.reseller ?? caller.reseller! },
      resellerNamed: request.reseller !== undefined,
      // The report goes to this address: stored only when it is one (the caller's claim is not checked upstream).
      requestedBy: {
        userId: caller.userId,
        ...(isMailboxAddress(caller.email) ? { email: caller.email } : {}),
      },
    });
    return { status, json: answer };
  },
});
