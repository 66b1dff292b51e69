/**
 * GET /invoice/{id} (seed 003): the invoice as JSON or CSV, in Danish or English, lines grouped or
 * not, with the prices the caller's role may see. One DynamoDB query for an ordinary invoice.
 */
import { invoiceCsv } from '#domain/invoice/csv';
import { presentInvoice } from '#domain/invoice/visibility';
import { httpHandler } from '#lambda/http-handler';
import { idPath } from '../commons/schemas.ts';
import { requireVisibleInvoice } from './find.ts';
import { invoiceViewQuery } from './get-options.ts';

export const handler = httpHandler({
  access: ['ADMIN', 'RESELLER', 'USER'],
  path: idPath,
  query: invoiceViewQuery,
  handle: async ({ caller, path, query }) => {
    const { invoice } = await requireVisibleInvoice(caller, path.id);
    const { format, lang, ...view } = query;
    if (format === 'csv') {
      const name = invoice.invoiceNumber === '-1' ? invoice.id : invoice.invoiceNumber;
      return {
        status: 200,
        text: invoiceCsv(invoice, caller.role, { ...view, lang }),
        contentType: 'text/csv; charset=utf-8',
        filename: `${lang === 'da' ? 'faktura' : 'invoice'}-${name}.csv`,
      };
    }
    return { status: 200, json: presentInvoice(invoice, caller.role, view) };
  },
});
