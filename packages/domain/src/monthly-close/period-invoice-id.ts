import { createHash } from 'node:crypto';
import { isObjectId } from '../ids.ts';
import { closedPeriod, parsePeriod, periodEnd } from './period.ts';

/**
 * The id of a customer's period invoice for a month, derived, not drawn: every run of the close for
 * the same month computes the same id, so the store's conditional write ("only if no item has this
 * id") makes a second run create nothing.
 *
 * Same form as every other id (ids.ts): 24 lowercase hex, four bytes of time in seconds first, so
 * period invoices sort among the others by when they are dated. The time is the invoice date (the
 * end of the month, Danish time), which the month fixes; the other eight bytes are the start of the
 * SHA-256 of the tenant, customer and month. 64 bits of hash per month leave a collision between two
 * customers' invoices of the same month at about n²/2⁶⁵: nothing for any number of customers we
 * will see.
 */
export const periodInvoiceId = (reseller: string, customer: string, month: string): string => {
  const seconds = Math.floor(periodEnd(parsePeriod(month)).getTime() / 1000);
  const time = (seconds >>> 0).toString(16).padStart(8, '0');
  const hash = createHash('sha256')
    .update(`faktura/period-invoice/${reseller}/${customer}/${month}`)
    .digest('hex')
    .slice(0, 16);
  return time + hash;
};

/**
 * The month whose period invoice for this customer has this id, or undefined when the id is no
 * period invoice of this customer. The id begins with the month's end, which gives the candidate;
 * the hash confirms it. A claim on a current-invoice item names the invoice; this names the close.
 */
export const periodInvoiceMonth = (reseller: string, customer: string, id: string): string | undefined => {
  if (!isObjectId(id)) return undefined;
  const month = closedPeriod(new Date(Number.parseInt(id.slice(0, 8), 16) * 1000)).month;
  return periodInvoiceId(reseller, customer, month) === id ? month : undefined;
};
