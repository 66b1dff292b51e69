/**
 * GET /invoice/{id} (seed 003): the invoice as JSON or CSV, in Danish or English, lines grouped or
 * not, with the prices the caller's role may see. One DynamoDB query for an ordinary invoice.
 */
import { invoiceCsv } from '#domain/invoice/csv';
import { presentInvoice } from '#domain/invoice/visibility';
import { httpHandler } from '#lambda/http-handler';
import { invoiceDocument } from '../commons/documents.ts';
import { idPath } from '../commons/schemas.ts';
import { requireVisibleInvoice } from './find.ts';
import { invoiceViewQuery } from './get-options.ts';

export const handler = httpHandler({
  access: ['ADMIN', 'RESELLER', 'USER'],
  docs: {
    summary: 'Read an invoice (seed 003)',
    description:
      'JSON or CSV, Danish or English. Display options never change the totals, which are the invoice’s legal amounts; `externalLicenses=true` shows the external-licence document with its own totals.',
    responses: {
      200: {
        description:
          'The invoice (JSON), or with format=csv a CSV file (UTF-8 with BOM; `da`: `;` and decimal comma; `en`: `,` and decimal point)',
        schema: invoiceDocument,
      },
      404: { description: '`not_found`: no such invoice, or not one the caller may see' },
    },
  },
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
