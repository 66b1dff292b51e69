import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { CurrentItem } from '#domain/current-item';
import type { Customer } from '#domain/customer';
import type { Invoice } from '#domain/invoice/model';
import type { TimelineEntry } from '#domain/invoice/timeline';
import type { Product } from '#domain/product';
import { batchGetAll } from './batch-get.ts';
import { documentClient, tableName } from './client.ts';
import { directoryPut } from './directory.ts';
import type { ExportedTo } from './exported-to.ts';
import { packLines, unpackLines } from './invoice-chunks.ts';
import { fromItem } from './item.ts';
import {
  currentItemKey,
  customerInvoicesIndexKey,
  customerKey,
  invoiceChunkSort,
  invoiceDocumentRange,
  invoiceFeedIndexKey,
  invoiceFeedKey,
  invoiceHeaderSort,
  invoiceNumberKey,
  invoicePartition,
  invoiceTimelinePrefix,
  productKey,
  resellerInvoicesIndexKey,
} from './keys.ts';
import { queryAll } from './query-all.ts';
import { actionSize, itemSize, maxItemBytes, maxTransactionBytes } from './transaction-size.ts';

/** The invoice without its lines: what listings show and what the header item holds. */
export type InvoiceHeader = Omit<Invoice, 'lines'> & { readonly lineCount: number };

/** The header as exports read it: which products the invoice uses, and where it has been exported. */
export type ExportableInvoiceHeader = InvoiceHeader & {
  readonly productCodes: readonly string[];
  readonly externalLicenseProductCodes: readonly string[];
  /** Read it with exportSummaryOf (exported-to.ts), never by indexing: its keys are not the bare names. */
  readonly exportedTo?: ExportedTo;
};

export interface NewInvoiceWrite {
  readonly invoice: Invoice;
  /** Current-invoice items taken into the invoice: they leave the current list in the same transaction. */
  readonly consumedItems: readonly Pick<CurrentItem, 'id' | 'reseller' | 'customer'>[];
  /** A fingerprint of the request, so an idempotent replay can be told from a reused key. */
  readonly requestHash?: string;
}

/** Why a new invoice was not written: each is the caller's to answer, never a 500. */
export class InvoiceWriteConflict extends Error {
  public override readonly name = 'InvoiceWriteConflict';
  public constructor(
    public readonly reason:
      | 'invoice-exists'
      | 'invoice-number-taken'
      | 'items-gone'
      /** Another transaction on the same items was in flight (DynamoDB's TransactionConflict). */
      | 'concurrent-write',
  ) {
    super(reason);
  }
}

/**
 * The invoice cannot be stored: its lines (gzip JSON chunks) and the rest of its one transaction
 * come to more than DynamoDB writes at once (4 MB), or its header item (which lists the products
 * it uses) to more than one item holds (400 KB). Thrown before anything is written.
 */
export class InvoiceTooLarge extends Error {
  public override readonly name = 'InvoiceTooLarge';
  public constructor(
    /** `lines`: the stored lines exceed what the transaction has room for; `header`: the header item. */
    public readonly part: 'lines' | 'header',
    public readonly bytes: number,
    public readonly maxBytes: number,
  ) {
    super(
      part === 'lines'
        ? `The invoice's lines take ${bytes} bytes stored; at most ${maxBytes} fit in one invoice`
        : `The invoice uses too many distinct products: its header takes ${bytes} bytes stored; at most ${maxBytes} fit in one invoice`,
    );
  }
}

/** DynamoDB allows 100 actions per transaction; the fixed part of an invoice write takes at most this many. */
export const maxConsumedItemsPerInvoice = 80;

