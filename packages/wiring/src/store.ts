/**
 * The store the handlers hand to their use cases, one object per repository. Every function of the
 * store is reached through these names.
 */
export * as credentialStore from '#store/accounting-credentials';
export * as currentItemStore from '#store/current-items';
export * as customerStore from '#store/customers';
export * as directoryStore from '#store/directory';
export * as exportSystemStore from '#store/export-systems';
export * as exportTrackingStore from '#store/export-tracking';
export * as exportStore from '#store/exports';
export * as idempotencyStore from '#store/idempotency';
export * as integrationStore from '#store/integrations';
export * as invoiceStore from '#store/invoices';
export * as markStore from '#store/marks';
export * as closeStore from '#store/monthly-close';
export * as pendingExportStore from '#store/pending-exports';
export * as periodInvoiceStore from '#store/period-invoices';
export * as productStore from '#store/products';
export * as resellerStore from '#store/resellers';
