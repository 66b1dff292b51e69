import { sum, sumAmounts } from './money.ts';
import type { PricedLine } from './totals.ts';

/**
 * `groupInvoiceLines`: merge the lines that are the same thing billed several times — a period
 * invoice can hold hundreds of call lines of one product for one month.
 *
 * Lines merge when they are identical apart from units and description: same product, product
 * code, name, unit type, period (from/to), all three unit prices, VAT exemption, kind and flags.
 * Anything stricter would leave obvious duplicates; anything looser would sum units of different
 * prices (the units × price column would then lie) or mix a free included line into a paid one.
 *
 * - Units are summed exactly (decimal).
 * - Amounts are the exact sums of the members' amounts, NOT recomputed from the summed units: each
 *   member was rounded to øre on its own, and the invoice's legal amounts are those sums. So 3 lines
 *   of 1 × 0.333 show as 3 × 0.333 with amount 0.99 (not 1.00), the amount column still adds up to
 *   the subtotal, and grouping can never change a total by an øre.
 * - Description: kept when every member has the same one (or none); otherwise left out. The name
 *   already says what it is and from/to say when; a text that describes only some of the members
 *   (one SIP account out of several) would misdescribe the merged line.
 * - Order: the order in which each group first appears.
 */
export const groupLines = (lines: readonly PricedLine[]): PricedLine[] => {
  const groups = new Map<string, PricedLine[]>();
  for (const line of lines) {
    const key = groupKey(line);
    const members = groups.get(key);
    if (members) members.push(line);
    else groups.set(key, [line]);
  }
  return [...groups.values()].map(mergeGroup);
};

/** Everything but units, description and amounts. Numbers by value: 25 and 25.0 are one price. */
const groupKey = (line: PricedLine): string =>
  JSON.stringify([
    line.product,
    line.productCode,
    line.name,
    line.type,
    line.from ?? null,
    line.to ?? null,
    line.unitCost,
    line.unitWholesale,
    line.unitPrice,
    line.vatExempt,
    line.kind,
    line.included,
    line.externalLicense,
  ]);

const mergeGroup = (members: PricedLine[]): PricedLine => {
  const [first, ...rest] = members as [PricedLine, ...PricedLine[]];
  if (rest.length === 0) return first;
  const { description: _firstDescription, ...shared } = first;
  const description = rest.every((line) => line.description === first.description)
    ? first.description
    : undefined;
  return {
    ...shared,
    ...(description === undefined ? {} : { description }),
    units: sum(members.map((line) => line.units)),
    amountCost: sumAmounts(members.map((line) => line.amountCost)),
    amountWholesale: sumAmounts(members.map((line) => line.amountWholesale)),
    amount: sumAmounts(members.map((line) => line.amount)),
  };
};
