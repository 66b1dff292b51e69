import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { accountingCallRepository } from '#store/accounting-calls';
import { bookingRepository } from '#store/bookings';
import { currentItemReadRepository, currentItemRepository } from '#store/current-items';
import { customerListingRepository, customerReadRepository, customerRepository } from '#store/customers';
import { type Db, documentClientOf } from '#store/db';
import { directoryRepository } from '#store/directory';
import { exportSystemRepository } from '#store/export-systems';
import { exportTrackingRepository } from '#store/export-tracking';
import { exportRepository, exportSagaRepository } from '#store/exports';
import { idempotencyRepository } from '#store/idempotency';
import { integrationRepository } from '#store/integrations';
import { invoiceListingRepository } from '#store/invoice-listing';
import { invoiceReadRepository } from '#store/invoice-reads';
import { invoiceTimelineRepository } from '#store/invoice-timeline';
import { invoiceRepository } from '#store/invoices';
import { markRepository } from '#store/marks';
import { closeRepository } from '#store/monthly-close';
import { periodHeaderRepository } from '#store/period-headers';
import { periodInvoiceRepository } from '#store/period-invoices';
import { productReadRepository, productRepository } from '#store/products';
import { resellerListingRepository, resellerReadRepository, resellerRepository } from '#store/resellers';

/**
 * The store the handlers hand to their use cases, one object per repository, made once per Lambda
 * container so that the clients' connections are reused across invocations. Endpoints come from the
 * environment (AWS_ENDPOINT_URL_DYNAMODB locally). The table name and the secrets' prefix are read
 * when a request is made, not at import: importing the wiring never throws.
 *
 * Each repository is marked pure, so that a function's bundle keeps only the repositories it uses.
 * The accounting credentials are apart (credential-store.ts): their Secrets Manager client belongs
 * only in the bundles of the functions granted the secrets.
 */
const db: Db = {
  client: documentClientOf(new DynamoDBClient({})),
  get tableName() {
    const name = process.env.TABLE_NAME;
    if (!name) throw new Error('TABLE_NAME is not set');
    return name;
  },
};

export const currentItemStore = /* @__PURE__ */ currentItemRepository(db);
/** The current items for a function that only lists them: it then bundles none of their writes. */
export const currentItemReadStore = /* @__PURE__ */ currentItemReadRepository(db);
export const customerStore = /* @__PURE__ */ customerRepository(db);
/** The customers for a function that only reads them: it then bundles none of their writes. */
export const customerReadStore = /* @__PURE__ */ customerReadRepository(db);
/** The customers a page at a time, for a function that lists them: no reads by id, no writes. */
export const customerListingStore = /* @__PURE__ */ customerListingRepository(db);
export const directoryStore = /* @__PURE__ */ directoryRepository(db);
export const exportSystemStore = /* @__PURE__ */ exportSystemRepository(db);
export const exportTrackingStore = /* @__PURE__ */ exportTrackingRepository(db);
export const exportStore = /* @__PURE__ */ exportRepository(db);
/** The job, its batches and its ledger, for the saga's batch step: none of the request's or the sweeper's writes. */
export const exportSagaStore = /* @__PURE__ */ exportSagaRepository(db);
export const idempotencyStore = /* @__PURE__ */ idempotencyRepository(db);
export const integrationStore = /* @__PURE__ */ integrationRepository(db);
export const invoiceStore = /* @__PURE__ */ invoiceRepository(db);
/** Invoices read whole or by header, for a function that writes none. */
export const invoiceReadStore = /* @__PURE__ */ invoiceReadRepository(db);
/** An invoice's timeline (its events and its marks' history). */
export const invoiceTimelineStore = /* @__PURE__ */ invoiceTimelineRepository(db);
/** Invoices listed a page at a time (a customer's, a reseller's), for a function that writes none. */
export const invoiceListingStore = /* @__PURE__ */ invoiceListingRepository(db);
/** A period's invoice headers whole, for exports, their e-mails and the books. */
export const periodHeaderStore = /* @__PURE__ */ periodHeaderRepository(db);
export const markStore = /* @__PURE__ */ markRepository(db);
export const closeStore = /* @__PURE__ */ closeRepository(db);
export const periodInvoiceStore = /* @__PURE__ */ periodInvoiceRepository(db);
export const productStore = /* @__PURE__ */ productRepository(db);
/** The catalogue for a function that only reads it: it then bundles none of its writes. */
export const productReadStore = /* @__PURE__ */ productReadRepository(db);
export const resellerStore = /* @__PURE__ */ resellerRepository(db);
/** The resellers for a function that only reads them: it then bundles none of their writes. */
export const resellerReadStore = /* @__PURE__ */ resellerReadRepository(db);
/** The resellers a page at a time, for a function that lists them: no writes. */
export const resellerListingStore = /* @__PURE__ */ resellerListingRepository(db);
export const accountingCallStore = /* @__PURE__ */ accountingCallRepository(db);
export const bookingStore = /* @__PURE__ */ bookingRepository(db);
