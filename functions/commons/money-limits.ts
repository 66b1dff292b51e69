/**
 * Refusals for amounts beyond the money limits (packages/domain/src/invoice/limits.ts), named the
 * way the caller wrote the request: the price field when the request set the price that makes the
 * line too large, else `units`; `lines` for an invoice whose lines add up beyond the limit. A column
 * the caller may not see (cost to a RESELLER) is not named, so a refusal tells nothing of it.
 */
import { columnLabel, columnsBeyondLineLimit, moneyLimits, type PriceColumn } from '#domain/invoice/limits';
import type { InvoiceLine } from '#domain/invoice/model';
import type { Caller } from '#lambda/caller';
import { type ApiError, invalid } from '#lambda/errors';

const visibleColumns: Readonly<Record<Caller['role'], readonly PriceColumn[]>> = {
  ADMIN: ['unitCost', 'unitWholesale', 'unitPrice'],
  RESELLER: ['unitWholesale', 'unitPrice'],
  USER: ['unitPrice'],
};

const inColumn = (caller: Caller, column: PriceColumn, say: (label: string) => string): string =>
  visibleColumns[caller.role].includes(column) ? ` (${say(columnLabel[column])})` : '';

/**
 * The refusal of a line beyond the line limit, or undefined. `key` turns a field name into the
 * error's key (`lines[3].unitPrice`); `requested` tells which price fields the request set.
 */
export const lineBeyondLimit = (
  line: Pick<InvoiceLine, 'units' | PriceColumn>,
  caller: Caller,
  requested: (column: PriceColumn) => boolean,
  key: (field: 'units' | PriceColumn) => string,
): ApiError | undefined => {
  const beyond = columnsBeyondLineLimit(line);
  if (beyond.length === 0) return undefined;
  const set = beyond.find(requested);
  const column =
    set ?? beyond.find((candidate) => visibleColumns[caller.role].includes(candidate)) ?? beyond[0]!;
  return invalid(
    key(set ?? 'units'),
    `Line amount is beyond ${moneyLimits.lineAmount} kr${inColumn(caller, column, (label) => `units × ${label}`)}`,
  );
};

/** The refusal of an invoice whose lines add up beyond the invoice limit in `column`. */
export const linesBeyondLimit = (caller: Caller, column: PriceColumn, key = 'lines'): ApiError =>
  invalid(
    key,
    `The lines add up to more than ${moneyLimits.invoiceAmount} kr${inColumn(caller, column, (label) => `${label} column`)}`,
  );
