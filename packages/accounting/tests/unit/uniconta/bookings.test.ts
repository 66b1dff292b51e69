import { describe, expect, it } from 'vitest';
import { unicontaBookings } from '../../../src/uniconta/bookings.ts';

describe('unicontaBookings', () => {
  it('takes the orders still there as drafts, the posted invoices as booked, and paid from the open items', () => {
    // Prepare: 501 settled (listed with 0), 502 still open, 503 settled and no longer listed
    const orders = [{ OrderNumber: 11, YourRef: 'FK-e1-a' }, { OrderNumber: 14 }];
    const invoices = [
      { InvoiceNumber: 501, OrderNumber: 12, YourRef: 'FK-e1-b' },
      { InvoiceNumber: 502, OrderNumber: 13, YourRef: 'FK-e1-c' },
      { InvoiceNumber: 503, OrderNumber: 15 },
      { InvoiceNumber: 504, YourRef: 'FK-e1-d', Deleted: true },
    ];
    const openItems = [
      { Invoice: 501, Amount: 603.84, AmountOpen: 0 },
      { Invoice: 502, Amount: 603.84, AmountOpen: 100 },
    ];

    // Act
    const seen = unicontaBookings(orders, invoices, openItems);

    // Assess
    expect(seen).toEqual({
      draftReferences: new Set(['FK-e1-a']),
      booked: [
        { invoiceNumber: '501', reference: 'FK-e1-b', orderNumber: '12', paid: true },
        { invoiceNumber: '502', reference: 'FK-e1-c', orderNumber: '13', paid: false },
        { invoiceNumber: '503', orderNumber: '15', paid: true },
      ],
    });
  });
});
