import type { Role } from '#domain/caller';
import type { RequestedLine } from '#domain/invoice/invoice-request';
import { lineBeyondLimit, linesBeyondLimit } from '#domain/invoice/limit-refusals';
import { InvoiceAmountTally } from '#domain/invoice/limits';
import type { InvoiceLine } from '#domain/invoice/model';
import type { Refusal } from '#domain/refusal';

/**
 * The money limits (packages/domain/src/invoice/limits.ts) over a new invoice's lines, in their
 * order: the requested lines first (named by their index and the field that makes them too large),
 * then the current items (named `currentInvoices[x]`: a product's price may have risen since the
 * item was put on), then the invoice as a whole (`lines`), only when no line is beyond.
 */
export const amountsBeyondLimits = (
  lines: readonly InvoiceLine[],
  requested: readonly RequestedLine[],
  role: Role,
): Refusal[] => {
  const problems: Refusal[] = [];
  const tally = new InvoiceAmountTally();
  let total: Refusal | undefined;
  lines.forEach((line, position) => {
    const asked = requested[position];
    const itemIndex = position - requested.length;
    const beyond = asked
      ? lineBeyondLimit(
          line,
          role,
          (column) => asked[column] !== undefined,
          (field) => `lines[${asked.index}].${field}`,
        )
      : lineBeyondLimit(
          line,
          role,
          () => false,
          () => `currentInvoices[${itemIndex}]`,
        );
    if (beyond) problems.push(beyond);
    else {
      const column = tally.admit(line);
      if (column && !total) total = linesBeyondLimit(role, column);
    }
  });
  return problems.length > 0 || !total ? problems : [total];
};
