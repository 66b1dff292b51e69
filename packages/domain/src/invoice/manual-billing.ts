/**
 * What a caller may put on an invoice or a current invoice by hand (POST /invoice, POST
 * /invoice/current), as opposed to what the monthly close bills on its own.
 */
import type { Role } from '../caller.ts';
import type { CurrentItem } from '../current-item.ts';
import type { Product } from '../product.ts';
import type { PriceColumn } from './limits.ts';

/**
 * Only one-off, unlocked items may be taken into an invoice by hand: recurring items belong to the
 * monthly close, locked ones are held back on purpose. Undefined when the item may be billed.
 */
export const whyNotBillableByHand = (
  item: Pick<CurrentItem, 'recurrence' | 'locked'>,
): string | undefined => {
  if (item.locked) return 'Current invoice item cannot be included: it is locked';
  if (item.recurrence !== 'NONE') return 'Current invoice item cannot be included due to recurrence';
  return undefined;
};

/** A barred product stays on the invoices already made but goes on no new line or item. */
export const usableOnNewLines = (product: Product | undefined): product is Product =>
  product !== undefined && !product.barred;

/**
 * The platform's own prices (cost, and the wholesale it charges resellers) are the platform's to
 * override; anyone who may bill may override the customer's price.
 */
export const mayOverridePrice = (role: Role, column: PriceColumn): boolean =>
  role === 'ADMIN' || column === 'unitPrice';

/** A due date is neither before today nor before the invoice's own date. */
export const dueDateAllowed = (dueDate: Date, invoiceDate: Date | undefined, today: Date): boolean =>
  dueDate >= (invoiceDate && invoiceDate > today ? invoiceDate : today);
