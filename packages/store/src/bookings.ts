import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import {
  BookingChangedMeanwhile,
  type BookingChangeWrite,
  bookedInField,
  exportedToField,
} from '#app/ports/store';
import type { BookingSyncRun } from '#domain/booking-sync';
import type { AccountingSystemName, IntegrationOwner } from '#domain/integration';
import { PENDING_INVOICE_NUMBER } from '#domain/invoice/model';
import { cancellationCodes } from './cancellation.ts';
import type { Db } from './db.ts';
import { fromItem } from './item.ts';
import {
  invoiceHeaderSort,
  invoiceNumberKey,
  invoicePartition,
  invoiceTimelinePrefix,
  tenant,
} from './keys.ts';

/**
 * What booking sync writes (packages/app/src/bookings/sync-bookings.ts): an invoice's change, in
 * one transaction, and each integration's last run.
 *
 * Why one transaction per invoice, conditioned on what the sync read: a change is decided from the
 * header as read (not yet booked, not yet paid, exported with this draft); if the header moved on
 * meanwhile (another sync, a new export) the write is refused and the invoice is left to the next
 * run, never changed twice. The booked number claims its `INVOICE-NUMBER#` item, as a number given
 * at creation does, so two invoices never carry one number.
 */

const syncRunKey = (owner: IntegrationOwner, system: AccountingSystemName) => ({
  pk: owner.kind === 'platform' ? 'P#PLATFORM' : tenant(owner.reseller),
  sk: `BOOKING-SYNC#${system}`,
});

export const bookingRepository = (db: Db) => {
  const applyBookingChange = async ({
    reseller,
    invoice,
    markKey,
    draft,
    change,
    at,
  }: BookingChangeWrite) => {
    const names: Record<string, string> = { '#mark': exportedToField(markKey) };
    const values: Record<string, unknown> = { ':exportId': draft.exportId };
    const sets: string[] = [];
    const conditions = ['attribute_exists(pk)', 'exportedTo.#mark.exportId = :exportId'];
    if (change.invoiceNumber !== undefined) {
      sets.push('invoiceNumber = :number');
      conditions.push('invoiceNumber = :pending');
      values[':number'] = change.invoiceNumber;
      values[':pending'] = PENDING_INVOICE_NUMBER;
    }
    if (change.bookedAs !== undefined) {
      names['#booked'] = bookedInField(markKey);
      sets.push('#booked = :booked');
      conditions.push('attribute_not_exists(#booked)');
      values[':booked'] = {
        invoiceNumber: change.bookedAs,
        at,
        draftNumber: draft.draftNumber,
        paid: change.bookedPaid ?? false,
      };
    } else if (change.bookedPaid) {
      names['#booked'] = bookedInField(markKey);
      sets.push('#booked.paid = :true');
      conditions.push(
        'attribute_exists(#booked) AND (attribute_not_exists(#booked.paid) OR #booked.paid = :false)',
      );
      values[':false'] = false;
      values[':true'] = true;
    }
    if (change.sent) sets.push('sent = :true');
    if (change.paid) {
      sets.push('paid = :true');
      conditions.push('paid = :false');
      values[':false'] = false;
    }
    if (change.sent || change.paid) values[':true'] = true;
    const update = [
      sets.length > 0 ? `SET ${sets.join(', ')}` : '',
      change.reopenExport ? 'REMOVE exportedTo.#mark' : '',
    ]
      .filter(Boolean)
      .join(' ');
    const pk = invoicePartition(reseller, invoice);
    try {
      await db.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: db.tableName,
                Key: { pk, sk: invoiceHeaderSort },
                UpdateExpression: update,
                ConditionExpression: conditions.join(' AND '),
                ExpressionAttributeNames: names,
                ExpressionAttributeValues: values,
              },
            },
            ...(change.invoiceNumber === undefined
              ? []
              : [
                  {
                    Put: {
                      TableName: db.tableName,
                      Item: {
                        ...invoiceNumberKey(reseller, change.invoiceNumber),
                        type: 'invoice-number',
                        invoice,
                      },
                      ConditionExpression: 'attribute_not_exists(pk)',
                    },
                  },
                ]),
            // The entries of one change share their time: their place in the change keeps them in order.
            ...change.timeline.map((entry, index) => ({
              Put: {
                TableName: db.tableName,
                Item: {
                  pk,
                  sk: `${invoiceTimelinePrefix}${entry.at}#${entry.system ?? ''}#${index}#${entry.event}`,
                  type: 'invoice-timeline',
                  ...entry,
                },
              },
            })),
          ],
        }),
      );
    } catch (error) {
      const codes = cancellationCodes(error);
      if (!codes) throw error;
      // The header first: a header that moved on says nothing of the number.
      if (codes[0] === 'ConditionalCheckFailed')
        throw new BookingChangedMeanwhile(`Invoice ${invoice} changed since it was read`, 'changed');
      if (change.invoiceNumber !== undefined && codes[1] === 'ConditionalCheckFailed')
        throw new BookingChangedMeanwhile(
          `Invoice number ${change.invoiceNumber} is already used by another invoice of the reseller`,
          'number-taken',
        );
      throw error;
    }
  };

  const saveBookingSyncRun = async (run: BookingSyncRun): Promise<void> => {
    await db.client.send(
      new PutCommand({
        TableName: db.tableName,
        Item: { ...syncRunKey(run.owner, run.system), type: 'booking-sync', ...run },
      }),
    );
  };

  const getBookingSyncRun = async (
    owner: IntegrationOwner,
    system: AccountingSystemName,
  ): Promise<BookingSyncRun | undefined> => {
    const { Item } = await db.client.send(
      new GetCommand({ TableName: db.tableName, Key: syncRunKey(owner, system) }),
    );
    return Item ? fromItem<BookingSyncRun>(Item) : undefined;
  };

  return { applyBookingChange, saveBookingSyncRun, getBookingSyncRun };
};