/** The header item of a new invoice: what listings, exports and export tracking read. */
export const invoiceHeaderItem = (invoice: Invoice, chunkCount: number, requestHash?: string) => {
  const { lines, ...header } = invoice;
  return {
    pk: invoicePartition(invoice.reseller, invoice.id),
    sk: invoiceHeaderSort,
    ...customerInvoicesIndexKey(invoice.reseller, invoice.customer, invoice.invoiceDate, invoice.id),
    ...resellerInvoicesIndexKey(invoice.reseller, invoice.invoiceDate, invoice.id),
    type: 'invoice',
    ...header,
    lineCount: lines.length,
    chunkCount,
    exportedTo: {},
    // What an export checks against the accounting system's products, without reading the lines.
    productCodes: [...new Set(lines.filter((line) => !line.externalLicense).map((line) => line.productCode))],
    externalLicenseProductCodes: [
      ...new Set(lines.filter((line) => line.externalLicense).map((line) => line.productCode)),
    ],
    ...(requestHash ? { requestHash } : {}),
  };
};

/** The invoice's entry in its reseller's feed (creation order): one item, whatever the systems. */
export const invoiceFeedItem = (invoice: Pick<Invoice, 'reseller' | 'id' | 'createdAt'>) => ({
  ...invoiceFeedKey(invoice.reseller, invoice.id),
  ...invoiceFeedIndexKey(invoice.reseller, invoice.createdAt, invoice.id),
  type: 'invoice-feed',
  invoice: invoice.id,
  createdAt: invoice.createdAt,
});

/**
 * Writes a new invoice in one transaction: the header, its line chunks, its directory entry, the
 * claim on its invoice number, the first timeline entry, its entry in the reseller's feed (what
 * export tracking reads: one item whatever the number of systems that pull), and the deletion of
 * the current-invoice items it bills (each on the condition that it is still there, so two
 * requests can never bill the same item twice). All of it, or nothing.
 */
export const putNewInvoice = async (write: NewInvoiceWrite): Promise<void> => {
  const { actions, claimsNumber } = newInvoiceTransaction(write);
  try {
    await documentClient.send(new TransactWriteCommand({ TransactItems: actions }));
  } catch (error) {
    if ((error as Error).name !== 'TransactionCanceledException') throw error;
    const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
    const failed = reasons.findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
    if (failed === -1 && reasons.some((reason) => reason.Code === 'TransactionConflict'))
      throw new InvoiceWriteConflict('concurrent-write');
    if (failed === 0) throw new InvoiceWriteConflict('invoice-exists');
    if (failed === 1 && claimsNumber) throw new InvoiceWriteConflict('invoice-number-taken');
    if (failed > 0) throw new InvoiceWriteConflict('items-gone');
    throw error;
  }
};

/**
 * Throws InvoiceTooLarge when putNewInvoice would: for writers that must know before they write
 * anything else (the monthly close claims items before it writes the invoice).
 */
export const assertNewInvoiceFits = (write: NewInvoiceWrite): void => {
  newInvoiceTransaction(write);
};

