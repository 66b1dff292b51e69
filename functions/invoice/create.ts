/**
 * POST /invoice (seed 002): an invoice from lines, from the customer's current-invoice items, or
 * both. Every problem with the request is reported at once; the invoice, its lines and the removal
 * of the items it bills are written in one transaction, so nothing is half-made and no item is
 * billed twice. An `Idempotency-Key` header makes a retried request return the invoice the first
 * attempt made instead of making a second one.
 */
import * as z from 'zod';
import { invoiceDocument } from '#api/documents';
import { InvoiceTooLarge, InvoiceWriteConflict } from '#app/ports/store';
import type { CurrentItem } from '#domain/current-item';
import { newId } from '#domain/ids';
import { startOfDay } from '#domain/invoice/calendar';
import { createInvoice } from '#domain/invoice/create-invoice';
import { invoiceLine } from '#domain/invoice/invoice-line';
import { InvoiceAmountTally } from '#domain/invoice/limits';
import type { InvoiceLine } from '#domain/invoice/model';
import type { Product } from '#domain/product';
import type { Caller } from '#lambda/caller';
import { ApiError, invalid, notFound, throwIfAny } from '#lambda/errors';
import { httpHandler } from '#lambda/http-handler';
import { directoryStore, invoiceStore, productStore, resellerStore } from '#wiring/store';
import { lineBeyondLimit, linesBeyondLimit } from '../commons/money-limits.ts';
import {
  createInvoiceBodyDoc,
  createInvoiceDescription,
  inRequestOrder,
  type RequestedLine,
  readCreateInvoiceRequest,
} from './create-request.ts';
import { idempotentInvoiceId, withInvoiceReplay } from './idempotent-replay.ts';
import { invoiceAnswer } from './invoice-answer.ts';

const itemsGone = () => notFound('currentInvoices', 'Some or all items were not found');

