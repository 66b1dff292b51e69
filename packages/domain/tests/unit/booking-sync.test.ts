import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type BookedInvoice,
  type BookingState,
  bookingChange,
  type ExportedDraft,
  matchBookings,
} from '../../src/booking-sync.ts';

const draft = (invoice: string, draftNumber: string): ExportedDraft => ({
  invoice,
  reference: `FK-e1-${invoice}`,
  draftNumber,
});
const a = draft('a', '11');
const b = draft('b', '12');
const c = draft('c', '13');
const at = '2026-12-03T10:00:00.000Z';

describe('matchBookings', () => {
  it('finds each draft still a draft, booked (by its reference) or gone', () => {
    // Act
    const { fates, unmatched } = matchBookings([a, b, c], {
      draftReferences: new Set([a.reference]),
      booked: [{ invoiceNumber: '10234', reference: b.reference, orderNumber: '40', paid: true }],
    });

    // Assess
    expect(Object.fromEntries(fates)).toEqual({
      'FK-e1-a': { kind: 'draft' },
      'FK-e1-b': { kind: 'booked', invoiceNumber: '10234', paid: true, matchedBy: 'reference' },
      'FK-e1-c': { kind: 'gone' },
    });
    expect(unmatched).toEqual([]);
  });

  it('matches a booked invoice that lost its reference by the order it came from, only when one draft has that number', () => {
    // Prepare: two exports reused order number 12 (e-conomic reuses numbers)
    const b2 = draft('b2', '12');

    // Act
    const single = matchBookings([a, b], {
      draftReferences: new Set(),
      booked: [{ invoiceNumber: '7', orderNumber: '12', paid: false }],
    });
    const twice = matchBookings([a, b, b2], {
      draftReferences: new Set(),
      booked: [{ invoiceNumber: '7', orderNumber: '12', paid: false }],
    });

    // Assess
    expect(single.fates.get(b.reference)).toEqual({
      kind: 'booked',
      invoiceNumber: '7',
      paid: false,
      matchedBy: 'orderNumber',
    });
    // Twice: one of them was booked and nothing says which; neither is taken as deleted
    expect(twice.fates.has(b.reference)).toBe(false);
    expect(twice.fates.has(b2.reference)).toBe(false);
    expect(twice.unmatched).toEqual([{ invoiceNumber: '7', orderNumber: '12', paid: false }]);
  });

  it('reports what carries a Faktura reference but matches nothing, or matches twice, and leaves that invoice as it is', () => {
    // Prepare
    const stray: BookedInvoice = { invoiceNumber: '99', reference: 'FK-old-zzz', paid: false };
    const foreign: BookedInvoice = { invoiceNumber: '98', reference: 'Ordre 17', paid: false };
    const twiceA: BookedInvoice[] = [
      { invoiceNumber: '1', reference: a.reference, paid: false },
      { invoiceNumber: '2', reference: a.reference, paid: false },
    ];

    // Act
    const { fates, unmatched } = matchBookings([a], {
      draftReferences: new Set(),
      booked: [stray, foreign, ...twiceA],
    });

    // Assess: a is neither booked nor gone; the foreign invoice is not Faktura's to report
    expect(fates.has(a.reference)).toBe(false);
    expect(unmatched).toEqual([...twiceA, stray]);
  });

  it('gives every exported draft its one fate: booked once by its reference, still a draft, gone; none when booked twice (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 30 }), { maxLength: 12 }),
        fc.array(fc.integer({ min: 1, max: 30 }), { maxLength: 12 }),
        fc.array(fc.integer({ min: 1, max: 30 }), { maxLength: 12 }),
        (exportedNumbers, draftNumbers, bookedNumbers) => {
          const exported = exportedNumbers.map((n) => draft(`i${n}`, String(n)));
          const seen = {
            draftReferences: new Set(draftNumbers.map((n) => `FK-e1-i${n}`)),
            booked: bookedNumbers.map((n, index) => ({
              invoiceNumber: String(1000 + index),
              reference: `FK-e1-i${n}`,
              paid: false,
            })),
          };
          const { fates, unmatched } = matchBookings(exported, seen);
          const ambiguous = new Set(unmatched.map((booked) => booked.reference));
          for (const one of exported) {
            expect(fates.has(one.reference)).toBe(!ambiguous.has(one.reference));
            const bookedWithIt = bookedNumbers.filter((n) => `FK-e1-i${n}` === one.reference).length;
            if (bookedWithIt === 1) expect(fates.get(one.reference)?.kind).toBe('booked');
            if (bookedWithIt === 0)
              expect(fates.get(one.reference)?.kind).toBe(
                seen.draftReferences.has(one.reference) ? 'draft' : 'gone',
              );
          }
        },
      ),
    );
  });
});

