import { forEachBounded } from '#app/bounded';
import type {
  AccountingCustomer,
  AccountingPort,
  AccountingProduct,
  CreateDraftOptions,
  CreatedDraft,
  DeleteOutcome,
  Draft,
  DraftOrder,
  MasterData,
} from '#app/ports/accounting';
import {
  AccountingRejected,
  AccountingUnavailable,
  type FailedCredentials,
} from '#domain/accounting-failures';
import type { BookingsSeen } from '#domain/booking-sync';
import type { DraftTotals } from '#domain/draft-totals';
import { type PaymentTerms, usableDueDate } from '#domain/payment-terms';
import { CallCounter } from '../http/call-counter.ts';
import { createHttpClient, type HttpClient, type HttpTuning } from '../http/client.ts';
import { TokenBucketPacer } from '../http/pacer.ts';
import { asInteger, asNumber, asRecord, asRecords, asString, at, type JsonRecord } from '../json.ts';
import { refuse } from '../refusal.ts';
import { checkReference, economicDraftBody, parseCustomerNumber } from './draft-body.ts';
import { equalsFilter } from './filter.ts';
import {
  customerOf,
  groupLayoutsOf,
  type LayoutBook,
  layoutsOf,
  paymentTermsOf,
  productOf,
  usableLayout,
} from './master-data.ts';
import { validationErrorSummary } from './validation-errors.ts';
import { productGroupsOf, productGroupVatRates, vatRatesOf } from './vat-rates.ts';

/**
 * The e-conomic adapter: Visma e-conomic's classic REST API (`https://restapi.e-conomic.com`),
 * which is the only one that creates draft ORDERS (`POST /orders/drafts`, contract §1).
 *
 * Calls per operation: verifyCredentials 1 (GET /self); loadMasterData one per 1,000 customers,
 * products, customer groups, layouts, payment terms and VAT accounts, and one per product group for
 * its sales accounts (7 for a small agreement); createDraft 1
 * (POST with the lines inline; +1 lookup unless `firstAttempt`; an adapter that did not load the
 * master data reads a customer once, and the payment terms once when a default days of credit
 * could decide the due date); findDraftByReference 1; deleteDraft 2 (read, check the reference,
 * delete), +1 filter to confirm absence when the draft is not there.
 */

export interface EconomicAdapterOptions extends HttpTuning {
  /** The service root, e.g. `https://restapi.e-conomic.com` or a simulator's. */
  readonly baseUrl: string;
  readonly appSecretToken: string;
  readonly agreementGrantToken: string;
  /** The reseller's configured default layout, used when neither customer nor group has one. */
  readonly defaultLayoutNumber?: number;
  /**
   * The reseller's default days of credit: a draft under `dueDate` terms whose invoice has no usable
   * due date is due this many days after its date (#domain/payment-terms).
   */
  readonly defaultDaysOfCredit?: number;
  /** Pace by e-conomic's X-RateLimiting header (default true), keeping this part of the bucket free. */
  readonly pacing?: boolean | { readonly reserveFraction: number };
}

export interface EconomicAdapter extends AccountingPort {
  readonly system: 'economic';
  /** HTTP calls made, per port operation. */
  readonly calls: CallCounter;
}

/** e-conomic's largest page (a larger one is 400 E04810). */
export const ECONOMIC_PAGE_SIZE = 1000;

/** e-conomic takes at most 200 values in one `$in:` filter (contract §9). */
const customersPerFilteredRead = 200;
/** A guard against a server that never says "last page": 1,000 pages are a million records. */
const MAX_PAGES = 1000;

/** Pages of one collection read at once, once the first page has told how many there are. */
const PAGES_AT_ONCE = 4;

/**
 * Which token e-conomic refused (contract §2): `E02250` says the app secret token does not belong
 * to the app the grant was given to; any other 401 says the grant is unknown or revoked; a 403 says
 * the grant was accepted but its roles do not allow the call.
 */
export const economicFailedCredentials = (status: number, body: unknown): FailedCredentials => {
  if (status === 403) return { fields: ['agreementGrantToken'], reason: 'no-rights' };
  return asString(at(body, 'errorCode')) === 'E02250'
    ? { fields: ['appSecretToken'], reason: 'not-accepted' }
    : { fields: ['agreementGrantToken'], reason: 'not-accepted' };
};