export const handler = httpHandler({
  access: ['ADMIN', 'RESELLER'],
  docs: {
    summary: 'Create an invoice (seed 002)',
    description: createInvoiceDescription,
    idempotencyKey: true,
    body: createInvoiceBodyDoc,
    responses: {
      201: {
        description:
          'The new invoice (included products shown; external licences are their own document: GET with externalLicenses=true)',
        schema: invoiceDocument,
      },
      404: {
        description:
          '`customer`, `reseller`, `lines[x].product` (Product not found / not valid for use), `currentInvoices` (Some or all items were not found)',
      },
      413: {
        description:
          '`{"message":"Request Too Long"}` from the gateway: the request is over Lambda’s 6 MB; nothing is written',
      },
      409: {
        description:
          '`Idempotency-Key`: another request with the key is in progress; `currentInvoices`: another request was billing the same items at that moment. Retrying is safe.',
      },
      422: {
        description:
          'A field (seed 002); `lines[x].units` / `lines[x].unitPrice` / `currentInvoices[x]` for a line beyond the line limit, `lines` for lines beyond the invoice limit; `Idempotency-Key` for a malformed key or one used for another request',
      },
    },
  },
  body: z.record(z.string(), z.unknown()),
  handle: withInvoiceReplay(async ({ caller, body }, idempotency) => {
    const now = new Date();
    const { request, problems } = readCreateInvoiceRequest(body, caller, startOfDay(now));

    const reseller =
      request.reseller ??
      caller.reseller ??
      (request.customer ? (await directoryStore.lookUp(request.customer, 'customer'))?.reseller : undefined);
    const [inputs, resellerExists] = await Promise.all([
      reseller && request.customer
        ? invoiceStore.loadInvoiceInputs(
            reseller,
            request.customer,
            request.productRefs.map((ref) => ref.product),
            request.currentInvoices,
          )
        : undefined,
      caller.role === 'ADMIN' && request.reseller
        ? resellerStore.getReseller(request.reseller).then(Boolean)
        : true,
    ]);
    if (!resellerExists) problems.push(notFound('reseller', 'Reseller not found'));
    else if (request.customer && !inputs?.customer) problems.push(notFound('customer', 'Customer not found'));

    const products = new Map<string, Product>(inputs?.products);
    for (const { index, product: id } of request.productRefs) {
      const product = products.get(id);
      if (!product) problems.push(notFound(`lines[${index}].product`, 'Product not found'));
      else if (product.barred)
        problems.push(notFound(`lines[${index}].product`, 'Product not found or not valid for use'));
    }

    const items: CurrentItem[] = [];
    if (inputs?.customer) {
      if (request.currentInvoices.some((id) => !inputs.currentItems.has(id))) problems.push(itemsGone());
      request.currentInvoices.forEach((id, index) => {
        const item = inputs.currentItems.get(id);
        if (!item) return;
        if (item.recurrence !== 'NONE' || item.locked) {
          problems.push(
            invalid(
              `currentInvoices[${index}]`,
              item.locked
                ? 'Current invoice item cannot be included: it is locked'
                : 'Current invoice item cannot be included due to recurrence',
            ),
          );
        } else items.push(item);
      });
    }
    throwIfAny(inRequestOrder(problems));

    const missing = items.map((item) => item.product).filter((id) => !products.has(id));
    if (missing.length > 0)
      for (const [id, product] of await productStore.getProducts(missing)) products.set(id, product);
    const lines = [
      ...request.lines.map((line) => invoiceLine(products.get(line.product)!, line)),
      ...items.map((item) => {
        const product = products.get(item.product);
        if (!product) throw new Error(`Current item ${item.id} refers to missing product ${item.product}`);
        return invoiceLine(product, item);
      }),
    ];

    throwIfAny(amountsBeyondLimits(lines, request.lines, caller));

    const tenant = inputs!.customer!.reseller;
    const id = idempotency ? idempotentInvoiceId(tenant, idempotency.key) : newId(now);
    const requestHash = idempotency?.fingerprint;
    const invoice = createInvoice(
      {
        reseller: tenant,
        customer: request.customer!,
        sent: request.sent,
        paid: request.paid,
        invoiceNumber: request.invoiceNumber,
        invoiceDate: request.invoiceDate,
        dueDate: request.dueDate,
        headline: request.headline,
        lines,
        createdBy: caller.email ?? caller.userId,
      },
      { id, now },
    );
    // The same answer as GET: a very large invoice answers its first lines and where the rest begin.
    const answer = (stored = invoice) =>
      invoiceAnswer(stored, caller.role, { showIncludedProducts: true }, 201);

    try {
      await invoiceStore.putNewInvoice({ invoice, consumedItems: items, requestHash });
    } catch (error) {
      // Measured before anything is written: refused by name, never a 500 after a commit.
      if (error instanceof InvoiceTooLarge) throw invalid('lines', error.message);
      if (!(error instanceof InvoiceWriteConflict)) throw error;
      if (error.reason === 'invoice-number-taken')
        throw invalid('invoiceNumber', 'Invoice number is already used');
      if (error.reason === 'items-gone') throw itemsGone();
      // invoice-exists (an earlier attempt with the same Idempotency-Key) and concurrent-write are
      // withInvoiceReplay's to answer with the winner's invoice.
      if (!idempotency && error.reason === 'concurrent-write') throw concurrentWrite();
      throw error;
    }
    return answer();
  }),
});

const concurrentWrite = () =>
  new ApiError(409, 'currentInvoices', 'Another request was billing the same items at the same time; retry');

/**
 * The money limits (packages/domain/src/invoice/limits.ts) over the invoice's lines, in their order:
 * the requested lines first (named by their index and the field that makes them too large), then
 * the current items (named `currentInvoices[x]`: a product's price may have risen since the item
 * was put on), then the invoice as a whole (`lines`).
 */
const amountsBeyondLimits = (
  lines: readonly InvoiceLine[],
  requested: readonly RequestedLine[],
  caller: Caller,
): ApiError[] => {
  const problems: ApiError[] = [];
  const tally = new InvoiceAmountTally();
  let total: ApiError | undefined;
  lines.forEach((line, position) => {
    const asked = requested[position];
    const itemIndex = position - requested.length;
    const beyond = asked
      ? lineBeyondLimit(
          line,
          caller,
          (column) => asked[column] !== undefined,
          (field) => `lines[${asked.index}].${field}`,
        )
      : lineBeyondLimit(
          line,
          caller,
          () => false,
          () => `currentInvoices[${itemIndex}]`,
        );
    if (beyond) problems.push(beyond);
    else {
      const column = tally.admit(line);
      if (column && !total) total = linesBeyondLimit(caller, column);
    }
  });
  return problems.length > 0 || !total ? problems : [total];
};
