import type { AccountingCustomer, DraftOrder } from '#app/ports/accounting';
import { decideDueDate, type PaymentTerms, undecidableDueDate } from '#domain/payment-terms';
import { refuse } from '../refusal.ts';
import { decimalPlaces, truncate, withoutNulls } from '../text.ts';
import { draftLimits as limits } from './limits.ts';

/**
 * The body of `POST /orders/drafts` for one draft order, pure (contract §3, e-conomic's schema).
 *
 * - All lines go inline, in one request: e-conomic validates the whole document at once, so a bad
 *   line rejects the order and never leaves half of one.
 * - Free texts are cut to the schema's maxLength (limits.ts): recipient name/address/zip/city/
 *   country, the heading, line descriptions.
 * - What cutting or rounding would falsify is refused before sending (AccountingRejected, status
 *   0): our reference (cut, it would no longer find the draft), a product number (cut, it would
 *   name another product), a quantity or unit price with more than 2 decimals (rounded, the
 *   amounts would change; the mapping never produces one, see mapping.ts).
 * - No null anywhere, and no undefined member: e-conomic rejects an explicit null.
 * - `paymentTerms` carries only its number: a `paymentTermsType` that does not match is E07180.
 * - `dueDate` by #domain/payment-terms: the invoice's own when not before `date`; under `dueDate`
 *   terms without one, `date` + the integration's default days of credit; none can be decided (the
 *   terms known) → refused here, as the export's pre-check does (`E04042` never reaches e-conomic).
 * - `lineNumber`/`sortKey` count from 1 (0 is below the schema's minimum).
 * - A credit line goes as a positive quantity at a negative unit price. e-conomic takes no quantity
 *   below 0.01 (the minimum of its order-line schema; -1 is a 400 "less than minimum value"), and
 *   negating the price is how its own credit notes carry the sign (contract §10). The product, and
 *   so the line's amount, is the same.
 */

export interface EconomicDraftLine {
  readonly lineNumber: number;
  readonly sortKey: number;
  readonly product: { readonly productNumber: string };
  readonly description: string;
  readonly quantity: number;
  readonly unitNetPrice: number;
}

