/**
 * What the API reference (docs/openapi.json) says of the route of ./request.ts beside its schemas:
 * read by `npm run openapi`, never bundled with the handler.
 */

import * as z from 'zod/mini';
import { exportAnswer } from '#api/documents';
import type { RouteDocs } from '#lambda/http-handler';

export const docs: RouteDocs = {
  summary: 'Export a month’s invoices as draft orders',
  description:
    'Validates at once, then exports asynchronously: one draft order per invoice; if the export fails, every draft it made is deleted again. Each draft’s net, VAT and gross, as the accounting system decided them, must equal its invoice’s: a difference fails the export (its `failure.reason` names the invoice and both amounts) and its drafts are deleted (docs/books-and-vat.md). An e-mail tells the requesting user and the reseller’s accounting e-mail how it went. An invoice with external-licence lines is two documents: the invoice proper (the default) and its external-licence lines (`externalLicenses: true`); each is exported, and marked, on its own, in either order. A second export of the same month, system, books (`adminMode`) and document while one runs is `409 export_in_progress`; the other document may be exported meanwhile. An invoice whose document went to these books before is not exported again; its mark is `economic` or `uniconta` for the invoice proper, with `:platform` for the platform’s books and `:external-licenses` for the licence lines (`economic:platform:external-licenses`), the `system_id` under which `GET /invoices/export` lists what has not gone.\n\nEvery option may be given in the JSON body or as a query parameter of the same name (the seeds’ query form, with no body): numbers as digits (`layout=24`), booleans as `true`/`false`/`1`/`0` in any case, `invoicesToOmit` as a comma list or a repeated key (`invoicesToOmit=a&invoicesToOmit=b`, also `invoicesToOmit[]=`). When both are given, each field given in the body wins over the same query parameter. A value that does not read as its option is `422` naming it (`layout=abc` → `422 layout`); an unknown parameter is `422 query`, its description naming it, as an unknown body field is `422 body`. No body and no query is an empty body.',
  responses: {
    200: {
      description:
        'Nothing to export: no invoice of the month is left once the omitted ones and those exported already are left out; no job is started (no `exportId`)',
      schema: z.omit(exportAnswer, { exportId: true }),
    },
    202: { description: 'Accepted: the job is queued', schema: exportAnswer },
    403: {
      description:
        '`access_denied`; `economic` / `uniconta`: the integration is not set up or its credentials do not work (the system refused them)',
    },
    503: {
      description:
        '`accounting_unavailable`: the accounting system could not be reached or asked us to slow down (a 5xx, a 429, a timeout or no answer), which says nothing of the credentials; nothing was started. The `Retry-After` header gives the seconds to wait: the system’s own `Retry-After` when it sent one, else 30.',
      headers: { 'Retry-After': 'Seconds to wait before asking again' },
    },
    404: {
      description:
        '`reseller`: Reseller not found; `id`: the caller’s own reseller (the default) was not found',
    },
    409: { description: '`export_in_progress`: the same export is running' },
    422: {
      description:
        '`multiple`: every problem of the month’s invoices, checked against the accounting system’s master data at once — `customer`, `finance.accountingSystemId`, `economic.customer` / `uniconta.customer`, `economic.customerGroup.layout`, `economic.paymentTerms` (the customer’s e-conomic payment terms are of type `dueDate`, which needs a due date on the draft, and none can be decided: the invoice has no due date on or after its invoice date, and the integration has no `defaultDaysOfCredit`; the description names the terms by number, name and type, and the customer), `economic.product` / `uniconta.product`, and `layout`: the e-conomic layout named for the export is not one of the agreement’s layouts (or is deleted). Uniconta has no layouts in this API (its seed takes no `layout`): a `layout` for Uniconta is `422 layout` on its own. A query or body value that does not read as its option is `422` naming it.' +
        ' `uniconta.field` (Uniconta only): a text the sales order would carry that Uniconta cannot take, naming the field (`Remark`: the heading with the invoice’s headline; `lines[i].Text`: a line’s name, description and period; `YourRef`), the invoice and its customer — longer than the field holds once surrounding white space is trimmed (`Remark` and `Text` 250 characters, `YourRef` 60, counted as UTF-16 units: an emoji counts 2), or holding a control character (a line break only in the `Remark`). Surrounding white space is trimmed silently and a text left empty is left out; a text is never cut, since a cut line text changes what the customer reads (the limits and how sure each is: docs/contracts/uniconta.md §3a).' +
        ' `uniconta.allowance` (Uniconta only): the export needs more calls than remain of today’s Uniconta call allowance (5,000 a day on a standard plan; the day is Danish time), counting the calls this integration made today, this request’s own checks included; the description gives the figures: calls needed (2 per invoice, and 4 per batch of up to 100 invoices to read the VAT tables), remaining, the allowance and the calls used today.' +
        ' `economic.product.vat` (e-conomic only): e-conomic decides a line’s VAT by its product’s group and the customer’s VAT zone, and the invoice bills a product the other way: VAT-exempt on a product that carries VAT in the customer’s zone, or with 25 % VAT on one that carries another rate (0 % in the EU or abroad zone, or a VAT-free group); the description names the product, its rate, the customer, the zone and the invoice (docs/books-and-vat.md).' +
        ' `uniconta.exemptVatCode` (Uniconta only): an invoice has VAT-exempt lines and the integration has no `exemptVatCode` to send them with; one per invoice.',
    },
  },
};
