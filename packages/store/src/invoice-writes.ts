import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { InvoiceTooLarge, InvoiceWriteConflict, type NewInvoiceWrite } from '#app/ports/store';
import type { Invoice } from '#domain/invoice/model';
import { productVatOf } from '#domain/invoice/product-vat';
import type { TimelineEntry } from '#domain/invoice/timeline';
import { cancellationCodes } from './cancellation.ts';
import type { Db } from './db.ts';
import { directoryPut } from './directory.ts';
import { packLines } from './invoice-chunks.ts';
import {
  currentItemKey,
  customerInvoicesIndexKey,
  invoiceChunkSort,
  invoiceFeedIndexKey,
  invoiceFeedKey,
  invoiceHeaderSort,
  invoiceNumberKey,
  invoicePartition,
  invoiceTimelinePrefix,
  resellerInvoicesIndexKey,
  resellerKey,
} from './keys.ts';
import { actionSize, itemSize, maxItemBytes, maxTransactionBytes } from './transaction-size.ts';

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
    // Which products it bills with and without VAT: what an export checks against e-conomic's VAT.
    productVat: productVatOf(lines, false),
    externalLicenseProductVat: productVatOf(lines, true),
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

/** New invoices, each written whole in one transaction, or not at all. */
export const invoiceWriteRepository = (db: Db) => {
  /**
   * Writes a new invoice in one transaction: the header, its line chunks, its directory entry, the
   * claim on its invoice number, the first timeline entry, its entry in the reseller's feed (what
   * export tracking reads: one item whatever the number of systems that pull), and the deletion of
   * the current-invoice items it bills (each on the condition that it is still there, so two
   * requests can never bill the same item twice). All of it, or nothing.
   */
  const putNewInvoice = async (write: NewInvoiceWrite): Promise<void> => {
    const { actions, claimsNumber } = newInvoiceTransaction(db, write);
    try {
      await db.client.send(new TransactWriteCommand({ TransactItems: actions }));
    } catch (error) {
      const codes = cancellationCodes(error);
      if (!codes) throw error;
      const failed = codes.indexOf('ConditionalCheckFailed');
      if (failed === -1 && codes.includes('TransactionConflict'))
        throw new InvoiceWriteConflict('concurrent-write');
      if (failed === 0) throw new InvoiceWriteConflict('invoice-exists');
      // The series moved on: its number is then claimed too, by the invoice that took it first.
      if (write.seriesNumber !== undefined && codes[actions.length - 1] === 'ConditionalCheckFailed')
        throw new InvoiceWriteConflict('series-moved');
      if (failed === 1 && claimsNumber) throw new InvoiceWriteConflict('invoice-number-taken');
      if (failed > 0) throw new InvoiceWriteConflict('items-gone');
      throw error;
    }
  };

  /**
   * Throws InvoiceTooLarge when putNewInvoice would: for writers that must know before they write
   * anything else (the monthly close claims items before it writes the invoice).
   */
  const assertNewInvoiceFits = (write: NewInvoiceWrite): void => {
    newInvoiceTransaction(db, write);
  };

  return { putNewInvoice, assertNewInvoiceFits };
};

/** The transaction that writes a new invoice, measured against DynamoDB's limits before it is sent. */
const newInvoiceTransaction = (
  db: Db,
  { invoice, consumedItems, requestHash, seriesNumber }: NewInvoiceWrite,
) => {
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
        TableName: db.tableName,
        Item: headerItem,
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    ...(claimsNumber
      ? [
          {
            Put: {
              TableName: db.tableName,
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
        TableName: db.tableName,
        Key: currentItemKey(item.reseller, item.customer, item.id),
        // Still there, and not claimed by another invoice (a period invoice too large for one
        // transaction claims its items first: see period-invoices.ts).
        ConditionExpression:
          'attribute_exists(pk) AND (attribute_not_exists(claimedBy) OR claimedBy = :invoice)',
        ExpressionAttributeValues: { ':invoice': invoice.id },
      },
    })),
    ...chunkItems.map((Item) => ({ Put: { TableName: db.tableName, Item } })),
    directoryPut(db, {
      id: invoice.id,
      kind: 'invoice',
      reseller: invoice.reseller,
      customer: invoice.customer,
    }),
    {
      Put: {
        TableName: db.tableName,
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
    { Put: { TableName: db.tableName, Item: invoiceFeedItem(invoice) } },
    // Last, so that its failure is told apart: the series moves on only with this invoice.
    ...(seriesNumber === undefined
      ? []
      : [
          {
            Update: {
              TableName: db.tableName,
              Key: resellerKey(invoice.reseller),
              UpdateExpression: 'SET nextInvoiceNumber = :after',
              ConditionExpression: 'invoiceNumbering = :faktura AND nextInvoiceNumber = :taken',
              ExpressionAttributeValues: {
                ':after': seriesNumber + 1,
                ':taken': seriesNumber,
                ':faktura': 'faktura',
              },
            },
          },
        ]),
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
