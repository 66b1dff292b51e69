import { booksQualifier, type ExportTarget, isInvoiceProper } from './export-job.ts';
import { type AccountingSystemName, type IntegrationOwner, systemLabels } from './integration.ts';
import { PENDING_INVOICE_NUMBER } from './invoice/model.ts';
import type { TimelineEntry } from './invoice/timeline.ts';

/**
 * Booking sync, pure: what became of the drafts Faktura exported, from what the accounting system
 * lists (docs/contracts/booking-and-vat.md Q3, Q4, Q6), and what that changes on each invoice.
 *
 * A draft is found again by the reference Faktura wrote on it (e-conomic `references.other`,
 * Uniconta `YourRef`), which the facts say survives booking, but only by inference. So matching is
 * defensive: by reference first; a booked invoice without one is matched by the number of the order
 * it came from (e-conomic `orderNumber`, Uniconta `OrderNumber`: inferred to be the draft's), and
 * only when exactly one exported draft has that number; everything booked that carries a Faktura
 * reference but matches no exported draft, or matches two, is reported as unmatched, never guessed.
 */

/** A draft an export made, as the invoice's header records it. */
export interface ExportedDraft {
  readonly invoice: string;
  readonly reference: string;
  readonly draftNumber: string;
}

/** An invoice the accounting system booked (e-conomic: a booked invoice; Uniconta: a posted order). */
export interface BookedInvoice {
  /** The accounting system's invoice number. */
  readonly invoiceNumber: string;
  /** Our reference, when it survived booking. */
  readonly reference?: string;
  /** The order (draft) it was made from, when the system says. */
  readonly orderNumber?: string;
  /** Nothing is left to pay (e-conomic `remainder` 0; Uniconta: no open amount). */
  readonly paid: boolean;
}

/** What the accounting system lists now. */
export interface BookingsSeen {
  /** The references of the drafts (orders) that are still drafts. */
  readonly draftReferences: ReadonlySet<string>;
  readonly booked: readonly BookedInvoice[];
}

export type DraftFate =
  | { readonly kind: 'draft' }
  | {
      readonly kind: 'booked';
      readonly invoiceNumber: string;
      readonly paid: boolean;
      readonly matchedBy: 'reference' | 'orderNumber';
    }
  /** Neither a draft nor booked any more: deleted by hand in the accounting system. */
  | { readonly kind: 'gone' };

export interface Matching {
  /** By draft reference (one per draft: an invoice may have a draft of each document in one set of books). */
  readonly fates: ReadonlyMap<string, DraftFate>;
  /** Booked invoices that carry a Faktura reference (`FK-…`) but match no exported draft, or several. */
  readonly unmatched: readonly BookedInvoice[];
}

/** The prefix of every reference Faktura writes (#domain/export-job draftReference). */
const fakturaReference = /^FK-/;

export const matchBookings = (exported: readonly ExportedDraft[], seen: BookingsSeen): Matching => {
  const byReference = new Map<string, BookedInvoice[]>();
  const withoutReference: BookedInvoice[] = [];
  for (const booked of seen.booked) {
    if (booked.reference === undefined || booked.reference === '') withoutReference.push(booked);
    else byReference.set(booked.reference, [...(byReference.get(booked.reference) ?? []), booked]);
  }
  const draftsByNumber = new Map<string, ExportedDraft[]>();
  for (const draft of exported)
    draftsByNumber.set(draft.draftNumber, [...(draftsByNumber.get(draft.draftNumber) ?? []), draft]);

  const fates = new Map<string, DraftFate>();
  const unmatched: BookedInvoice[] = [];
  /** Drafts whose booking cannot be told apart: neither booked nor gone, the invoice left as it is. */
  const undecided = new Set<string>();
  const known = new Set(exported.map((draft) => draft.reference));
  for (const draft of exported) {
    const booked = byReference.get(draft.reference) ?? [];
    if (booked.length === 1) {
      const [only] = booked as [BookedInvoice];
      fates.set(draft.reference, {
        kind: 'booked',
        invoiceNumber: only.invoiceNumber,
        paid: only.paid,
        matchedBy: 'reference',
      });
    } else if (booked.length > 1) {
      // Two invoices booked from one draft cannot be told apart.
      unmatched.push(...booked);
      undecided.add(draft.reference);
    } else if (seen.draftReferences.has(draft.reference)) {
      fates.set(draft.reference, { kind: 'draft' });
    }
  }
  for (const booked of withoutReference) {
    const candidates = booked.orderNumber === undefined ? [] : (draftsByNumber.get(booked.orderNumber) ?? []);
    const open = candidates.filter((draft) => !fates.has(draft.reference) && !undecided.has(draft.reference));
    if (open.length === 1) {
      const [draft] = open as [ExportedDraft];
      fates.set(draft.reference, {
        kind: 'booked',
        invoiceNumber: booked.invoiceNumber,
        paid: booked.paid,
        matchedBy: 'orderNumber',
      });
    } else if (open.length > 1) {
      // Numbers are reused: one of these drafts was booked, and nothing says which.
      unmatched.push(booked);
      for (const draft of open) undecided.add(draft.reference);
    }
  }
  for (const [reference, booked] of byReference)
    if (fakturaReference.test(reference) && !known.has(reference)) unmatched.push(...booked);
  // What is neither a draft nor booked, nor undecided, was deleted by hand.
  for (const draft of exported)
    if (!fates.has(draft.reference) && !undecided.has(draft.reference))
      fates.set(draft.reference, { kind: 'gone' });
  return { fates, unmatched };
};

