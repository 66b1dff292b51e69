import type { BookingsSeen } from '#domain/booking-sync';
import { asInteger, asNumber, asString, type JsonRecord } from '../json.ts';

/**
 * What became of Uniconta orders, pure (docs/contracts/booking-and-vat.md Q6): an order still
 * listed is still a draft; a posted order is a `DebtorInvoiceClient` with its `InvoiceNumber`, the
 * `OrderNumber` it came from and the `YourRef` the order carried (copied: inferred); paid status
 * lives in the open items (`DebtorTransOpenClient`), not on the invoice: an invoice is paid when no
 * open item of it has an amount left (`AmountOpen`), whether settled items are still listed with 0
 * or no longer listed. A deleted (voided) invoice is not a booking.
 */
export const unicontaBookings = (
  orders: readonly JsonRecord[],
  invoices: readonly JsonRecord[],
  openItems: readonly JsonRecord[],
): BookingsSeen => {
  const unpaid = new Set(
    openItems
      .filter((item) => (asNumber(item.AmountOpen) ?? 0) !== 0)
      .map((item) => asString(item.Invoice))
      .filter((invoice): invoice is string => invoice !== undefined),
  );
  return {
    draftReferences: new Set(
      orders
        .map((order) => asString(order.YourRef))
        .filter((reference): reference is string => Boolean(reference)),
    ),
    booked: invoices.flatMap((invoice) => {
      const invoiceNumber = asInteger(invoice.InvoiceNumber);
      if (invoiceNumber === undefined || invoiceNumber === 0 || invoice.Deleted === true) return [];
      const reference = asString(invoice.YourRef);
      const orderNumber = asInteger(invoice.OrderNumber);
      return [
        {
          invoiceNumber: String(invoiceNumber),
          ...(reference ? { reference } : {}),
          ...(orderNumber === undefined || orderNumber === 0 ? {} : { orderNumber: String(orderNumber) }),
          paid: !unpaid.has(String(invoiceNumber)),
        },
      ];
    }),
  };
};