describe('bookingChange', () => {
  const pending: BookingState = { invoiceNumber: '-1', sent: false, paid: false };
  const booked = { kind: 'booked', invoiceNumber: '10234', paid: false, matchedBy: 'reference' } as const;

  it('sets the booked number, sent and a timeline entry; paid when nothing is left to pay', () => {
    // Act
    const change = bookingChange('economic', pending, a, { ...booked, paid: true }, at);

    // Assess
    expect(change).toEqual({
      invoiceNumber: '10234',
      bookedAs: '10234',
      bookedPaid: true,
      sent: true,
      paid: true,
      timeline: [
        {
          at,
          event: 'sent',
          system: 'economic',
          note: 'Booked as invoice 10234 in e-conomic',
          detail: { draftNumber: '11', invoiceNumber: '10234', matchedBy: 'reference' },
        },
        { at, event: 'paid', system: 'economic', note: 'Paid in e-conomic' },
      ],
      reopenExport: false,
    });
  });

  it('changes nothing the second time, and only paid once the payment comes', () => {
    // Prepare
    const afterBooking: BookingState = { invoiceNumber: '10234', sent: true, paid: false, bookedAs: '10234' };

    // Act & Assess
    expect(bookingChange('economic', afterBooking, a, booked, at)).toBeUndefined();
    expect(bookingChange('uniconta', afterBooking, a, { ...booked, paid: true }, at)).toEqual({
      bookedPaid: true,
      paid: true,
      timeline: [{ at, event: 'paid', system: 'uniconta', note: 'Paid in Uniconta' }],
      reopenExport: false,
    });
    expect(
      bookingChange('economic', { ...afterBooking, paid: true }, a, { ...booked, paid: true }, at),
    ).toBeUndefined();
  });

  it('keeps Faktura’s own number, and says so when the accounting system booked another', () => {
    // Prepare
    const numbered: BookingState = { invoiceNumber: '5001', sent: false, paid: false };

    // Act
    const kept = bookingChange('economic', numbered, a, { ...booked, invoiceNumber: '5001' }, at);
    const other = bookingChange('economic', numbered, a, booked, at);

    // Assess
    expect(kept).toMatchObject({
      bookedAs: '5001',
      sent: true,
      timeline: [{ note: 'Booked as invoice 5001 in e-conomic' }],
    });
    expect(kept).not.toHaveProperty('invoiceNumber');
    expect(other).toMatchObject({
      bookedAs: '10234',
      sent: true,
      timeline: [
        {
          note: "Booked as invoice 10234 in e-conomic, not as 5001: e-conomic did not keep Faktura's number",
        },
      ],
    });
    expect(other).not.toHaveProperty('invoiceNumber');
  });

  it('keeps a bill beside the invoice (the platform’s, an external-licence document) apart from the invoice’s own fields', () => {
    // Prepare
    const platform = { adminMode: true, externalLicenses: false };
    const paidInvoice: BookingState = { invoiceNumber: '5001', sent: true, paid: true };

    // Act
    const bookedThere = bookingChange('economic', paidInvoice, a, booked, at, platform);
    const paidThere = bookingChange(
      'economic',
      { ...paidInvoice, bookedAs: '10234', bookedPaid: false },
      a,
      { ...booked, paid: true },
      at,
      platform,
    );
    const deleted = bookingChange('economic', paidInvoice, a, { kind: 'gone' }, at, platform);

    // Assess: the customer's invoice is already paid; the platform's bill to the reseller is not
    expect(bookedThere).toEqual({
      bookedAs: '10234',
      timeline: [
        {
          at,
          event: 'booked',
          system: 'economic',
          note: 'Booked as invoice 10234 in e-conomic (platform)',
          detail: { draftNumber: '11', invoiceNumber: '10234', matchedBy: 'reference' },
        },
      ],
      reopenExport: false,
    });
    expect(paidThere).toEqual({
      bookedPaid: true,
      timeline: [
        { at, event: 'bill-paid', system: 'economic', note: 'Invoice 10234 paid in e-conomic (platform)' },
      ],
      reopenExport: false,
    });
    expect(deleted?.timeline[0]?.note).toBe(
      'Draft 11 was deleted in e-conomic (platform); the invoice can be exported again',
    );
    expect(deleted?.reopenExport).toBe(true);
  });

  it('records the booking of an invoice marked sent at creation, without a second sent', () => {
    // Act
    const change = bookingChange('economic', { invoiceNumber: '-1', sent: true, paid: false }, a, booked, at);

    // Assess
    expect(change).toMatchObject({
      invoiceNumber: '10234',
      bookedAs: '10234',
      timeline: [{ event: 'sent' }],
    });
    expect(change).not.toHaveProperty('sent');
  });

  it('makes a draft deleted by hand exportable again, and says so; a draft still a draft changes nothing', () => {
    expect(bookingChange('uniconta', pending, a, { kind: 'gone' }, at)).toEqual({
      timeline: [
        {
          at,
          event: 'draft-deleted',
          system: 'uniconta',
          note: 'Draft 11 was deleted in Uniconta; the invoice can be exported again',
        },
      ],
      reopenExport: true,
    });
    expect(bookingChange('uniconta', pending, a, { kind: 'draft' }, at)).toBeUndefined();
  });
});
