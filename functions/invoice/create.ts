/**
 * POST /invoice (seed 002): an invoice from lines, from the customer's current-invoice items, or
 * both. Every problem with the request is reported at once; the invoice, its lines and the removal
 * of the items it bills are written in one transaction, so nothing is half-made and no item is
 * billed twice. An `Idempotency-Key` header makes a retried request return the invoice the first
 * attempt made instead of making a second one.
 */
import { createHash } from 'node:crypto';
import * as z from 'zod';
import type { CurrentItem } from '#domain/current-item';
import { newId } from '#domain/ids';
import { startOfDay } from '#domain/invoice/calendar';
import { createInvoice } from '#domain/invoice/create-invoice';
import { invoiceLine } from '#domain/invoice/invoice-line';
import type { Product } from '#domain/product';
import { invalid, notFound, throwIfAny } from '#lambda/errors';
import { httpHandler } from '#lambda/http-handler';
import { lookUp } from '#store/directory';
import { getExportSystems } from '#store/export-systems';
import {
  getInvoice,
  InvoiceTooLarge,
  InvoiceWriteConflict,
  loadInvoiceInputs,
  type NewInvoiceWrite,
  putNewInvoice,
} from '#store/invoices';
import { getProducts } from '#store/products';
import { getReseller } from '#store/resellers';
import { invoiceDocument } from '../commons/documents.ts';
import {
  createInvoiceBodyDoc,
  createInvoiceDescription,
  inRequestOrder,
  readCreateInvoiceRequest,
} from './create-request.ts';
import { invoiceAnswer } from './invoice-answer.ts';

/**
 * A system that starts pulling this reseller's invoices between our read and our write makes the
 * write fail (see putNewInvoice); with the systems read again it goes through.
 */
const writeInvoice = async (write: NewInvoiceWrite): Promise<void> => {
  try {
    await putNewInvoice(write);
  } catch (error) {
    if (!(error instanceof InvoiceWriteConflict) || error.reason !== 'export-systems-changed') throw error;
    await putNewInvoice({ ...write, exportSystems: await getExportSystems(write.invoice.reseller) });
  }
};

const itemsGone = () => notFound('currentInvoices', 'Some or all items were not found');

/** Same key from the same tenant → same invoice id, so the conditional write catches the retry. */
const idempotentId = (reseller: string, key: string): string =>
  createHash('sha256').update(`${reseller}\n${key}`).digest('hex').slice(0, 24);

const fingerprint = (body: unknown): string =>
  createHash('sha256').update(JSON.stringify(body)).digest('hex');

export const handler = httpHandler({
  access: ['ADMIN', 'RESELLER'],
  docs: {
    summary: 'Create an invoice (seed 002)',
    description: createInvoiceDescription,
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
    },
  },
  body: z.record(z.string(), z.unknown()),
  handle: async ({ caller, body, event }) => {
    const now = new Date();
    const { request, problems } = readCreateInvoiceRequest(body, caller, startOfDay(now));
    const idempotencyKey = event.headers['idempotency-key'];
    if (idempotencyKey !== undefined && !/^[\x21-\x7e]{1,255}$/.test(idempotencyKey)) {
      problems.push(invalid('Idempotency-Key', 'Idempotency-Key must be 1-255 visible ASCII characters'));
    }

    const reseller =
      request.reseller ??
      caller.reseller ??
      (request.customer ? (await lookUp(request.customer, 'customer'))?.reseller : undefined);
    const [inputs, resellerExists] = await Promise.all([
      reseller && request.customer
        ? loadInvoiceInputs(
            reseller,
            request.customer,
            request.productRefs.map((ref) => ref.product),
            request.currentInvoices,
          )
        : undefined,
      caller.role === 'ADMIN' && request.reseller ? getReseller(request.reseller).then(Boolean) : true,
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
    if (missing.length > 0) for (const [id, product] of await getProducts(missing)) products.set(id, product);
    const lines = [
      ...request.lines.map((line) => invoiceLine(products.get(line.product)!, line)),
      ...items.map((item) => {
        const product = products.get(item.product);
        if (!product) throw new Error(`Current item ${item.id} refers to missing product ${item.product}`);
        return invoiceLine(product, item);
      }),
    ];

    const tenant = inputs!.customer!.reseller;
    const id = idempotencyKey ? idempotentId(tenant, idempotencyKey) : newId(now);
    const requestHash = fingerprint({ body, caller: caller.userId });
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
      await writeInvoice({
        invoice,
        consumedItems: items,
        requestHash,
        exportSystems: inputs!.exportSystems,
      });
    } catch (error) {
      // Measured before anything is written: refused by name, never a 500 after a commit.
      if (error instanceof InvoiceTooLarge) throw invalid('lines', error.message);
      if (!(error instanceof InvoiceWriteConflict)) throw error;
      if (error.reason === 'invoice-number-taken')
        throw invalid('invoiceNumber', 'Invoice number is already used');
      if (error.reason === 'items-gone') throw itemsGone();
      const earlier = await getInvoice(tenant, id);
      if (!earlier || earlier.requestHash !== requestHash) {
        throw invalid('Idempotency-Key', 'Idempotency-Key was already used for another request');
      }
      return answer(earlier.invoice);
    }
    return answer();
  },
});