export const createEconomicAdapter = (options: EconomicAdapterOptions): EconomicAdapter => {
  const calls = options.counter ?? new CallCounter();
  const pacing = options.pacing ?? true;
  const http: HttpClient = createHttpClient({
    ...options,
    systemName: 'e-conomic',
    counter: calls,
    describeError: validationErrorSummary,
    failedCredentials: economicFailedCredentials,
    headers: {
      'X-AppSecretToken': options.appSecretToken,
      'X-AgreementGrantToken': options.agreementGrantToken,
      // e-conomic speaks JSON only (a non-JSON media type is 415); said on every request.
      'Content-Type': 'application/json',
      Accept: 'application/json',
    },
    ...(pacing === false
      ? {}
      : {
          pacer: new TokenBucketPacer({
            ...(options.now ? { now: options.now } : {}),
            ...(typeof pacing === 'object' ? { reserveFraction: pacing.reserveFraction } : {}),
          }),
        }),
  });

  /** What createDraft needs to know about customers, kept from loadMasterData or read on demand. */
  const customers = new Map<number, AccountingCustomer>();
  let layoutBook: LayoutBook | undefined;
  /** The agreement's payment terms, read once per adapter (with the master data, or when a draft needs them). */
  let termsBook: Promise<Map<number, PaymentTerms>> | undefined;
  /** Keys this process has already sent: a second createDraft with one of them looks first. */
  const attempted = new Set<string>();

  /**
   * A whole collection. The first page says how many results there are; the other pages are then
   * read a few at once (the pacer still spaces them): a month-end agreement's 20,000 customers are
   * 20 pages, which one after the other took a large part of API Gateway's 29 s for the export
   * request. Without a count, the pages are read one after the other until one says it is the last.
   */
  const readAll = async (path: string, operation: string, filter?: string): Promise<JsonRecord[]> => {
    const readPage = async (page: number) => {
      const { body } = await http.request({
        method: 'GET',
        path,
        query: [
          ...(filter === undefined ? [] : [['filter', filter] as const]),
          ['skippages', page],
          ['pagesize', ECONOMIC_PAGE_SIZE],
        ],
        operation,
      });
      return {
        collection: asRecords(at(body, 'collection')),
        // The next page's URL is only a signal: we count pages ourselves and never send the
        // tokens to a URL taken from a response body.
        hasNext: asString(at(body, 'pagination', 'nextPage')) !== undefined,
        results: asInteger(at(body, 'pagination', 'results')),
      };
    };
    const first = await readPage(0);
    const items = [...first.collection];
    if (first.collection.length === 0) return items;
    if (first.results !== undefined) {
      const pages = Math.ceil(first.results / ECONOMIC_PAGE_SIZE);
      if (pages > MAX_PAGES)
        throw new AccountingUnavailable(`e-conomic ${path} has more than ${MAX_PAGES} pages`);
      // A few at once, and none sent after one has failed: a page that cannot be read fails the
      // whole read, so the pages still queued would only spend the agreement's calls.
      const rest: JsonRecord[][] = [];
      const remaining = Array.from({ length: pages - 1 }, (_, index) => index + 1);
      await forEachBounded(remaining, PAGES_AT_ONCE, async (page) => {
        rest[page - 1] = (await readPage(page)).collection;
      });
      for (const page of rest) items.push(...page);
      return items;
    }
    for (let page = 1, last = first; last.hasNext && last.collection.length > 0; page += 1) {
      if (page >= MAX_PAGES)
        throw new AccountingUnavailable(`e-conomic ${path} did not end after ${MAX_PAGES} pages`);
      last = await readPage(page);
      items.push(...last.collection);
    }
    return items;
  };

  const loadLayoutBook = async (operation: string): Promise<LayoutBook> => {
    const [layouts, groups] = await Promise.all([
      readAll('/layouts', operation),
      readAll('/customer-groups', operation),
    ]);
    const book: LayoutBook = {
      layouts: layoutsOf(layouts),
      groupLayouts: groupLayoutsOf(groups),
      ...(options.defaultLayoutNumber === undefined
        ? {}
        : { defaultLayoutNumber: options.defaultLayoutNumber }),
    };
    layoutBook = book;
    return book;
  };

  const loadPaymentTerms = (operation: string): Promise<Map<number, PaymentTerms>> => {
    const loading = readAll('/payment-terms', operation).then(paymentTermsOf);
    loading.catch(() => {
      if (termsBook === loading) termsBook = undefined;
    });
    termsBook = loading;
    return loading;
  };

  /**
   * The VAT each product group carries per VAT zone: one read of the group's sales accounts per
   * group the products use (an agreement has a handful), a few at once.
   */
  const vatRatesOfGroups = async (
    groups: ReadonlySet<number>,
    ratesByCode: ReadonlyMap<string, number>,
  ): Promise<Map<number, Map<number, number>>> => {
    const rates = new Map<number, Map<number, number>>();
    // Bounded, and no group's read is sent after one has failed: it would only spend calls.
    await forEachBounded([...groups], PAGES_AT_ONCE, async (group) => {
      const accounts = await unlessRefused(
        readAll(`/product-groups/${group}/sales-accounts`, 'loadMasterData'),
      );
      rates.set(group, productGroupVatRates(accounts ?? [], ratesByCode));
    });
    return rates;
  };

  const loadMasterData = async (): Promise<MasterData> => {
    const operation = 'loadMasterData';
    // The payment terms with the rest, once per export: whether a draft needs a due date is known
    // before the export starts, never one GET per customer.
    const [book, customerRecords, productRecords, terms, vatAccounts] = await Promise.all([
      loadLayoutBook(operation),
      readAll('/customers', operation),
      readAll('/products', operation),
      loadPaymentTerms(operation),
      unlessRefused(readAll('/vat-accounts', operation)),
    ]);
    const groupRates = vatAccounts
      ? await vatRatesOfGroups(productGroupsOf(productRecords), vatRatesOf(vatAccounts))
      : new Map<number, Map<number, number>>();
    const customerMap = new Map<string, AccountingCustomer>();
    for (const record of customerRecords) {
      const customer = customerOf(book, record, terms);
      if (!customer) continue;
      customerMap.set(customer.number, customer);
      customers.set(Number(customer.number), customer);
    }
    const products = new Map<string, AccountingProduct>();
    for (const record of productRecords) {
      const product = productOf(record);
      const group = asInteger(at(record, 'productGroup', 'productGroupNumber'));
      const vatRates = group === undefined ? undefined : groupRates.get(group);
      if (product) products.set(product.number, vatRates ? { ...product, vatRates } : product);
    }
    const defaultLayoutNumber = usableLayout(book, options.defaultLayoutNumber);
    const layouts = new Set([...book.layouts].filter(([, deleted]) => !deleted).map(([number]) => number));
    return {
      customers: customerMap,
      products,
      layouts,
      ...(defaultLayoutNumber === undefined ? {} : { defaultLayoutNumber }),
    };
  };

  /**
   * Reads under way, shared: a batch makes several drafts at once, often for the same customer, and
   * each would otherwise read the customer (and the layouts) itself. A failed read is forgotten,
   * so the next draft tries again.
   */
  const customerReads = new Map<number, Promise<AccountingCustomer>>();
  let layoutRead: Promise<LayoutBook> | undefined;

  const sharedLayoutBook = (operation: string): Promise<LayoutBook> => {
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
      terms = (await (termsBook ?? loadPaymentTerms('createDraft'))).get(customer.paymentTermsNumber);
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
    system: 'economic',
    calls,
    readBookings,
    verifyCredentials: async () => {
      await http.request({ method: 'GET', path: '/self', operation: 'verifyCredentials' });
    },
    loadMasterData,
    prepareCustomers,
    createDraft,
    findDraftByReference: (reference) => findDraftByReference(checkReference(reference)),
    deleteDraft: (draft, idempotencyKey) => deleteDraft(draft, idempotencyKey),
  };
};

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The VAT reads' answer, or undefined when e-conomic refuses them (a grant without the rights to
 * read accounts: 403; a group it no longer has: 404). VAT is then unknown before the export, which
 * goes ahead: each draft's amounts are still checked against the invoice's after it is made. An
 * outage (5xx, 429) is not a refusal and fails the read as before.
 */
const unlessRefused = async <T>(reading: Promise<T>): Promise<T | undefined> => {
  try {
    return await reading;
  } catch (error) {
    const { name } = error as Error;
    if (name === 'AccountingRejected' || name === 'AccountingAuthFailed') return undefined;
    throw error;
  }
};

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
