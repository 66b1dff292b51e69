import { forEachBounded } from '#app/bounded';
import type {
  AccountingCustomer,
  AccountingPort,
  CreateDraftOptions,
  CreatedDraft,
  DeleteOutcome,
  Draft,
  DraftOrder,
} from '#app/ports/accounting';
import { AccountingRejected, AccountingUnavailable } from '#domain/accounting-failures';
import type { BookingsSeen } from '#domain/booking-sync';
import type { DraftTotals } from '#domain/draft-totals';
import { usableDueDate } from '#domain/payment-terms';
import { asInteger, asNumber, asRecord, asRecords, asString, at, type JsonRecord } from '../json.ts';
import { refuse } from '../refusal.ts';
import { checkReference, economicDraftBody, parseCustomerNumber } from './draft-body.ts';
import { equalsFilter } from './filter.ts';
import { customerOf, type LayoutBook } from './master-data.ts';
import {
  ECONOMIC_PAGE_SIZE,
  type EconomicAdapterOptions,
  type EconomicReader,
  economicAgreement,
  economicReader,
  PAGES_AT_ONCE,
} from './reader.ts';

export type { EconomicAdapterOptions } from './reader.ts';

/**
 * The e-conomic adapter: Visma e-conomic's classic REST API (`https://restapi.e-conomic.com`),
 * which is the only one that creates draft ORDERS (`POST /orders/drafts`, contract §1). The
 * credentials and the master data are the reader's (reader.ts), over the same agreement; this
 * adds the drafts.
 *
 * Calls per operation: verifyCredentials 1 (GET /self); loadMasterData one per 1,000 customers,
 * products, customer groups, layouts, payment terms and VAT accounts, and one per product group for
 * its sales accounts (7 for a small agreement); createDraft 1
 * (POST with the lines inline; +1 lookup unless `firstAttempt`; an adapter that did not load the
 * master data reads a customer once, and the payment terms once when a default days of credit
 * could decide the due date); findDraftByReference 1; deleteDraft 2 (read, check the reference,
 * delete), +1 filter to confirm absence when the draft is not there.
 */

export interface EconomicAdapter extends AccountingPort, EconomicReader {
  readonly system: 'economic';
}

/** e-conomic takes at most 200 values in one `$in:` filter (contract §9). */
const customersPerFilteredRead = 200;