/** What booking sync knows of an invoice, as its header keeps it. */
export interface BookingState {
  readonly invoiceNumber: string;
  readonly sent: boolean;
  readonly paid: boolean;
  /** The accounting system's invoice number, once a sync has seen it booked. */
  readonly bookedAs?: string;
  /** A bill beside the invoice (not the invoice proper): paid in those books, kept with its booking. */
  readonly bookedPaid?: boolean;
}

/** What changes on an invoice: its fields, the timeline entries to add, and whether its export mark for the system goes. */
export interface BookingChange {
  /** The accounting system's number, replacing the pending `-1`. */
  readonly invoiceNumber?: string;
  /** Recorded once: later syncs compare against it. */
  readonly bookedAs?: string;
  readonly sent?: true;
  readonly paid?: true;
  /** Paid in those books, kept with the booking (`bookedIn…`): every bill has it; only the invoice proper also has `paid`. */
  readonly bookedPaid?: true;
  readonly timeline: readonly TimelineEntry[];
  /** The draft was deleted by hand: the invoice may be exported to that system again. */
  readonly reopenExport: boolean;
}

/**
 * The change a fate makes to an invoice, or undefined when there is none: a second sync over the
 * same state changes nothing.
 *
 * `target`: which bill the draft is (#domain/export-job exportMarkKey). The invoice proper in the
 * reseller's own books is the invoice the customer gets: its booking gives the invoice its number
 * (replacing the pending `-1`; a number the invoice already has, Faktura's own series, is kept and
 * a different booked number is said on the timeline), `sent` and `paid`. Any other bill (the
 * platform's bill to the reseller, adminMode; an external-licence document) is another invoice than
 * the customer's: its booking and payment are kept beside the invoice and on its timeline, under
 * events the customer is not shown, and change none of the invoice's own fields.
 */
export const bookingChange = (
  system: AccountingSystemName,
  state: BookingState,
  draft: ExportedDraft,
  fate: DraftFate,
  at: string,
  target: ExportTarget = { adminMode: false, externalLicenses: false },
): BookingChange | undefined => {
  const label = `${systemLabels[system]}${booksQualifier(target)}`;
  if (fate.kind === 'draft') return undefined;
  if (fate.kind === 'gone') {
    return {
      timeline: [
        {
          at,
          event: 'draft-deleted',
          system,
          note: `Draft ${draft.draftNumber} was deleted in ${label}; the invoice can be exported again`,
        },
      ],
      reopenExport: true,
    };
  }
  const proper = isInvoiceProper(target);
  const paidBefore = proper ? state.paid : (state.bookedPaid ?? false);
  const newlyBooked = state.bookedAs === undefined;
  const newlyPaid = fate.paid && !paidBefore;
  if (!newlyBooked && !newlyPaid) return undefined;
  const detail = {
    draftNumber: draft.draftNumber,
    invoiceNumber: fate.invoiceNumber,
    matchedBy: fate.matchedBy,
  };
  const booked = {
    ...(newlyBooked ? { bookedAs: fate.invoiceNumber } : {}),
    ...(fate.paid && !(state.bookedPaid ?? false) ? { bookedPaid: true as const } : {}),
  };
  if (!proper)
    return {
      ...booked,
      timeline: [
        ...(newlyBooked
          ? [
              {
                at,
                event: 'booked',
                system,
                note: `Booked as invoice ${fate.invoiceNumber} in ${label}`,
                detail,
              },
            ]
          : []),
        ...(newlyPaid
          ? [{ at, event: 'bill-paid', system, note: `Invoice ${fate.invoiceNumber} paid in ${label}` }]
          : []),
      ],
      reopenExport: false,
    };
  const pending = state.invoiceNumber === PENDING_INVOICE_NUMBER;
  const kept = pending || state.invoiceNumber === fate.invoiceNumber;
  const timeline: TimelineEntry[] = [];
  if (newlyBooked)
    timeline.push({
      at,
      event: 'sent',
      system,
      note: kept
        ? `Booked as invoice ${fate.invoiceNumber} in ${label}`
        : `Booked as invoice ${fate.invoiceNumber} in ${label}, not as ${state.invoiceNumber}: ${label} did not keep Faktura's number`,
      detail,
    });
  if (newlyPaid) timeline.push({ at, event: 'paid', system, note: `Paid in ${label}` });
  return {
    ...(newlyBooked && pending ? { invoiceNumber: fate.invoiceNumber } : {}),
    ...booked,
    ...(state.sent ? {} : { sent: true as const }),
    ...(newlyPaid ? { paid: true as const } : {}),
    timeline,
    reopenExport: false,
  };
};

/** One run of booking sync for an integration: what `GET /integration/{system}/sync` shows. */
export interface BookingSyncRun {
  readonly owner: IntegrationOwner;
  readonly system: AccountingSystemName;
  readonly at: string;
  /** Exported drafts looked for. */
  readonly drafts: number;
  /** Of those, found booked. */
  readonly found: number;
  /** Invoices changed (number, sent, paid, timeline, export reopened). */
  readonly updated: number;
  /** Drafts deleted by hand, whose invoices may be exported again. */
  readonly deleted: number;
  /** Booked invoices with a Faktura reference that match no exported draft, or several. */
  readonly unmatched: readonly { readonly invoiceNumber: string; readonly reference?: string }[];
  /** What went wrong, in Faktura's words; empty when the run went well. */
  readonly errors: readonly string[];
}
