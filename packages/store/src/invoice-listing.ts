import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { InvoiceHeader, InvoiceQuery } from '#app/ports/store';
import type { Db } from './db.ts';
import { headerOf } from './invoice-header.ts';
import { customerInvoicesIndexKey, resellerInvoicesIndexKey } from './keys.ts';

/** Invoice headers by invoice date, the lists people page through (a period's whole: period-headers.ts). */
export const invoiceListingRepository = (db: Db) => {
  /**
   * Invoice headers by invoice date, newest first: a customer's (gsi1) or a reseller's (gsi2).
   * Offset paging, as the reseller API has it: the rows skipped are still read, which is fine for
   * the lists people page through (hundreds), and why exports use the cursor-based queries instead.
   */
  const listInvoices = async (query: InvoiceQuery): Promise<{ invoices: InvoiceHeader[]; more: boolean }> => {
    const byCustomer = query.customer !== undefined;
    const index = byCustomer ? 'gsi1' : 'gsi2';
    const partition = byCustomer
      ? customerInvoicesIndexKey(query.reseller, query.customer!, '', '').gsi1pk
      : resellerInvoicesIndexKey(query.reseller, '', '').gsi2pk;
    const wanted = query.offset + query.limit + 1;
    const rows: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await db.client.send(
        new QueryCommand({
          TableName: db.tableName,
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
      invoices: window.map((row) => headerOf(row)),
      more: rows.length > query.offset + query.limit,
    };
  };

  return { listInvoices };
};
