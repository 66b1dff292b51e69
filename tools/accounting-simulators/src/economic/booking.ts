import * as z from 'zod';
import { ControlError, parseControlInput } from '../kit/control.ts';
import { toBig, toNumber } from './amounts.ts';
import type { AgreementData, BookedInvoiceRecord } from './model.ts';

/**
 * What a bookkeeper does in e-conomic's UI, as control actions (`POST /__sim/actions/<action>`),
 * from the facts in docs/contracts/booking-and-vat.md Q3/Q4:
 *
 * - `book` `{orderNumber, bookWithNumber?}`: the draft order becomes a booked invoice and is no
 *   longer a draft (GET /orders/drafts/:n → 404, [inf]). The invoice keeps the draft's document
 *   (amounts, recipient, notes, `references.other`: [inf], the facts say it survives) and its
 *   `orderNumber` (the draft's number: [inf]). Its number is `bookWithNumber` when given and free
 *   (e-conomic's `POST /invoices/booked {bookWithNumber}`), else the agreement's next; a number
 *   already booked is refused. `remainder` starts at the gross amount.
 * - `pay` `{bookedInvoiceNumber, amount?}`: registers a payment: the remainder goes down by
 *   `amount`, or to 0 without one (paid ⇔ remainder 0: [inf]).
 * - `delete-draft` `{orderNumber}`: the draft deleted by hand (no token, no rate limit: a person).
 */

const book = z.object({
  orderNumber: z.number().int().positive(),
  bookWithNumber: z.number().int().positive().optional(),
});
const pay = z.object({
  bookedInvoiceNumber: z.number().int().positive(),
  amount: z.number().positive().optional(),
});
const deleteDraft = z.object({ orderNumber: z.number().int().positive() });

export const bookDraft = (data: AgreementData, input: unknown): BookedInvoiceRecord => {
  const { orderNumber, bookWithNumber } = parseControlInput(book, input, 'book');
  const draft = data.drafts.get(orderNumber);
  if (!draft) throw new ControlError(`Draft order ${orderNumber} does not exist`, 404);
  if (bookWithNumber !== undefined && data.bookedInvoices.has(bookWithNumber))
    throw new ControlError(`Invoice number ${bookWithNumber} is already booked`);
  const number = bookWithNumber ?? Math.max(0, ...data.bookedInvoices.keys()) + 1;
  const record: BookedInvoiceRecord = {
    bookedInvoiceNumber: number,
    orderNumber,
    document: draft.document,
    remainder: draft.document.grossAmount,
  };
  data.drafts.delete(orderNumber);
  data.bookedInvoices.set(number, record);
  return record;
};

export const payInvoice = (data: AgreementData, input: unknown): BookedInvoiceRecord => {
  const { bookedInvoiceNumber, amount } = parseControlInput(pay, input, 'pay');
  const invoice = data.bookedInvoices.get(bookedInvoiceNumber);
  if (!invoice) throw new ControlError(`Booked invoice ${bookedInvoiceNumber} does not exist`, 404);
  const left = amount === undefined ? toBig(0) : toBig(invoice.remainder).minus(toBig(amount));
  const paid = { ...invoice, remainder: left.lt(0) ? 0 : toNumber(left) };
  data.bookedInvoices.set(bookedInvoiceNumber, paid);
  return paid;
};

export const deleteDraftByHand = (data: AgreementData, input: unknown): { orderNumber: number } => {
  const { orderNumber } = parseControlInput(deleteDraft, input, 'delete-draft');
  if (!data.drafts.delete(orderNumber))
    throw new ControlError(`Draft order ${orderNumber} does not exist`, 404);
  return { orderNumber };
};