export const createEconomicAdapter = (options: EconomicAdapterOptions): EconomicAdapter => {
  const agreement = economicAgreement(options);
  const { http, customers, readAll, loadLayoutBook, loadPaymentTerms } = agreement;
  /** Keys this process has already sent: a second createDraft with one of them looks first. */
  const attempted = new Set<string>();

  /**
   * Reads under way, shared: a batch makes several drafts at once, often for the same customer, and
   * each would otherwise read the customer (and the layouts) itself. A failed read is forgotten,
   * so the next draft tries again.
   */
  const customerReads = new Map<number, Promise<AccountingCustomer>>();
  let layoutRead: Promise<LayoutBook> | undefined;

  const sharedLayoutBook = (operation: string): Promise<LayoutBook> => {
    const { layoutBook } = agreement;
    if (layoutBook) return Promise.resolve(layoutBook);
    if (!layoutRead) {
      const reading = loadLayoutBook(operation);
      layoutRead = reading;
      reading.catch(() => {
        if (layoutRead === reading) layoutRead = undefined;
      });
    }
    return layoutRead;
  };

  const readCustomer = async (customerNumber: number, needLayout: boolean): Promise<AccountingCustomer> => {
    const operation = 'createDraft';
    const response = await http.request({
      method: 'GET',
      path: `/customers/${customerNumber}`,
      operation,
      allowStatus: [404],
    });
    if (response.status === 404) {
      throw new AccountingRejected(
        `Customer ${customerNumber} was not found in e-conomic`,
        404,
        response.body,
      );
    }
    const book = needLayout ? await sharedLayoutBook(operation) : emptyBook(options);
    const customer = asRecord(response.body) && customerOf(book, response.body as JsonRecord);
    if (!customer)
      throw new AccountingUnavailable(`e-conomic answered customer ${customerNumber} without a number`);
    if (needLayout) customers.set(customerNumber, customer);
    return customer;
  };

  /** From the master data already read, else one GET /customers/{n} (and the layouts, once), shared by the drafts that need it at once. */
  const customerFor = (customerNumber: number, needLayout: boolean): Promise<AccountingCustomer> => {
    const known = customers.get(customerNumber);
    if (known) return Promise.resolve(known);
    // Only a read with the layout resolved serves every caller; one without serves only its own.
    if (!needLayout) return readCustomer(customerNumber, false);
    const underWay = customerReads.get(customerNumber);
    if (underWay) return underWay;
    const reading = readCustomer(customerNumber, true);
    customerReads.set(customerNumber, reading);
    reading.then(
      () => customerReads.delete(customerNumber),
      () => customerReads.delete(customerNumber),
    );
    return reading;
  };

  /**
   * The customers of drafts about to be made, read ahead `customersPerFilteredRead` to a call
   * (`GET /customers?filter=customerNumber$in:[…]`, contract §9) instead of one GET each: a
   * month-end export has about one invoice per customer, so one read each would double its calls.
   * With their layouts resolved, as customerFor keeps them (the layouts are read once per
   * environment). A customer e-conomic does not list is left to the draft's own read, which says so.
   */
  const prepareCustomers = async (customerNumbers: readonly string[]): Promise<void> => {
    const unread = [...new Set(customerNumbers.map(validCustomerNumber))].filter(
      (number): number is number => number !== undefined && !customers.has(number),
    );
    // One customer costs its draft's read the same as this one.
    if (unread.length < 2) return;
    const operation = 'prepareCustomers';
    // The layouts and the customers side by side, not one after the other: an export's first
    // drafts wait on both (a round trip less before its first create, docs/performance.md).
    const bookRead = sharedLayoutBook(operation);
    bookRead.catch(() => undefined);
    const chunks = Array.from({ length: Math.ceil(unread.length / customersPerFilteredRead) }, (_, index) =>
      unread.slice(index * customersPerFilteredRead, (index + 1) * customersPerFilteredRead),
    );
    const records: JsonRecord[] = [];
    // Bounded, and none sent after one has failed, as the pages of a collection.
    await forEachBounded(chunks, PAGES_AT_ONCE, async (numbers) => {
      const { body } = await http.request({
        method: 'GET',
        path: '/customers',
        query: [
          ['filter', `customerNumber$in:[${numbers.join(',')}]`],
          ['pagesize', ECONOMIC_PAGE_SIZE],
        ],
        operation,
      });
      records.push(...asRecords(at(body, 'collection')));
    });
    const book = await bookRead;
    for (const record of records) {
      const customer = customerOf(book, record);
      if (customer) customers.set(Number(customer.number), customer);
    }
  };

  /**
   * The customer's terms as far as the due date depends on them: known from the master data, or
   * read (the collection, once) only when the invoice has no usable due date of its own and a
   * default days of credit could give one. Otherwise a draft under unknown terms goes without one.
   */
  const dueDateContext = async (order: DraftOrder, customer: AccountingCustomer) => {
    const { defaultDaysOfCredit } = options;
    let terms = customer.paymentTerms;
    if (
      terms === undefined &&
      customer.paymentTermsNumber !== undefined &&
      defaultDaysOfCredit !== undefined &&
      usableDueDate(order.date, order.dueDate) === undefined
    ) {
      terms = (await (agreement.termsBook ?? loadPaymentTerms('createDraft'))).get(
        customer.paymentTermsNumber,
      );
    }
    return { terms, defaultDaysOfCredit };
  };

  const findDraftByReference = async (reference: string, operation = 'findDraftByReference') => {
    const { body } = await http.request({
      method: 'GET',
      path: '/orders/drafts',
      query: [
        ['filter', equalsFilter('references.other', reference)],
        ['pagesize', ECONOMIC_PAGE_SIZE],
      ],
      operation,
    });
    // The filter is case-insensitive; ours is not. The oldest draft wins if there were ever two.
    const [oldest] = asRecords(at(body, 'collection'))
      .filter((draft) => at(draft, 'references', 'other') === reference)
      .map((draft) => ({ number: asInteger(draft.orderNumber), draft }))
      .filter((found): found is { number: number; draft: JsonRecord } => found.number !== undefined)
      .sort((a, b) => a.number - b.number);
    return oldest === undefined
      ? undefined
      : { number: String(oldest.number), reference, totals: totalsOf(oldest.draft, oldest.number) };
  };

  const createDraft = async (
    order: DraftOrder,
    idempotencyKey: string,
    createOptions: CreateDraftOptions = {},
  ): Promise<CreatedDraft> => {
    const operation = 'createDraft';
    checkReference(order.reference);
    if (idempotencyKey.trim() === '')
      throw refuse('An idempotency key is required', { field: 'Idempotency-Key' });
    const customerNumber = parseCustomerNumber(order.customerNumber);
    const customer = await customerFor(customerNumber, order.layoutNumber === undefined);
    const layoutNumber = order.layoutNumber ?? customer.layoutNumber;
    if (layoutNumber === undefined) {
      throw refuse(`Customer ${customer.number} did not have a layout available: ${customer.name}`, {
        field: 'layout',
      });
    }
    const body = economicDraftBody(order, customer, layoutNumber, await dueDateContext(order, customer));

    if (!createOptions.firstAttempt || attempted.has(idempotencyKey)) {
      const existing = await findDraftByReference(order.reference, operation);
      if (existing) return existing;
    }
    attempted.add(idempotencyKey);
    const response = await http.request({
      method: 'POST',
      path: '/orders/drafts',
      body,
      idempotencyKey,
      operation,
    });
    const number = asInteger(at(response.body, 'orderNumber'));
    if (number !== undefined)
      return { number: String(number), reference: order.reference, totals: totalsOf(response.body, number) };
    // Created, but the answer did not say which (or with what amounts): the reference does.
    const found = await findDraftByReference(order.reference, operation);
    if (found) return found;
    throw new AccountingUnavailable(
      `e-conomic answered ${response.status} to POST /orders/drafts without an order number, and no draft carries ${order.reference}`,
    );
  };

  const deleteDraft = async (
    draft: Draft,
    idempotencyKey: string,
    followed = false,
  ): Promise<DeleteOutcome> => {
    const operation = 'deleteDraft';
    const number = asInteger(draft.number);
    if (number === undefined || number < 1) {
      throw refuse(`"${draft.number}" is not an e-conomic order number`, {
        field: 'orderNumber',
        value: draft.number,
      });
    }
    checkReference(draft.reference);

    /** Gone from this number: make sure our reference is nowhere else before saying so. */
    const confirmGone = async (): Promise<DeleteOutcome> => {
      const elsewhere = await findDraftByReference(draft.reference, operation);
      if (!elsewhere) return 'already-gone';
      if (Number(elsewhere.number) === number || followed) {
        throw new AccountingUnavailable(
          `e-conomic still lists draft ${elsewhere.number} with reference ${draft.reference} after it was reported gone; try again`,
        );
      }
      // Our reference is unique to this export and invoice, so that draft is ours, whatever its number.
      // Its own key: one key per logical operation.
      return deleteDraft(elsewhere, `${idempotencyKey}-${elsewhere.number}`, true);
    };

    // Numbers are reused: check the draft is still ours before deleting it.
    const current = await http.request({
      method: 'GET',
      path: `/orders/drafts/${number}`,
      operation,
      allowStatus: [404],
    });
    if (current.status === 404) return confirmGone();
    if (at(current.body, 'references', 'other') !== draft.reference) return confirmGone();

    const deleted = await http.request({
      method: 'DELETE',
      path: `/orders/drafts/${number}`,
      idempotencyKey,
      operation,
      allowStatus: [404],
    });
    if (deleted.status === 404) return confirmGone();
    return 'deleted';
  };

  /**
   * The drafts still there (ours: `references.other` starts with `FK-`) and the invoices booked since
   * `since` (all of them: one that lost our reference is matched by its `orderNumber`,
   * #domain/booking-sync). Paid ⇔ `remainder` 0 (docs/contracts/booking-and-vat.md Q3).
   */
  const readBookings = async (since: string): Promise<BookingsSeen> => {
    const operation = 'readBookings';
    if (!ISO_DAY.test(since)) throw refuse(`since must be YYYY-MM-DD, not "${since}"`, { field: 'since' });
    const [drafts, booked] = await Promise.all([
      readAll('/orders/drafts', operation, 'references.other$like:FK-'),
      readAll('/invoices/booked', operation, `date$gte:${since}`),
    ]);
    return {
      draftReferences: new Set(
        drafts
          .map((draft) => asString(at(draft, 'references', 'other')))
          .filter((r): r is string => r !== undefined),
      ),
      booked: booked.flatMap((invoice) => {
        const invoiceNumber = asInteger(invoice.bookedInvoiceNumber);
        if (invoiceNumber === undefined) return [];
        const reference = asString(at(invoice, 'references', 'other'));
        const orderNumber = asInteger(invoice.orderNumber);
        return [
          {
            invoiceNumber: String(invoiceNumber),
            ...(reference === undefined ? {} : { reference }),
            ...(orderNumber === undefined ? {} : { orderNumber: String(orderNumber) }),
            paid: asNumber(invoice.remainder) === 0,
          },
        ];
      }),
    };
  };

  return {
    ...economicReader(agreement),
    readBookings,
    prepareCustomers,
    createDraft,
    findDraftByReference: (reference) => findDraftByReference(checkReference(reference)),
    deleteDraft: (draft, idempotencyKey) => deleteDraft(draft, idempotencyKey),
  };
};

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A number e-conomic could hold, or undefined: an invalid one is refused by its draft, by name. */
const validCustomerNumber = (value: string): number | undefined => {
  try {
    return parseCustomerNumber(value);
  } catch {
    return undefined;
  }
};

const emptyBook = (options: EconomicAdapterOptions): LayoutBook => ({
  layouts: new Map(),
  groupLayouts: new Map(),
  ...(options.defaultLayoutNumber === undefined ? {} : { defaultLayoutNumber: options.defaultLayoutNumber }),
});

/**
 * The amounts e-conomic decided for a draft order (its POST answer, or the draft as listed): the
 * export compares them with the invoice's. A draft without them cannot be checked, so it is not
 * taken as made.
 */
const totalsOf = (draft: unknown, orderNumber: number): DraftTotals => {
  const net = asNumber(at(draft, 'netAmount'));
  const vat = asNumber(at(draft, 'vatAmount'));
  const gross = asNumber(at(draft, 'grossAmount'));
  if (net === undefined || vat === undefined || gross === undefined)
    throw new AccountingUnavailable(
      `e-conomic answered draft ${orderNumber} without its net, VAT and gross amounts`,
    );
  return { net, vat, gross };
};
