import type { LineRequest } from './invoice-line.ts';

/**
 * A POST /invoice request as read (packages/api-contract/src/invoice-request.ts): the fields that
 * were well-formed; what was not is reported beside it, with what the store then finds.
 */
export const maxLinesPerInvoice = 10_000;

export interface RequestedLine extends LineRequest {
  /** The line's place in the request, which its problems are named by (`lines[3].units`). */
  readonly index: number;
  readonly product: string;
}

export interface CreateInvoiceRequest {
  readonly customer?: string;
  readonly reseller?: string;
  readonly sent: boolean;
  readonly invoiceNumber?: string;
  readonly invoiceDate?: Date;
  readonly dueDate?: Date;
  readonly paid: boolean;
  readonly headline?: string;
  readonly lines: readonly RequestedLine[];
  /** Every line's product id that is an id at all, valid line or not: each must exist and be usable. */
  readonly productRefs: readonly { readonly index: number; readonly product: string }[];
  readonly currentInvoices: readonly string[];
}
