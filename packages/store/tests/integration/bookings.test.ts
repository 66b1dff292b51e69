import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BookingChangedMeanwhile,
  bookingStateOf,
  type ExportableInvoiceHeader,
  exportedToField,
} from '#app/ports/store';
import { newId } from '#domain/ids';
import { createInvoice } from '#domain/invoice/create-invoice';
import { invoiceLine } from '#domain/invoice/invoice-line';
import { product } from '../../../domain/tests/unit/monthly-close/fixtures.ts';
import { bookingRepository } from '../../src/bookings.ts';
import type { Db } from '../../src/db.ts';
import { invoiceHeaderItem } from '../../src/invoice-writes.ts';
import { fromItem } from '../../src/item.ts';
import { invoiceHeaderSort, invoiceNumberKey, invoicePartition } from '../../src/keys.ts';
import { testStackDb } from '../support/test-stack.ts';

/**
 * Booking sync's writes against DynamoDB Local: an invoice changes once, as decided from the header
 * it was read as; the booked number claims its place in the reseller's numbers; a deleted draft
 * takes the invoice's export mark away.
 */
describe('bookingRepository', () => {
  let db: Db;
  let bookings: ReturnType<typeof bookingRepository>;
  beforeAll(() => {
    db = testStackDb();
    bookings = bookingRepository(db);
  });

  const at = '2026-12-03T10:00:00.000Z';
  const draft = { exportId: 'e1', draftNumber: '12' };

  /** An invoice header of a new reseller, exported to e-conomic as draft 12 by export e1. */
  const exportedInvoice = async (markKey = 'economic') => {
    const reseller = newId();
    const invoice = createInvoice(
      { reseller, customer: 'c1', lines: [invoiceLine(product(), { units: 2 })], invoiceDate: new Date(at) },
      { id: newId(), now: new Date(at) },
    );
    const item = {
      ...invoiceHeaderItem(invoice, 1),
      exportedTo: { [exportedToField(markKey)]: { at, ...draft } },
    };
    await db.client.send(new PutCommand({ TableName: db.tableName, Item: item }));
    return { reseller, invoice: invoice.id };
  };

  const headerOf = async (reseller: string, invoice: string) => {
    const { Item } = await db.client.send(
      new GetCommand({
        TableName: db.tableName,
        Key: { pk: invoicePartition(reseller, invoice), sk: invoiceHeaderSort },
      }),
    );
    return fromItem<ExportableInvoiceHeader>(Item!);
  };

  const booked = {
    invoiceNumber: '10234',
    bookedAs: '10234',
    sent: true as const,
    timeline: [{ at, event: 'sent', system: 'economic', note: 'Booked as invoice 10234 in e-conomic' }],
    reopenExport: false,
  };

  it('writes the number, sent, the booking and the timeline entry together, and claims the number', async () => {
    // Prepare
    const { reseller, invoice } = await exportedInvoice();

    // Act
    await bookings.applyBookingChange({ reseller, invoice, markKey: 'economic', draft, change: booked, at });

    // Assess
    const header = await headerOf(reseller, invoice);
    expect(bookingStateOf(header, 'economic')).toEqual({
      invoiceNumber: '10234',
      sent: true,
      paid: false,
      bookedAs: '10234',
      bookedPaid: false,
    });
    const claim = await db.client.send(
      new GetCommand({ TableName: db.tableName, Key: invoiceNumberKey(reseller, '10234') }),
    );
    expect(claim.Item?.invoice).toBe(invoice);
    const { Items } = await db.client.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :timeline)',
        ExpressionAttributeValues: { ':pk': invoicePartition(reseller, invoice), ':timeline': 'TIMELINE#' },
      }),
    );
    expect(Items?.map((item) => [item.event, item.note])).toEqual([
      ['sent', 'Booked as invoice 10234 in e-conomic'],
    ]);
  });

  it('refuses the same change twice (the header moved on), and a number another invoice carries', async () => {
    // Prepare
    const { reseller, invoice } = await exportedInvoice();
    const other = await exportedInvoice();
    await bookings.applyBookingChange({ reseller, invoice, markKey: 'economic', draft, change: booked, at });
    await db.client.send(
      new PutCommand({
        TableName: db.tableName,
        Item: { ...invoiceNumberKey(other.reseller, '10234'), invoice: 'x' },
      }),
    );

    // Act
    const again = await bookings
      .applyBookingChange({ reseller, invoice, markKey: 'economic', draft, change: booked, at })
      .catch((error: unknown) => error);
    const taken = await bookings
      .applyBookingChange({ ...other, markKey: 'economic', draft, change: booked, at })
      .catch((error: unknown) => error);

    // Assess
    expect(again).toBeInstanceOf(BookingChangedMeanwhile);
    expect(again).toMatchObject({ reason: 'changed' });
    expect(taken).toBeInstanceOf(BookingChangedMeanwhile);
    expect(taken).toMatchObject({ reason: 'number-taken' });
    expect((await headerOf(other.reseller, other.invoice)).invoiceNumber).toBe('-1');
  });

  it('takes the export mark away when the draft was deleted by hand, but not from an invoice exported again since', async () => {
    // Prepare
    const { reseller, invoice } = await exportedInvoice();
    const reexported = await exportedInvoice();
    const gone = {
      timeline: [
        { at, event: 'draft-deleted', system: 'economic', note: 'Draft 12 was deleted in e-conomic' },
      ],
      reopenExport: true,
    };

    // Act
    await bookings.applyBookingChange({ reseller, invoice, markKey: 'economic', draft, change: gone, at });
    const stale = await bookings
      .applyBookingChange({
        ...reexported,
        markKey: 'economic',
        draft: { exportId: 'e0', draftNumber: '3' },
        change: gone,
        at,
      })
      .catch((error: unknown) => error);

    // Assess
    expect((await headerOf(reseller, invoice)).exportedTo).toEqual({});
    expect(stale).toMatchObject({ name: 'BookingChangedMeanwhile', reason: 'changed' });
    expect((await headerOf(reexported.reseller, reexported.invoice)).exportedTo).toEqual({
      [exportedToField('economic')]: { at, ...draft },
    });
  });

  it('keeps a bill beside the invoice (the platform’s) booked, then paid once, without touching the invoice’s own fields', async () => {
    // Prepare
    const markKey = 'economic:platform';
    const { reseller, invoice } = await exportedInvoice(markKey);
    const bookedThere = {
      bookedAs: '501',
      timeline: [
        { at, event: 'booked', system: 'economic', note: 'Booked as invoice 501 in e-conomic (platform)' },
      ],
      reopenExport: false,
    };
    const paidThere = {
      bookedPaid: true as const,
      timeline: [{ at: '2026-12-04T10:00:00.000Z', event: 'bill-paid', system: 'economic' }],
      reopenExport: false,
    };

    // Act
    await bookings.applyBookingChange({ reseller, invoice, markKey, draft, change: bookedThere, at });
    const afterBooking = bookingStateOf(await headerOf(reseller, invoice), markKey);
    await bookings.applyBookingChange({ reseller, invoice, markKey, draft, change: paidThere, at });
    const twice = await bookings
      .applyBookingChange({ reseller, invoice, markKey, draft, change: paidThere, at })
      .catch((error: unknown) => error);

    // Assess
    expect(afterBooking).toEqual({
      invoiceNumber: '-1',
      sent: false,
      paid: false,
      bookedAs: '501',
      bookedPaid: false,
    });
    expect(bookingStateOf(await headerOf(reseller, invoice), markKey)).toEqual({
      invoiceNumber: '-1',
      sent: false,
      paid: false,
      bookedAs: '501',
      bookedPaid: true,
    });
    expect(twice).toBeInstanceOf(BookingChangedMeanwhile);
    const claim = await db.client.send(
      new GetCommand({ TableName: db.tableName, Key: invoiceNumberKey(reseller, '501') }),
    );
    expect(claim.Item).toBeUndefined();
  });

  it('keeps a bill beside the invoice booked and paid at once', async () => {
    // Prepare
    const markKey = 'economic:platform';
    const { reseller, invoice } = await exportedInvoice(markKey);
    const change = {
      bookedAs: '502',
      bookedPaid: true as const,
      timeline: [
        { at, event: 'booked', system: 'economic' },
        { at, event: 'bill-paid', system: 'economic' },
      ],
      reopenExport: false,
    };

    // Act
    await bookings.applyBookingChange({ reseller, invoice, markKey, draft, change, at });

    // Assess
    expect(bookingStateOf(await headerOf(reseller, invoice), markKey)).toMatchObject({
      paid: false,
      bookedAs: '502',
      bookedPaid: true,
    });
    const { Items } = await db.client.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :timeline)',
        ExpressionAttributeValues: { ':pk': invoicePartition(reseller, invoice), ':timeline': 'TIMELINE#' },
      }),
    );
    // In the order the change gives them, though they share their time
    expect(Items?.map((item) => item.event)).toEqual(['booked', 'bill-paid']);
  });

  it('keeps the last run of each integration', async () => {
    // Prepare
    const owner = { kind: 'reseller', reseller: newId() } as const;
    const run = {
      owner,
      system: 'uniconta' as const,
      at,
      drafts: 3,
      found: 1,
      updated: 1,
      deleted: 0,
      unmatched: [],
      errors: [],
    };

    // Act
    await bookings.saveBookingSyncRun(run);

    // Assess
    expect(await bookings.getBookingSyncRun(owner, 'uniconta')).toEqual(run);
    expect(await bookings.getBookingSyncRun(owner, 'economic')).toBeUndefined();
  });
});
