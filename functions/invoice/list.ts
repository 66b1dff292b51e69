/**
 * GET /invoice?customer=&fromDate=&toDate=&offset=&limit=: the list a reseller's staff work from,
 * newest first. A RESELLER lists its own tenant (all customers, or one); ADMIN names the reseller
 * or the customer; a USER always gets its own customer's invoices.
 */
import * as z from 'zod';
import { objectId } from '#api/common';
import { invoiceListDocument } from '#api/documents';
import { parseDay } from '#domain/invoice/date-input';
import { accessDenied, invalid, notFound } from '#lambda/errors';
import { httpHandler } from '#lambda/http-handler';
import { invoiceStore } from '#wiring/store';
import { findVisibleCustomer } from '../commons/tenancy.ts';
import { presentInvoiceSummary } from './present-summary.ts';

const day = (description: string) =>
  z
    .string()
    .transform((value, context) => {
      const parsed = parseDay(value);
      if (!parsed) context.addIssue({ code: 'custom', message: description });
      return parsed ?? new Date(0);
    })
    .optional();

const query = z
  .object({
    customer: objectId('Customer is invalid').optional(),
    reseller: objectId('Reseller is invalid').optional(),
    fromDate: day('From date is invalid'),
    toDate: day('To date is invalid'),
    offset: z.coerce
      .number()
      .int()
      .min(0)
      .max(100_000, { error: 'Offset must be a whole number from 0 to 100000' })
      .default(0),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(500, { error: 'Limit must be a whole number from 1 to 500' })
      .default(100),
  })
  .refine((q) => !q.fromDate || !q.toDate || q.fromDate <= q.toDate, {
    message: 'To date is before the from date',
    path: ['toDate'],
  });

export const handler = httpHandler({
  access: ['ADMIN', 'RESELLER', 'USER'],
  docs: {
    summary: 'List invoices',
    description:
      'Newest first. A RESELLER lists its own; ADMIN names `reseller` or `customer`; a USER gets its own customer’s.',
    responses: {
      200: { description: 'A window of invoices (no lines)', schema: invoiceListDocument },
      404: { description: '`customer`: Customer not found' },
    },
  },
  query,
  handle: async ({ caller, query }) => {
    if (caller.role !== 'ADMIN' && query.reseller && query.reseller !== caller.reseller) throw accessDenied();
    const customerId = caller.role === 'USER' ? caller.customer : query.customer;
    if (caller.role === 'USER' && query.customer && query.customer !== caller.customer)
      throw notFound('customer', 'Customer not found');
    let reseller = caller.role === 'ADMIN' ? query.reseller : caller.reseller;
    if (customerId) {
      const customer = await findVisibleCustomer(caller, customerId);
      if (!customer || (reseller && customer.reseller !== reseller))
        throw notFound('customer', 'Customer not found');
      reseller = customer.reseller;
    }
    if (!reseller) throw invalid('reseller', 'ADMIN must name a reseller or a customer');
    const page = await invoiceStore.listInvoices({
      reseller,
      customer: customerId,
      from: query.fromDate?.toISOString(),
      to: query.toDate?.toISOString(),
      offset: query.offset,
      limit: query.limit,
    });
    return {
      status: 200,
      json: {
        invoices: page.invoices.map((header) => presentInvoiceSummary(header, caller.role)),
        offset: query.offset,
        limit: query.limit,
        more: page.more,
      },
    };
  },
});