/** The transaction that writes a new invoice, measured against DynamoDB's limits before it is sent. */
const newInvoiceTransaction = ({ invoice, consumedItems, requestHash }: NewInvoiceWrite) => {
  const { lines } = invoice;
  const pk = invoicePartition(invoice.reseller, invoice.id);
  const chunks = packLines(lines);
  const chunkItems = chunks.map((chunk, index) => ({
    pk,
    sk: invoiceChunkSort(index),
    type: 'invoice-lines',
    lines: chunk,
  }));
  const claimsNumber = invoice.invoiceNumber !== '-1';
  const headerItem = invoiceHeaderItem(invoice, chunks.length, requestHash);
  const actions = [
    {
      Put: {
        TableName: tableName(),
        Item: headerItem,
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    ...(claimsNumber
      ? [
          {
            Put: {
              TableName: tableName(),
              Item: {
                ...invoiceNumberKey(invoice.reseller, invoice.invoiceNumber),
                type: 'invoice-number',
                invoice: invoice.id,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ]
      : []),
    ...consumedItems.map((item) => ({
      Delete: {
        TableName: tableName(),
        Key: currentItemKey(item.reseller, item.customer, item.id),
        // Still there, and not claimed by another invoice (a period invoice too large for one
        // transaction claims its items first: see period-invoices.ts).
        ConditionExpression:
          'attribute_exists(pk) AND (attribute_not_exists(claimedBy) OR claimedBy = :invoice)',
        ExpressionAttributeValues: { ':invoice': invoice.id },
      },
    })),
    ...chunkItems.map((Item) => ({ Put: { TableName: tableName(), Item } })),
    directoryPut({ id: invoice.id, kind: 'invoice', reseller: invoice.reseller, customer: invoice.customer }),
    {
      Put: {
        TableName: tableName(),
        Item: timelineItem(invoice.reseller, invoice.id, {
          at: invoice.createdAt,
          event: 'created',
          ...(invoice.createdBy ? { by: invoice.createdBy } : {}),
          detail: {
            lines: lines.length,
            fromCurrentInvoice: consumedItems.length,
            total: invoice.totals.total,
          },
        }),
      },
    },
    { Put: { TableName: tableName(), Item: invoiceFeedItem(invoice) } },
  ];
  const headerBytes = itemSize(headerItem);
  if (headerBytes > maxItemBytes) throw new InvoiceTooLarge('header', headerBytes, maxItemBytes);
  const linesBytes = chunkItems.reduce((sum, item) => sum + itemSize(item), 0);
  const otherBytes = actions.reduce((sum, action) => sum + actionSize(action), 0) - linesBytes;
  if (otherBytes + linesBytes > maxTransactionBytes)
    throw new InvoiceTooLarge('lines', linesBytes, maxTransactionBytes - otherBytes);
  return { actions, claimsNumber };
};

const timelineItem = (reseller: string, invoice: string, entry: TimelineEntry) => ({
  pk: invoicePartition(reseller, invoice),
  sk: `${invoiceTimelinePrefix}${entry.at}#${Math.random().toString(36).slice(2, 8)}`,
  type: 'invoice-timeline',
  ...entry,
});

export interface StoredInvoice {
  readonly invoice: Invoice;
  readonly requestHash?: string;
}

/** The whole invoice, header and lines, in one query (more pages only for very large invoices). */
export const getInvoice = async (reseller: string, id: string): Promise<StoredInvoice | undefined> => {
  const items = await queryAll({
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :first AND :last',
    ExpressionAttributeValues: {
      ':pk': invoicePartition(reseller, id),
      ':first': invoiceDocumentRange[0],
      ':last': invoiceDocumentRange[1],
    },
  });
  const header = items.find((item) => item.sk === invoiceHeaderSort);
  if (!header) return undefined;
  const chunks = items.filter((item) => item.sk !== invoiceHeaderSort);
  if (chunks.length !== header.chunkCount)
    throw new Error(`Invoice ${id} has ${chunks.length} of ${header.chunkCount} line chunks`);
  const lines = chunks.flatMap((chunk) => unpackLines(chunk.lines as Uint8Array));
  const {
    lineCount: _count,
    chunkCount: _chunks,
    requestHash,
    ...rest
  } = fromItem<InvoiceHeader & { chunkCount: number; requestHash?: string }>(header);
  return { invoice: { ...rest, lines }, requestHash };
};

/** The header alone (no lines): one GetItem, for checks that need only who the invoice belongs to. */
export const getInvoiceHeader = async (reseller: string, id: string): Promise<InvoiceHeader | undefined> => {
  const { Item } = await documentClient.send(
    new GetCommand({
      TableName: tableName(),
      Key: { pk: invoicePartition(reseller, id), sk: invoiceHeaderSort },
    }),
  );
  if (!Item) return undefined;
  const {
    chunkCount: _c,
    requestHash: _h,
    ...header
  } = fromItem<InvoiceHeader & { chunkCount: number; requestHash?: string }>(Item);
  return header;
};

export interface InvoiceQuery {
  readonly reseller: string;
  readonly customer?: string;
  /** Inclusive bounds on the invoice date, ISO instants. */
  readonly from?: string;
  readonly to?: string;
  readonly offset: number;
  readonly limit: number;
}

/**
 * Invoice headers by invoice date, newest first: a customer's (gsi1) or a reseller's (gsi2).
 * Offset paging, as the reseller API has it: the rows skipped are still read, which is fine for
 * the lists people page through (hundreds), and why exports use the cursor-based queries instead.
 */
export const listInvoices = async (
  query: InvoiceQuery,
): Promise<{ invoices: InvoiceHeader[]; more: boolean }> => {
  const byCustomer = query.customer !== undefined;
  const index = byCustomer ? 'gsi1' : 'gsi2';
  const partition = byCustomer
    ? customerInvoicesIndexKey(query.reseller, query.customer!, '', '').gsi1pk
    : resellerInvoicesIndexKey(query.reseller, '', '').gsi2pk;
  const wanted = query.offset + query.limit + 1;
  const rows: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: index,
        KeyConditionExpression: `${index}pk = :pk AND ${index}sk BETWEEN :from AND :to`,
        ExpressionAttributeValues: {
          ':pk': partition,
          ':from': query.from ?? '0',
          ':to': `${query.to ?? '9'}~`,
        },
        ScanIndexForward: false,
        Limit: Math.min(wanted - rows.length, 1000),
        ExclusiveStartKey: startKey,
      }),
    );
    rows.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey && rows.length < wanted);
  const window = rows.slice(query.offset, query.offset + query.limit);
  return {
    invoices: window.map((row) => {
      const {
        chunkCount: _c,
        requestHash: _h,
        ...header
      } = fromItem<InvoiceHeader & { chunkCount: number; requestHash?: string }>(row);
      return header;
    }),
    more: rows.length > query.offset + query.limit,
  };
};

/** Every invoice header of a reseller dated inside [from, to] (ISO instants), oldest first. */
export const invoiceHeadersInPeriod = async (
  reseller: string,
  from: string,
  to: string,
): Promise<ExportableInvoiceHeader[]> =>
  (
    await queryAll({
      TableName: tableName(),
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': resellerInvoicesIndexKey(reseller, '', '').gsi2pk,
        ':from': from,
        ':to': `${to}~`,
      },
    })
  ).map((item) => {
    const {
      chunkCount: _c,
      requestHash: _h,
      ...header
    } = fromItem<ExportableInvoiceHeader & { chunkCount: number; requestHash?: string }>(item);
    return header;
  });

