/**
 * What the API reference (docs/openapi.json) says of the route of ./get.ts beside its schemas:
 * read by `npm run openapi`, never bundled with the handler.
 */

import { invoiceDocument } from '#api/documents';
import type { RouteDocs } from '#lambda/http-handler';

export const docs: RouteDocs = {
  summary: 'Read an invoice',
  description:
    'JSON or CSV, Danish or English. Display options never change the totals, which are the invoice’s legal amounts; `externalLicenses=true` shows the external-licence document with its own totals.\n\n' +
    'A very large invoice (thousands of lines with long texts) may not fit in one answer (Lambda returns at most 6 MB): then the answer carries the first lines that fit, and `linesPage` (JSON) and the `X-Lines-Offset`, `X-Lines-Count`, `X-Lines-Total` and `X-Lines-Next-Offset` headers (JSON and CSV) say where it stands; ask again with `linesOffset` = `linesPage.nextOffset` until there is none. `linesOffset` / `linesLimit` ask for a page of any invoice. A CSV page has the header row, its lines, and on the last page the totals rows. An invoice that fits in one answer is answered whole, without `linesPage`.',
  responses: {
    200: {
      description:
        'The invoice (JSON), or with format=csv a CSV file (UTF-8 with BOM; `da`: `;` and decimal comma; `en`: `,` and decimal point)',
      schema: invoiceDocument,
      alsoAsText: ['text/csv'],
      headers: {
        'X-Lines-Offset': 'On a page of the lines (see above): the first line of this answer, 0-based',
        'X-Lines-Count': 'On a page of the lines: how many lines this answer carries',
        'X-Lines-Total': 'On a page of the lines: how many lines the invoice (as shown) has',
        'X-Lines-Next-Offset':
          'On a page of the lines: the `linesOffset` of the next page; absent on the last',
      },
    },
    422: {
      description:
        '`linesOffset` (past the last line, or not a whole number), `linesLimit`, or another option',
    },
    404: { description: '`not_found`: no such invoice, or not one the caller may see' },
  },
};
