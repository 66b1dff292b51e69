import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { type Page, type Remember, ResellerChangeConflict, ResellerExistsError } from '#app/ports/store';
import { wholeInvoiceNumber } from '#domain/invoice/numbering';
import type { Reseller } from '#domain/reseller';
import { cancellationCodes } from './cancellation.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import type { Db } from './db.ts';
import { transactRemembering } from './idempotency.ts';
import { fromItem } from './item.ts';
import { invoiceNumberKey, resellerIndexKey, resellerKey } from './keys.ts';

interface ResellerItem extends Reseller {
  readonly pk: string;
  readonly sk: string;
  readonly gsi1pk: string;
  readonly gsi1sk: string;
  readonly type: 'reseller';
}

const toReseller = (item: Record<string, unknown>): Reseller => fromItem<Reseller>(item);

/**
 * The platform's resellers, read. Apart from the writes so that a function that only reads them
 * bundles none of the writes' commands (transactions, the idempotency record, the numbering's checks).
 */
export const resellerReadRepository = (db: Db) => {
  const getReseller = async (id: string): Promise<Reseller | undefined> => {
    const { Item } = await db.client.send(
      new GetCommand({ TableName: db.tableName, Key: resellerKey(id), ConsistentRead: true }),
    );
    return Item ? toReseller(Item) : undefined;
  };

  return { getReseller };
};

/**
 * The platform's resellers a page at a time (GET /reseller, the monthly close's plan): apart from
 * the read by id, so that a function that only reads a reseller bundles no cursor.
 */
export const resellerListingRepository = (db: Db) => {
  const listResellers = async (limit: number, cursor?: string): Promise<Page<Reseller>> => {
    const { Items = [], LastEvaluatedKey } = await db.client.send(
      new QueryCommand({
        TableName: db.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :platform',
        ExpressionAttributeValues: { ':platform': resellerIndexKey('').gsi1pk },
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor),
      }),
    );
    return { items: Items.map((item) => toReseller(item)), cursor: encodeCursor(LastEvaluatedKey) };
  };

  return { listResellers };
};

/** The platform's resellers (the tenants): read (above), made and changed. */
export const resellerRepository = (db: Db) => {
  const reads = { ...resellerReadRepository(db), ...resellerListingRepository(db) };
  const { getReseller } = reads;

  /** A new reseller; with `remember`, the Idempotency-Key's answer in the same transaction (idempotency.ts). */
  const putNewReseller = async (reseller: Reseller, remember?: Remember): Promise<void> => {
    const item: ResellerItem = {
      ...resellerKey(reseller.id),
      ...resellerIndexKey(reseller.id),
      type: 'reseller',
      ...reseller,
    };
    try {
      await transactRemembering(
        db,
        [{ Put: { TableName: db.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } }],
        remember,
      );
    } catch (error) {
      if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed')
        throw new ResellerExistsError(reseller.id);
      throw error;
    }
  };

  /**
   * Changes the fields given on the condition that the numbering is still as `seen` (an invoice
   * taking a number moves it), and, when the series is to continue from a number, that no invoice
   * claimed that number meanwhile: so a change never puts the series behind or onto a number used.
   */
  const updateReseller = async (
    id: string,
    changes: Partial<Omit<Reseller, 'id' | 'createdAt'>>,
    seen: Pick<Reseller, 'invoiceNumbering' | 'nextInvoiceNumber'>,
  ): Promise<Reseller> => {
    const entries = Object.entries(changes).filter(([, value]) => value !== undefined);
    const next = changes.nextInvoiceNumber;
    const names = { '#numbering': 'invoiceNumbering', '#next': 'nextInvoiceNumber' };
    const asSeen = [
      seen.invoiceNumbering === undefined
        ? 'attribute_not_exists(#numbering)'
        : '#numbering = :seenNumbering',
      seen.nextInvoiceNumber === undefined ? 'attribute_not_exists(#next)' : '#next = :seenNext',
    ];
    try {
      await db.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: db.tableName,
                Key: resellerKey(id),
                UpdateExpression: `SET ${entries.map((_, index) => `#f${index} = :v${index}`).join(', ')}`,
                ConditionExpression: ['attribute_exists(pk)', ...asSeen].join(' AND '),
                ExpressionAttributeNames: {
                  ...names,
                  ...Object.fromEntries(entries.map(([name], index) => [`#f${index}`, name])),
                },
                ExpressionAttributeValues: {
                  ...Object.fromEntries(entries.map(([, value], index) => [`:v${index}`, value])),
                  ...(seen.invoiceNumbering === undefined ? {} : { ':seenNumbering': seen.invoiceNumbering }),
                  ...(seen.nextInvoiceNumber === undefined ? {} : { ':seenNext': seen.nextInvoiceNumber }),
                },
              },
            },
            ...(changes.invoiceNumbering === 'faktura' && next !== undefined
              ? [
                  {
                    ConditionCheck: {
                      TableName: db.tableName,
                      Key: invoiceNumberKey(id, String(next)),
                      ConditionExpression: 'attribute_not_exists(pk)',
                    },
                  },
                ]
              : []),
          ],
        }),
      );
    } catch (error) {
      const codes = cancellationCodes(error);
      if (!codes) throw error;
      if (!codes.some((code) => code === 'ConditionalCheckFailed' || code === 'TransactionConflict'))
        throw error;
      const now = await getReseller(id);
      throw new ResellerChangeConflict(now ? 'numbering-moved' : 'missing');
    }
    const updated = await getReseller(id);
    if (!updated) throw new ResellerChangeConflict('missing');
    return updated;
  };

  /**
   * The highest whole number any of the reseller's invoices carries (its claims, packages/store/src/
   * keys.ts invoiceNumberKey): numbers are texts, so they are read page by page (keys only) and
   * compared as numbers. Read when a reseller's series is set, not on any invoice's path.
   */
  const highestInvoiceNumberUsed = async (reseller: string): Promise<number | undefined> => {
    const claims = invoiceNumberKey(reseller, '');
    let highest: number | undefined;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await db.client.send(
        new QueryCommand({
          TableName: db.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :claim)',
          ExpressionAttributeValues: { ':pk': claims.pk, ':claim': claims.sk },
          ProjectionExpression: 'sk',
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        const number = wholeInvoiceNumber(String(item.sk).slice(claims.sk.length));
        if (number !== undefined && (highest === undefined || number > highest)) highest = number;
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return highest;
  };

  return { ...reads, putNewReseller, updateReseller, highestInvoiceNumberUsed };
};
