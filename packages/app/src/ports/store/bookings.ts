import type { BookingChange, BookingState } from '#domain/booking-sync';
import { exportedToField } from './exported-to.ts';
import type { ExportableInvoiceHeader } from './invoices.ts';

/** A booking change to write on one invoice, conditioned on the draft it was decided for. */
export interface BookingChangeWrite {
  readonly reseller: string;
  readonly invoice: string;
  /** The export mark of the books synced (`economic`, `uniconta`). */
  readonly markKey: string;
  /** The export the draft was made by, as the header's mark said when it was read. */
  readonly draft: { readonly exportId: string; readonly draftNumber: string };
  readonly change: BookingChange;
  readonly at: string;
}

/** The invoice moved on since the sync read it, or the booked number is another invoice's: left as it is, said in the run. */
export class BookingChangedMeanwhile extends Error {
  public override readonly name = 'BookingChangedMeanwhile';
  public constructor(
    message: string,
    public readonly reason: 'changed' | 'number-taken',
  ) {
    super(message);
  }
}

/** How the header keeps a booking in a system's books (the store's `bookedIn…` attribute). */
export interface BookedIn {
  readonly invoiceNumber: string;
  readonly at: string;
  readonly draftNumber?: string;
  /** Nothing left to pay on that bill, as the last sync saw it (absent on bookings kept before it was). */
  readonly paid?: boolean;
}

/** The header attribute that keeps the booking in a system's books: top level, since older headers have no map to add to. */
export const bookedInField = (markKey: string): string => `bookedIn${exportedToField(markKey)}`;

/** What booking sync knows of an invoice from its header, for the books of `markKey`. */
export const bookingStateOf = (header: ExportableInvoiceHeader, markKey: string): BookingState => {
  const booked = (header as unknown as Record<string, BookedIn | undefined>)[
    `bookedIn${exportedToField(markKey)}`
  ];
  return {
    invoiceNumber: header.invoiceNumber,
    sent: header.sent,
    paid: header.paid,
    ...(booked ? { bookedAs: booked.invoiceNumber, bookedPaid: booked.paid ?? false } : {}),
  };
};
