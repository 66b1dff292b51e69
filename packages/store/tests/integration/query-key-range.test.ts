import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '#domain/ids';
import { batchWriteAll } from '../../src/batch-write.ts';
import type { Db } from '../../src/db.ts';
import { invoicesByDateSortCharacters, resellerInvoicesIndexKey } from '../../src/keys.ts';
import { queryKeyRange } from '../../src/query-key-range.ts';
import { testStackDb } from '../support/test-stack.ts';

/**
 * queryKeyRange against DynamoDB Local (the global setup's stack): a reseller's invoices by date,
 * large enough (4 MB) that the rest after the first page is read as ranges side by side.
 */
const period = { from: '2026-10-31T23:00:00.000Z', to: '2026-11-30T23:00:00.000Z' };
/** 4 KB an item: 250 items fill a 1 MB page. */
const padding = 'x'.repeat(4000);

const invoiceItem = (reseller: string, invoiceDate: string) => {
  const id = newId();
  return {
    pk: `T#${reseller}#INVOICE#${id}`,
    sk: 'HEADER',
    ...resellerInvoicesIndexKey(reseller, invoiceDate, id),
    padding,
  };
};

describe('queryKeyRange', () => {
  let db: Db;
  let reseller: string;
  let inPeriod: ReturnType<typeof invoiceItem>[];

  beforeAll(async () => {
    db = testStackDb();
    reseller = newId();
    // Most on the 1st, as a month-end close dates them; some later in the month
    inPeriod = [
      ...Array.from({ length: 900 }, () => invoiceItem(reseller, period.from)),
      ...Array.from({ length: 100 }, (_, index) =>
        invoiceItem(reseller, `2026-11-${String(2 + (index % 27)).padStart(2, '0')}T23:00:00.000Z`),
      ),
    ];
    const outside = [
      invoiceItem(reseller, '2026-10-30T23:00:00.000Z'),
      invoiceItem(reseller, '2026-12-01T23:00:00.000Z'),
      invoiceItem(newId(), period.from),
    ];
    await batchWriteAll(
      db,
      [...inPeriod, ...outside].map((Item) => ({ PutRequest: { Item } })),
    );
  }, 120_000);

  it('answers every item of the range once, in sort-key order, and none outside it', async () => {
    // Act
    const items = await queryKeyRange(db, {
      indexName: 'gsi2',
      partitionKey: { name: 'gsi2pk', value: resellerInvoicesIndexKey(reseller, '', '').gsi2pk },
      sortKey: {
        name: 'gsi2sk',
        from: period.from,
        to: `${period.to}~`,
        characters: invoicesByDateSortCharacters,
      },
    });

    // Assess
    expect(items.map((item) => item.gsi2sk)).toEqual(inPeriod.map((item) => item.gsi2sk).sort());
  });
});