export const getTimeline = async (reseller: string, id: string): Promise<TimelineEntry[]> =>
  (
    await queryAll({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': invoicePartition(reseller, id), ':prefix': invoiceTimelinePrefix },
    })
  ).map((item) => fromItem<TimelineEntry>(item));

export interface InvoiceInputs {
  readonly customer?: Customer;
  readonly products: Map<string, Product>;
  readonly currentItems: Map<string, CurrentItem>;
}

/**
 * Everything a new invoice stands on, in as few round trips as DynamoDB allows: the customer, the
 * products of its lines and the current-invoice items it takes, in one BatchGet of up to 100 keys
 * (more only for invoices with more distinct products and items than that).
 */
export const loadInvoiceInputs = async (
  reseller: string,
  customer: string,
  productIds: readonly string[],
  currentItemIds: readonly string[],
): Promise<InvoiceInputs> => {
  const keys = [
    customerKey(reseller, customer),
    ...[...new Set(productIds)].map(productKey),
    ...[...new Set(currentItemIds)].map((id) => currentItemKey(reseller, customer, id)),
  ];
  const result: {
    customer?: Customer;
    products: Map<string, Product>;
    currentItems: Map<string, CurrentItem>;
  } = { products: new Map(), currentItems: new Map() };
  for (const item of await batchGetAll(keys)) {
    if (item.type === 'customer') result.customer = fromItem<Customer>(item);
    if (item.type === 'product') result.products.set(item.id as string, fromItem<Product>(item));
    if (item.type === 'current-item') result.currentItems.set(item.id as string, fromItem<CurrentItem>(item));
  }
  return result;
};
