import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { credentialRepository, type SecretStore } from '#store/accounting-credentials';
import { currentItemRepository } from '#store/current-items';
import { customerRepository } from '#store/customers';
import { type Db, documentClientOf } from '#store/db';
import { directoryRepository } from '#store/directory';
import { exportSystemRepository } from '#store/export-systems';
import { exportTrackingRepository } from '#store/export-tracking';
import { exportRepository } from '#store/exports';
import { idempotencyRepository } from '#store/idempotency';
import { integrationRepository } from '#store/integrations';
import { invoiceRepository } from '#store/invoices';
import { markRepository } from '#store/marks';
import { closeRepository } from '#store/monthly-close';
import { pendingExportRepository } from '#store/pending-exports';
import { periodInvoiceRepository } from '#store/period-invoices';
import { productRepository } from '#store/products';
import { resellerRepository } from '#store/resellers';

/**
 * The store the handlers hand to their use cases, one object per repository, made once per Lambda
 * container so that the clients' connections are reused across invocations. Endpoints come from the
 * environment (AWS_ENDPOINT_URL_DYNAMODB locally). The table name and the secrets' prefix are read
 * when a request is made, not at import: importing the wiring never throws.
 */
const db: Db = {
  client: documentClientOf(new DynamoDBClient({})),
  get tableName() {
    const name = process.env.TABLE_NAME;
    if (!name) throw new Error('TABLE_NAME is not set');
    return name;
  },
};

const secretStore: SecretStore = {
  secrets: new SecretsManagerClient({}),
  get prefix() {
    return process.env.ACCOUNTING_SECRET_PREFIX ?? 'faktura/accounting/';
  },
};

export const credentialStore = credentialRepository(secretStore);
export const currentItemStore = currentItemRepository(db);
export const customerStore = customerRepository(db);
export const directoryStore = directoryRepository(db);
export const exportSystemStore = exportSystemRepository(db);
export const exportTrackingStore = exportTrackingRepository(db);
export const exportStore = exportRepository(db);
export const idempotencyStore = idempotencyRepository(db);
export const integrationStore = integrationRepository(db);
export const invoiceStore = invoiceRepository(db);
export const markStore = markRepository(db);
export const closeStore = closeRepository(db);
export const pendingExportStore = pendingExportRepository(db);
export const periodInvoiceStore = periodInvoiceRepository(db);
export const productStore = productRepository(db);
export const resellerStore = resellerRepository(db);
