/**
 * An e-conomic agreement as one integration reaches it, and what Faktura reads there without making
 * a draft: whether the tokens work, and the master data an export is checked against (customers
 * with their layouts and payment terms, products with their VAT). The export request, the monthly
 * close's automatic export and the integration's settings need no more, and bundle no more; the
 * draft writer (adapter.ts) works over the same agreement, and uses what it has read.
 */
import { forEachBounded } from '#app/bounded';
import type {
  AccountingCustomer,
  AccountingProduct,
  AccountingReader,
  MasterData,
} from '#app/ports/accounting';
import { AccountingUnavailable, type FailedCredentials } from '#domain/accounting-failures';
import type { PaymentTerms } from '#domain/payment-terms';
import { CallCounter } from '../http/call-counter.ts';
import { createHttpClient, type HttpClient, type HttpTuning } from '../http/client.ts';
import { TokenBucketPacer } from '../http/pacer.ts';
import { asInteger, asRecords, asString, at, type JsonRecord } from '../json.ts';
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

/** e-conomic's largest page (a larger one is 400 E04810). */
export const ECONOMIC_PAGE_SIZE = 1000;

/** A guard against a server that never says "last page": 1,000 pages are a million records. */
const MAX_PAGES = 1000;

/** Pages of one collection read at once, once the first page has told how many there are. */
export const PAGES_AT_ONCE = 4;

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

/** The agreement's connection and what it has read, shared by the reader and the draft writer. */
export interface EconomicAgreement {
  readonly options: EconomicAdapterOptions;
  readonly calls: CallCounter;
  readonly http: HttpClient;
  /** Customers by number, as loadMasterData (or a draft's own read) found them. */
  readonly customers: Map<number, AccountingCustomer>;
  /** The layouts, once read. */
  readonly layoutBook: LayoutBook | undefined;
  /** The payment terms, once asked for. */
  readonly termsBook: Promise<Map<number, PaymentTerms>> | undefined;
  readAll(path: string, operation: string, filter?: string): Promise<JsonRecord[]>;
  loadLayoutBook(operation: string): Promise<LayoutBook>;
  loadPaymentTerms(operation: string): Promise<Map<number, PaymentTerms>>;
}

export const economicAgreement = (options: EconomicAdapterOptions): EconomicAgreement => {
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

  /** What a draft needs to know about customers, kept from loadMasterData (or read on demand by the writer). */
  const customers = new Map<number, AccountingCustomer>();
  let layoutBook: LayoutBook | undefined;
  /** The agreement's payment terms, read once per adapter (with the master data, or when a draft needs them). */
  let termsBook: Promise<Map<number, PaymentTerms>> | undefined;
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

  return {
    options,
    calls,
    http,
    customers,
    get layoutBook() {
      return layoutBook;
    },
    get termsBook() {
      return termsBook;
    },
    readAll,
    loadLayoutBook,
    loadPaymentTerms,
  };
};

export interface EconomicReader extends AccountingReader {
  readonly system: 'economic';
  /** HTTP calls made, per port operation. */
  readonly calls: CallCounter;
}

/**
 * The VAT each product group carries per VAT zone: one read of the group's sales accounts per
 * group the products use (an agreement has a handful), a few at once.
 */
const vatRatesOfGroups = async (
  { readAll }: EconomicAgreement,
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

/** The master data an export is checked against; what a draft needs of it is kept on the agreement. */
const loadMasterData = async (agreement: EconomicAgreement): Promise<MasterData> => {
  const { options, customers, readAll, loadLayoutBook, loadPaymentTerms } = agreement;
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
    ? await vatRatesOfGroups(agreement, productGroupsOf(productRecords), vatRatesOf(vatAccounts))
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

/** The reader over an agreement the draft writer may share. */
export const economicReader = (agreement: EconomicAgreement): EconomicReader => ({
  system: 'economic',
  calls: agreement.calls,
  verifyCredentials: async () => {
    await agreement.http.request({ method: 'GET', path: '/self', operation: 'verifyCredentials' });
  },
  loadMasterData: () => loadMasterData(agreement),
});

export const createEconomicReader = (options: EconomicAdapterOptions): EconomicReader =>
  economicReader(economicAgreement(options));

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
