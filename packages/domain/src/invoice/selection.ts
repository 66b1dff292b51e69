import type { InvoiceLine } from './model.ts';

/**
 * Which lines a view of the invoice shows (the GET options of docs/seeds/003-get-invoice.txt). Selection only hides lines;
 * it never changes an amount, and never the invoice's totals (see view.ts).
 */
export interface LineSelection {
  /**
   * true: the external-licence document, i.e. ONLY the external-licence lines ("returns the
   * external license invoice lines instead"); false (default): the invoice without them.
   */
  readonly externalLicenses?: boolean;
  /** Show lines of included (free) products. Default false: they are hidden. */
  readonly showIncludedProducts?: boolean;
  /** true: no subscription lines; usage and one-off lines remain. Default false. */
  readonly onlyUsage?: boolean;
}

/** The lines a selection shows, in their order. */
export const selectLines = <L extends InvoiceLine>(
  lines: readonly L[],
  selection: LineSelection = {},
): L[] => {
  const externalLicenses = selection.externalLicenses ?? false;
  const showIncludedProducts = selection.showIncludedProducts ?? false;
  const onlyUsage = selection.onlyUsage ?? false;
  return lines.filter(
    (line) =>
      line.externalLicense === externalLicenses &&
      (showIncludedProducts || !line.included) &&
      !(onlyUsage && line.kind === 'subscription'),
  );
};

/** The lines that make up one document: the invoice proper, or its external licences. */
export const documentLines = <L extends InvoiceLine>(lines: readonly L[], externalLicenses: boolean): L[] =>
  lines.filter((line) => line.externalLicense === externalLicenses);