export interface EconomicDraftBody {
  readonly date: string;
  readonly dueDate?: string;
  readonly currency: string;
  readonly customer: { readonly customerNumber: number };
  readonly paymentTerms: { readonly paymentTermsNumber: number };
  readonly layout: { readonly layoutNumber: number };
  readonly recipient: {
    readonly name: string;
    readonly address?: string;
    readonly zip?: string;
    readonly city?: string;
    readonly country?: string;
    readonly ean?: string;
    readonly vatZone: { readonly vatZoneNumber: number };
  };
  readonly notes?: { readonly heading: string };
  readonly references: { readonly other: string };
  readonly lines: readonly EconomicDraftLine[];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const parseCustomerNumber = (value: string): number => {
  const number = /^-?\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (
    !Number.isSafeInteger(number) ||
    number < limits.customerNumberMin ||
    number > limits.customerNumberMax
  ) {
    throw refuse(`e-conomic customer numbers are whole numbers from 1 to 999999999, not "${value}"`, {
      field: 'customer.customerNumber',
      value,
    });
  }
  return number;
};

export const checkReference = (reference: string): string => {
  if (reference.trim() === '' || reference.length > limits.referenceOther) {
    throw refuse(`Our reference must be 1 to ${limits.referenceOther} characters, and is never cut`, {
      field: 'references.other',
      value: reference,
    });
  }
  return reference;
};

/** A quantity or price as e-conomic takes it: finite, at most `maxDecimals` decimals, never rounded. */
const exactAmount = (value: number, maxDecimals: number, field: string): number => {
  if (!Number.isFinite(value) || decimalPlaces(value) > maxDecimals) {
    throw refuse(
      `${field} ${value} has more than ${maxDecimals} decimals; e-conomic would reject it (E04740) and rounding it would change the amount`,
      { field, value },
    );
  }
  return value + 0; // -0 → 0
};

/** What decides a draft's due date besides the order: the customer's terms (when known) and the default. */
export interface DueDateContext {
  readonly terms?: PaymentTerms | undefined;
  readonly defaultDaysOfCredit?: number | undefined;
}

const dueDateOf = (
  order: DraftOrder,
  customer: AccountingCustomer,
  { terms, defaultDaysOfCredit }: DueDateContext,
): string | undefined => {
  const decision = decideDueDate({ date: order.date, dueDate: order.dueDate, terms, defaultDaysOfCredit });
  if (decision.kind === 'undecidable' && terms) {
    throw refuse(undecidableDueDate(terms, decision, customer.name), { field: 'dueDate' });
  }
  return decision.kind === 'send' ? decision.dueDate : undefined;
};

export const economicDraftBody = (
  order: DraftOrder,
  customer: AccountingCustomer,
  layoutNumber: number,
  dueDateContext: DueDateContext = { terms: customer.paymentTerms },
): EconomicDraftBody => {
  if (!ISO_DATE.test(order.date))
    throw refuse(`date must be YYYY-MM-DD, not "${order.date}"`, { field: 'date' });
  if (order.dueDate !== undefined && !ISO_DATE.test(order.dueDate)) {
    throw refuse(`dueDate must be YYYY-MM-DD, not "${order.dueDate}"`, { field: 'dueDate' });
  }
  const dueDate = dueDateOf(order, customer, dueDateContext);
  if (customer.paymentTermsNumber === undefined) {
    throw refuse(`e-conomic customer ${customer.number} has no payment terms`, { field: 'paymentTerms' });
  }
  if (customer.vatZoneNumber === undefined) {
    throw refuse(`e-conomic customer ${customer.number} has no VAT zone`, { field: 'recipient.vatZone' });
  }
  const name = truncate(customer.name, limits.recipientName);
  if (name === undefined) {
    throw refuse(`e-conomic customer ${customer.number} has no name for the recipient`, {
      field: 'recipient.name',
    });
  }
  const ean = customer.ean?.trim();
  const heading = truncate(order.heading, limits.heading);

  const lines = order.lines.map((line, index): EconomicDraftLine => {
    const productNumber = line.productNumber.trim();
    if (productNumber === '' || productNumber.length > limits.productNumber) {
      throw refuse(`lines[${index}]: product number "${line.productNumber}" is not 1 to 25 characters`, {
        field: `lines[${index}].product.productNumber`,
        value: line.productNumber,
      });
    }
    return {
      lineNumber: index + 1,
      sortKey: index + 1,
      product: { productNumber },
      // Required with a product; the product number is the last resort for an empty text.
      description: truncate(line.description, limits.lineDescription) ?? productNumber,
      quantity: exactAmount(Math.abs(line.quantity), limits.quantityDecimals, `lines[${index}].quantity`),
      unitNetPrice: exactAmount(
        line.quantity < 0 ? -line.unitNetPrice : line.unitNetPrice,
        limits.unitNetPriceDecimals,
        `lines[${index}].unitNetPrice`,
      ),
    };
  });

  return withoutNulls({
    date: order.date,
    ...(dueDate === undefined ? {} : { dueDate }),
    currency: order.currency,
    customer: { customerNumber: parseCustomerNumber(order.customerNumber) },
    paymentTerms: { paymentTermsNumber: customer.paymentTermsNumber },
    layout: { layoutNumber },
    recipient: {
      name,
      address: truncate(customer.address, limits.recipientAddress),
      zip: truncate(customer.zip, limits.recipientZip),
      city: truncate(customer.city, limits.recipientCity),
      country: truncate(customer.country, limits.recipientCountry),
      // An EAN cut short is another EAN: one that does not fit is left out.
      ean: ean && ean.length <= limits.recipientEan ? ean : undefined,
      vatZone: { vatZoneNumber: customer.vatZoneNumber },
    },
    ...(heading === undefined ? {} : { notes: { heading } }),
    references: { other: checkReference(order.reference) },
    lines,
  }) as EconomicDraftBody;
};
