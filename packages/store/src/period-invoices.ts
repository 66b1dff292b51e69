import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import {
  InvoiceWriteConflict,
  type PeriodInvoiceOutcome,
  type PeriodInvoiceWrite,
  type UnfinishedClaim,
} from '#app/ports/store';
import type { CurrentItem } from '#domain/current-item';
import { maxConsumedItemsPerInvoice } from '#domain/invoice/limits';
import { cancellationCodes } from './cancellation.ts';
import type { Db } from './db.ts';
import { invoiceReadRepository } from './invoice-reads.ts';
import { invoiceWriteRepository } from './invoice-writes.ts';
import { currentItemKey } from './keys.ts';

/**
 * Writes a period invoice of the monthly close, however many current-invoice items it consumes.
 *
 * Why not just putNewInvoice: a customer with hundreds of one-off usage items consumes more items
 * than one DynamoDB transaction (100 actions) can delete beside the invoice. The items beyond what
 * fits are first *claimed* for the invoice (`claimedBy`, conditional, in transactions of 100): a
 * claimed item can no longer be taken into another invoice or deleted by hand, so the period
 * invoice is the only one that can bill it. Then the invoice is written with the first items'
 * deletion, then the claimed items are deleted. A run that dies anywhere in between leaves nothing
 * billed twice: the next run claims the same items again (a claim by the same invoice is allowed),
 * or finds the invoice written and finishes deleting what it claimed. The invoice id is derived
 * from customer and month (periodInvoiceId), so every run targets the same invoice.
 *
 * An invoice too large for its one transaction (InvoiceTooLarge) is refused before the first claim:
 * claims for an invoice that can never be written would hold the customer's items forever.
 */

type ItemRef = Pick<CurrentItem, 'id' | 'reseller' | 'customer'>;

const transactionLimit = 100;

export const periodInvoiceRepository = (db: Db) => {
  const { assertNewInvoiceFits, putNewInvoice } = invoiceWriteRepository(db);
  const { getInvoiceHeader } = invoiceReadRepository(db);

  const putPeriodInvoice = async ({
    invoice,
    consumedItems,
    seriesNumber,
  }: PeriodInvoiceWrite): Promise<PeriodInvoiceOutcome> => {
    const inTransaction = consumedItems.slice(0, maxConsumedItemsPerInvoice);
    const claimed = consumedItems.slice(maxConsumedItemsPerInvoice);
    assertNewInvoiceFits({ invoice, consumedItems: inTransaction });
    // Claims would fail on items an earlier run already consumed: look for its invoice first. Without
    // claims the conditional write itself tells (invoice-exists), one round trip fewer per customer.
    if (claimed.length > 0 && (await getInvoiceHeader(invoice.reseller, invoice.id))) {
      await finishConsumption(invoice.id, consumedItems);
      return 'existed';
    }
    for (const chunk of chunks(claimed, transactionLimit)) await claimItems(invoice.id, chunk);
    try {
      await putNewInvoice({
        invoice,
        consumedItems: inTransaction,
        ...(seriesNumber === undefined ? {} : { seriesNumber }),
      });
    } catch (error) {
      if (!(error instanceof InvoiceWriteConflict) || error.reason !== 'invoice-exists') throw error;
      // An earlier run wrote it (or another run, a moment ago): finish what that run claimed.
      await finishConsumption(invoice.id, consumedItems);
      return 'existed';
    }
    await finishConsumption(invoice.id, claimed);
    return 'created';
  };

  /**
   * Before a close bills a customer: items claimed by another period invoice (a close of an earlier
   * month that died partway) may be billed by that invoice alone. When it was written, they are in
   * it, and their deletion is finished here, so the customer's close goes on. When it was not, they
   * stay claimed for it and are answered as unfinished: that month must be closed again first.
   * Returns the items this invoice may bill.
   */
  const settleEarlierClaims = async <Item extends ItemRef & Pick<CurrentItem, 'claimedBy'>>(
    invoiceId: string,
    items: readonly Item[],
  ): Promise<{ readonly free: Item[]; readonly unfinished: UnfinishedClaim[] }> => {
    const free: Item[] = [];
    const byClaimant = new Map<string, Item[]>();
    for (const item of items) {
      if (!item.claimedBy || item.claimedBy === invoiceId) free.push(item);
      else byClaimant.set(item.claimedBy, [...(byClaimant.get(item.claimedBy) ?? []), item]);
    }
    const unfinished: UnfinishedClaim[] = [];
    for (const [claimant, claimed] of byClaimant) {
      if (await getInvoiceHeader(claimed[0]!.reseller, claimant)) await finishConsumption(claimant, claimed);
      else unfinished.push({ invoiceId: claimant, items: claimed.length });
    }
    return { free, unfinished };
  };

  /** Deletes whatever of these items this invoice has claimed and not yet deleted. */
  const finishConsumption = async (invoiceId: string, items: readonly ItemRef[]): Promise<void> => {
    for (const chunk of chunks(items, transactionLimit)) await deleteClaimedItems(invoiceId, chunk);
  };

  /** Each item still there and unclaimed (or already claimed by this invoice) is claimed; else nothing is. */
  const claimItems = async (invoiceId: string, items: readonly ItemRef[]): Promise<void> => {
    try {
      await db.client.send(
        new TransactWriteCommand({
          TransactItems: items.map((item) => ({
            Update: {
              TableName: db.tableName,
              Key: currentItemKey(item.reseller, item.customer, item.id),
              UpdateExpression: 'SET claimedBy = :invoice',
              ConditionExpression:
                'attribute_exists(pk) AND (attribute_not_exists(claimedBy) OR claimedBy = :invoice)',
              ExpressionAttributeValues: { ':invoice': invoiceId },
            },
          })),
        }),
      );
    } catch (error) {
      if ((error as Error).name === 'TransactionCanceledException')
        throw new InvoiceWriteConflict('items-gone');
      throw error;
    }
  };

  /**
   * Deletes the items this invoice claimed, all in one write, each on the condition that it is still
   * claimed by this invoice. An item that fails it is left out and the rest deleted: it is gone (an
   * earlier run deleted it; nobody else may delete a claimed item) or was never claimed (it went in
   * the invoice's own transaction).
   */
  const deleteClaimedItems = async (invoiceId: string, items: readonly ItemRef[]): Promise<void> => {
    const remaining = [...items];
    while (remaining.length > 0) {
      try {
        await db.client.send(
          new TransactWriteCommand({
            TransactItems: remaining.map((item) => ({
              Delete: {
                TableName: db.tableName,
                Key: currentItemKey(item.reseller, item.customer, item.id),
                ConditionExpression: 'claimedBy = :invoice',
                ExpressionAttributeValues: { ':invoice': invoiceId },
              },
            })),
          }),
        );
        return;
      } catch (error) {
        const codes = cancellationCodes(error);
        if (!codes) throw error;
        const gone = new Set(
          codes.flatMap((code, index) => (code === 'ConditionalCheckFailed' ? [index] : [])),
        );
        if (gone.size === 0) throw error;
        const next = remaining.filter((_, index) => !gone.has(index));
        remaining.splice(0, remaining.length, ...next);
      }
    }
  };

  return { putPeriodInvoice, settleEarlierClaims };
};

const chunks = <T>(values: readonly T[], size: number): T[][] => {
  const result: T[][] = [];
  for (let start = 0; start < values.length; start += size) result.push(values.slice(start, start + size));
  return result;
};
