/**
 * POST /invoice: an invoice from lines, from the customer's current-invoice items, or both. Every
 * problem with the request is reported at once, in the request's order; the invoice, its lines and
 * the removal of the items it bills are one write, so nothing is half-made and no item is billed
 * twice. With an `Idempotency-Key` a retried request gets the invoice the first attempt made.
 */
import type { Clock } from '#app/ports/clock';
import type { Ids } from '#app/ports/ids';
import { type InvoiceInputs, InvoiceWriteConflict, type NewInvoiceWrite } from '#app/ports/store';
import type { Caller } from '#domain/caller';
import type { CurrentItem } from '#domain/current-item';
import { createInvoice as newInvoice } from '#domain/invoice/create-invoice';
import { invoiceLine } from '#domain/invoice/invoice-line';
import type { CreateInvoiceRequest } from '#domain/invoice/invoice-request';
import { whyNotBillableByHand } from '#domain/invoice/manual-billing';
import { type Invoice, PENDING_INVOICE_NUMBER } from '#domain/invoice/model';
import { explicitNumberRefusal } from '#domain/invoice/numbering';
import { inRequestOrder } from '#domain/invoice/request-order';
import type { Product } from '#domain/product';
import { invalid, notFound, type Refusal, throwIfAny } from '#domain/refusal';
import type { Reseller } from '#domain/reseller';
import type { IdempotencyKeyOf } from '../idempotency.ts';
import { type IdDirectory, tenantOf } from '../tenancy.ts';
import { amountsBeyondLimits } from './amounts-beyond-limits.ts';
import { type InvoiceIdempotency, idempotentInvoiceId, withInvoiceReplay } from './invoice-idempotency.ts';
import { withSeriesNumber } from './series.ts';
import type { InvoiceReader } from './visible-invoice.ts';
import { itemsGone, writeFailure } from './write-conflicts.ts';

export interface CreateInvoicePorts {
  readonly invoices: InvoiceReader & {
    loadInvoiceInputs(
      reseller: string,
      customer: string,
      productIds: readonly string[],
      currentItemIds: readonly string[],
    ): Promise<InvoiceInputs>;
    putNewInvoice(write: NewInvoiceWrite): Promise<void>;
  };
  readonly directory: IdDirectory;
  readonly resellers: { getReseller(id: string): Promise<Reseller | undefined> };
  readonly products: { getProducts(ids: readonly string[]): Promise<Map<string, Product>> };
  readonly clock: Clock;
  readonly ids: Ids;
}

export interface CreateInvoiceInput {
  readonly caller: Caller;
  /** The request as read (packages/api-contract/src/invoice-request.ts) and the problems found reading it. */
  readonly request: CreateInvoiceRequest;
  readonly problems: readonly Refusal[];
  readonly idempotency?: IdempotencyKeyOf;
  /** How long to wait for a concurrent attempt's invoice (tests shorten it). */
  readonly waits?: readonly number[];
}

export const createInvoice = async (
  ports: CreateInvoicePorts,
  input: CreateInvoiceInput,
): Promise<Invoice> => {
  // Named once: it scopes the key and is where the customer is read.
  const tenant = await requestTenant(ports, input);
  return withInvoiceReplay(
    ports,
    tenant,
    input.idempotency,
    (idempotency) => makeInvoice(ports, input, tenant, idempotency),
    input.waits,
  );
};

/**
 * The tenant the request names: the body's reseller (ADMIN; a RESELLER's own or refused by the
 * reading), the caller's, or for ADMIN the customer's owner in the id directory.
 */
const requestTenant = async (
  ports: CreateInvoicePorts,
  { caller, request }: CreateInvoiceInput,
): Promise<string | undefined> =>
  request.reseller ??
  (request.customer
    ? await tenantOf(ports.directory, caller, request.customer, 'customer')
    : caller.reseller);

