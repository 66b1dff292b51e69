/**
 * Refusals for amounts beyond the money limits (limits.ts), named the way the caller wrote the
 * request: the price field when the request set the price that makes the line too large, else
 * `units`; `lines` for an invoice whose lines add up beyond the limit. A column the caller may not
 * see (cost to a RESELLER) is not named, so a refusal tells nothing of it.
 */
import type { Role } from '../caller.ts';
import { invalid, type Refusal } from '../refusal.ts';
import { columnLabel, columnsBeyondLineLimit, moneyLimits, type PriceColumn } from './limits.ts';
import type { InvoiceLine } from './model.ts';

const visibleColumns: Readonly<Record<Role, readonly PriceColumn[]>> = {
  ADMIN: ['unitCost', 'unitWholesale', 'unitPrice'],
  RESELLER: ['unitWholesale', 'unitPrice'],
  USER: ['unitPrice'],
};

const inColumn = (role: Role, column: PriceColumn, say: (label: string) => string): string =>
  visibleColumns[role].includes(column) ? ` (${say(columnLabel[column])})` : '';

/**
 * The refusal of a line beyond the line limit, or undefined. `key` turns a field name into the
 * refusal's key (`lines[3].unitPrice`); `requested` tells which price fields the request set.
 */
export const lineBeyondLimit = (
  line: Pick<InvoiceLine, 'units' | PriceColumn>,
  role: Role,
  requested: (column: PriceColumn) => boolean,
  key: (field: 'units' | PriceColumn) => string,
): Refusal | undefined => {
  const beyond = columnsBeyondLineLimit(line);
  if (beyond.length === 0) return undefined;
  const set = beyond.find(requested);
  const column = set ?? beyond.find((candidate) => visibleColumns[role].includes(candidate)) ?? beyond[0]!;
  return invalid(
    key(set ?? 'units'),
    `Line amount is beyond ${moneyLimits.lineAmount} kr${inColumn(role, column, (label) => `units × ${label}`)}`,
  );
};

/** The refusal of an invoice whose lines add up beyond the invoice limit in `column`. */
export const linesBeyondLimit = (role: Role, column: PriceColumn, key = 'lines'): Refusal =>
  invalid(
    key,
    `The lines add up to more than ${moneyLimits.invoiceAmount} kr${inColumn(role, column, (label) => `${label} column`)}`,
  );
