import { type AccountingSystemName, systemLabels } from './integration.ts';
import { decimal, sumAmounts } from './invoice/money.ts';

/**
 * A draft's amounts: what the invoice says it must carry, and what the accounting system answered
 * it carries. The books must equal the invoice to the øre, VAT included (docs/books-and-vat.md):
 * each system decides VAT itself (e-conomic from the product's group and the customer's VAT zone,
 * Uniconta from the line's VAT code or the item group's), so Faktura checks its answer instead of
 * hoping both rules agree.
 */
export interface DraftTotals {
  readonly net: number;
  readonly vat: number;
  readonly gross: number;
}

export const draftTotals = (net: number, vat: number): DraftTotals => ({
  net,
  vat,
  gross: sumAmounts([net, vat]),
});

/**
 * The draft differs from its invoice: the export fails (and is compensated) rather than leave
 * books that disagree with the invoice. Not retryable: the same draft would come out the same.
 */
export class DraftTotalsDiffer extends Error {
  public override readonly name = 'DraftTotalsDiffer';
}

const sameAmount = (a: number, b: number): boolean => decimal(a).eq(decimal(b));

const shown = (totals: DraftTotals): string =>
  `net ${decimal(totals.net).toFixed(2)}, VAT ${decimal(totals.vat).toFixed(2)}, gross ${decimal(totals.gross).toFixed(2)}`;

/** undefined when the draft carries the invoice's amounts; else the error that names both. */
export const draftTotalsDifference = (
  system: AccountingSystemName,
  invoiceId: string,
  draftNumber: string,
  invoice: DraftTotals,
  draft: DraftTotals,
): DraftTotalsDiffer | undefined => {
  if (
    sameAmount(invoice.net, draft.net) &&
    sameAmount(invoice.vat, draft.vat) &&
    sameAmount(invoice.gross, draft.gross)
  )
    return undefined;
  return new DraftTotalsDiffer(
    `Invoice ${invoiceId}: the ${systemLabels[system]} draft ${draftNumber} has ${shown(draft)}; the invoice has ${shown(invoice)}`,
  );
};