/** The checks that need the store, added to the reading's problems. */
const checkInputs = async (
  ports: CreateInvoicePorts,
  { caller, request, problems: read }: CreateInvoiceInput,
  reseller: string | undefined,
): Promise<{ inputs: InvoiceInputs; products: Map<string, Product>; items: CurrentItem[] }> => {
  const problems = [...read];
  const productIds = request.productRefs.map((ref) => ref.product);
  const [inputs, resellerExists] = await Promise.all([
    reseller && request.customer
      ? ports.invoices.loadInvoiceInputs(reseller, request.customer, productIds, request.currentInvoices)
      : // No customer to read (malformed, or ADMIN's unknown one names no tenant): the products are
        // checked on their own all the same, so that an unknown customer is answered as itself and
        // not with every valid product "not found" besides. The items are the customer's: unread.
        ports.products
          .getProducts(productIds)
          .then((products): InvoiceInputs => ({ products, currentItems: new Map() })),
    caller.role === 'ADMIN' && request.reseller
      ? ports.resellers.getReseller(request.reseller).then(Boolean)
      : true,
  ]);
  if (!resellerExists) problems.push(notFound('reseller', 'Reseller not found'));
  else if (request.customer && !inputs.customer) problems.push(notFound('customer', 'Customer not found'));

  const products = new Map<string, Product>(inputs.products);
  for (const { index, product: id } of request.productRefs) {
    const product = products.get(id);
    if (!product) problems.push(notFound(`lines[${index}].product`, 'Product not found'));
    else if (product.barred)
      problems.push(notFound(`lines[${index}].product`, 'Product not found or not valid for use'));
  }

  const items: CurrentItem[] = [];
  if (inputs.customer) {
    if (request.currentInvoices.some((id) => !inputs.currentItems.has(id))) problems.push(itemsGone());
    request.currentInvoices.forEach((id, index) => {
      const item = inputs.currentItems.get(id);
      if (!item) return;
      const refused = whyNotBillableByHand(item);
      if (refused) problems.push(invalid(`currentInvoices[${index}]`, refused));
      else items.push(item);
    });
  }
  throwIfAny(inRequestOrder(problems));
  return { inputs, products, items };
};

/** One attempt: check, build and write the invoice (the replay around it is invoice-idempotency.ts). */
const makeInvoice = async (
  ports: CreateInvoicePorts,
  input: CreateInvoiceInput,
  reseller: string | undefined,
  idempotency: InvoiceIdempotency | undefined,
): Promise<Invoice> => {
  const { caller, request } = input;
  const now = ports.clock.now();
  const { inputs, products, items } = await checkInputs(ports, input, reseller);

  const missing = items.map((item) => item.product).filter((id) => !products.has(id));
  if (missing.length > 0)
    for (const [id, product] of await ports.products.getProducts(missing)) products.set(id, product);
  const lines = [
    ...request.lines.map((line) => invoiceLine(products.get(line.product)!, line)),
    ...items.map((item) => {
      const product = products.get(item.product);
      if (!product) throw new Error(`Current item ${item.id} refers to missing product ${item.product}`);
      return invoiceLine(product, item);
    }),
  ];
  throwIfAny(amountsBeyondLimits(lines, request.lines, caller.role));

  const tenant = inputs.customer!.reseller;
  const id = idempotency ? idempotentInvoiceId(tenant, idempotency.key) : ports.ids.newId(now);
  // Read with the customer, in the inputs' one BatchGet: an invoice is only made once its customer
  // was read there (checkInputs refuses it otherwise).
  const numbering = inputs.reseller;
  const refused = numbering && explicitNumberRefusal(numbering, request.invoiceNumber);
  if (refused) throw refused;
  // A number given (one the series cannot give, see above) is the invoice's own: it takes none of the series.
  const given = request.invoiceNumber !== undefined && request.invoiceNumber !== PENDING_INVOICE_NUMBER;
  return withSeriesNumber(
    async () => (given ? undefined : ports.resellers.getReseller(tenant)),
    async (number) => {
      const invoice = newInvoice(
        {
          reseller: tenant,
          customer: request.customer!,
          sent: request.sent,
          paid: request.paid,
          invoiceNumber: number === undefined ? request.invoiceNumber : String(number),
          invoiceDate: request.invoiceDate,
          dueDate: request.dueDate,
          headline: request.headline,
          lines,
          createdBy: caller.email ?? caller.userId,
        },
        { id, now },
      );
      try {
        await ports.invoices.putNewInvoice({
          invoice,
          consumedItems: items,
          requestHash: idempotency?.fingerprint,
          ...(number === undefined ? {} : { seriesNumber: number }),
        });
      } catch (error) {
        // A lost race for the series' number is withSeriesNumber's to retry; the rest is the caller's.
        if (
          number !== undefined &&
          error instanceof InvoiceWriteConflict &&
          ['series-moved', 'concurrent-write'].includes(error.reason)
        )
          throw error;
        throw writeFailure(error, idempotency !== undefined);
      }
      return invoice;
    },
    given ? undefined : numbering,
  );
};
