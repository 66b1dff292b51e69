/** Moved to the domain; kept for functions/export-tracking/list.ts until it imports it from there. */
export { presentInvoiceSummary } from '#domain/invoice/summary';
