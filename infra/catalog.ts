/**
 * The one list of Faktura's Lambda functions and HTTP routes.
 *
 * Why a catalog: the CDK stack and the local runtime must run the very same entry files with the
 * very same permissions and routes. Both read this file; neither keeps a list of its own, so a
 * route added here is deployed to AWS and served by `npm start` alike.
 */

/** What a function may do; the stack turns each grant into a least-privilege IAM policy. */
export type Grant =
  | 'table:read'
  | 'table:write'
  | 'export-queue:send'
  | 'mail-queue:send'
  | 'export-state-machine:start'
  | 'monthly-close-state-machine:start'
  | 'accounting-secrets:read'
  | 'accounting-secrets:write'
  | 'cursor-key:read'
  | 'email:send';

export type FunctionKind = 'api' | 'worker';

export interface FunctionSpec {
  /** Entry file, relative to the repository root; it exports `handler`. */
  readonly entry: string;
  readonly kind: FunctionKind;
  readonly description: string;
  readonly grants: readonly Grant[];
  readonly timeoutSeconds?: number;
  readonly memoryMb?: number;
  /**
   * Files of installed packages (`package/path`) the function serves as they are: copied beside its
   * bundle, read with #lambda/bundled-asset. Never bundled into its code.
   */
  readonly assets?: readonly string[];
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteSpec {
  readonly method: HttpMethod;
  /** API Gateway v2 path syntax: `/reseller/{id}`. */
  readonly path: string;
  readonly function: FunctionName;
  /** No token needed (the API reference). Every other route is behind the JWT authorizer. */
  readonly public?: true;
}

export const functions = {
  'reseller-create': {
    entry: 'functions/reseller/create.ts',
    kind: 'api',
    description: 'POST /reseller: registers a reseller (ADMIN)',
    grants: ['table:read', 'table:write'],
  },
  'reseller-get': {
    entry: 'functions/reseller/get.ts',
    kind: 'api',
    description: 'GET /reseller/{id}: one reseller',
    grants: ['table:read'],
  },
  'reseller-update': {
    entry: 'functions/reseller/update.ts',
    kind: 'api',
    description: 'PATCH /reseller/{id}: changes a reseller, its invoice numbering among them',
    grants: ['table:read', 'table:write'],
  },
  'reseller-list': {
    entry: 'functions/reseller/list.ts',
    kind: 'api',
    description: 'GET /reseller: the resellers the caller may see',
    grants: ['table:read', 'cursor-key:read'],
  },
  'customer-create': {
    entry: 'functions/customer/create.ts',
    kind: 'api',
    description: 'POST /customer: adds a customer to a reseller',
    grants: ['table:read', 'table:write'],
  },
  'customer-get': {
    entry: 'functions/customer/get.ts',
    kind: 'api',
    description: 'GET /customer/{id}: one customer',
    grants: ['table:read'],
  },
  'customer-update': {
    entry: 'functions/customer/update.ts',
    kind: 'api',
    description: 'PATCH /customer/{id}: changes a customer',
    grants: ['table:read', 'table:write'],
  },
  'customer-list': {
    entry: 'functions/customer/list.ts',
    kind: 'api',
    description: 'GET /customer: the customers of a reseller',
    grants: ['table:read', 'cursor-key:read'],
  },
  'product-create': {
    entry: 'functions/product/create.ts',
    kind: 'api',
    description: 'POST /product: adds a product to the catalogue (ADMIN)',
    grants: ['table:read', 'table:write'],
  },
  'product-get': {
    entry: 'functions/product/get.ts',
    kind: 'api',
    description: 'GET /product/{id}: one product, with the prices the caller may see',
    grants: ['table:read'],
  },
  'product-update': {
    entry: 'functions/product/update.ts',
    kind: 'api',
    description: 'PATCH /product/{id}: changes a product (ADMIN)',
    grants: ['table:read', 'table:write'],
  },
  'product-list': {
    entry: 'functions/product/list.ts',
    kind: 'api',
    description: 'GET /product: the catalogue',
    grants: ['table:read', 'cursor-key:read'],
  },
  'current-invoice-create': {
    entry: 'functions/current-invoice/create.ts',
    kind: 'api',
    description: 'POST /invoice/current: puts an item on the current invoice of a customer',
    grants: ['table:read', 'table:write'],
  },
  'current-invoice-list': {
    entry: 'functions/current-invoice/list.ts',
    kind: 'api',
    description: 'GET /invoice/current: the items a customer will be billed next',
    grants: ['table:read'],
  },
  'current-invoice-delete': {
    entry: 'functions/current-invoice/delete.ts',
    kind: 'api',
    description: 'DELETE /invoice/current/{id}: takes an item off the current invoice',
    grants: ['table:read', 'table:write'],
  },
  'invoice-create': {
    entry: 'functions/invoice/create.ts',
    kind: 'api',
    description: 'POST /invoice: creates an invoice from lines and current-invoice items',
    grants: ['table:read', 'table:write'],
    memoryMb: 1024,
    timeoutSeconds: 29,
  },
  'invoice-get': {
    entry: 'functions/invoice/get.ts',
    kind: 'api',
    description: 'GET /invoice/{id}: one invoice as JSON or CSV, with the prices the caller may see',
    grants: ['table:read'],
    memoryMb: 1024,
    timeoutSeconds: 29,
  },
  'invoice-list': {
    entry: 'functions/invoice/list.ts',
    kind: 'api',
    description: 'GET /invoice: invoices by customer and date',
    grants: ['table:read'],
  },
  'invoice-timeline': {
    entry: 'functions/invoice/timeline.ts',
    kind: 'api',
    description: 'GET /invoice/{id}/timeline: what happened to an invoice',
    grants: ['table:read'],
  },
  'api-docs': {
    entry: 'functions/docs/reference.ts',
    kind: 'api',
    description:
      'GET /openapi.json and GET /docs: the API reference, generated from the route schemas, shown by Swagger UI',
    grants: [],
    assets: ['swagger-ui-dist/swagger-ui-bundle.js', 'swagger-ui-dist/swagger-ui.css'],
  },
  'integration-settings-put': {
    entry: 'functions/integration/settings-put.ts',
    kind: 'api',
    description:
      'PUT /integration/{system}/settings: connects an accounting system, credentials to the secret store',
    grants: ['table:read', 'table:write', 'accounting-secrets:read', 'accounting-secrets:write'],
  },
  'integration-settings-get': {
    entry: 'functions/integration/settings-get.ts',
    kind: 'api',
    description: 'GET /integration/{system}/settings: the integration, credentials masked',
    grants: ['table:read'],
  },
  'export-request': {
    entry: 'functions/export/request.ts',
    kind: 'api',
    description: 'POST /integration/{system}/invoice/draft: validates an export and queues it',
    grants: ['table:read', 'table:write', 'accounting-secrets:read', 'export-queue:send'],
    timeoutSeconds: 29,
    memoryMb: 512,
  },
  'export-status': {
    entry: 'functions/export/status.ts',
    kind: 'api',
    description: 'GET /integration/exports/{exportId}: an export job and its drafts',
    grants: ['table:read'],
  },
  'export-tracking-list': {
    entry: 'functions/export-tracking/list.ts',
    kind: 'api',
    description: 'GET /invoices/export: the invoices a system has not taken yet',
    grants: ['table:read', 'table:write', 'cursor-key:read'],
    timeoutSeconds: 29,
    memoryMb: 512,
  },
  'export-tracking-mark': {
    entry: 'functions/export-tracking/mark.ts',
    kind: 'api',
    description: 'POST /invoices/mark-as-exported: a system confirms the invoices it took',
    grants: ['table:read', 'table:write'],
    timeoutSeconds: 29,
  },
  'export-tracking-systems': {
    entry: 'functions/export-tracking/systems.ts',
    kind: 'api',
    description: 'GET /invoices/export/systems: the systems that pull the invoices of a reseller',
    grants: ['table:read'],
  },
  'export-tracking-retire': {
    entry: 'functions/export-tracking/retire.ts',
    kind: 'api',
    description: 'DELETE /invoices/export/systems: retires a system that pulls the invoices of a reseller',
    grants: ['table:read', 'table:write'],
  },
  'export-request-consumer': {
    entry: 'functions/export/request-consumer.ts',
    kind: 'worker',
    description: 'SQS FIFO export requests: starts one export saga execution per export job',
    grants: ['table:read', 'export-state-machine:start'],
    timeoutSeconds: 30,
  },
  'export-sweep-queued': {
    entry: 'functions/export/sweep-queued.ts',
    kind: 'worker',
    description:
      'Scheduled: queues again an export job that never started, or after a few tries fails it and frees its month',
    grants: ['table:read', 'table:write', 'export-queue:send'],
    timeoutSeconds: 60,
  },
  'export-prepare': {
    entry: 'functions/export/prepare.ts',
    kind: 'worker',
    description: 'Export saga: snapshots the invoices of an export job into batches',
    grants: ['table:read', 'table:write'],
    timeoutSeconds: 120,
  },
  'export-batch': {
    entry: 'functions/export/batch.ts',
    kind: 'worker',
    description: 'Export saga: creates the draft orders of one batch, recording each in the ledger',
    grants: ['table:read', 'table:write', 'accounting-secrets:read'],
    timeoutSeconds: 300,
    memoryMb: 512,
  },
  'export-compensate': {
    entry: 'functions/export/compensate.ts',
    kind: 'worker',
    description: 'Export saga: deletes every draft the ledger holds for a failed export',
    grants: ['table:read', 'table:write', 'accounting-secrets:read'],
    timeoutSeconds: 300,
    memoryMb: 512,
  },
  'export-finalize': {
    entry: 'functions/export/finalize.ts',
    kind: 'worker',
    description: 'Export saga: marks one batch of exported invoices, or closes the export job',
    grants: ['table:read', 'table:write'],
    timeoutSeconds: 120,
  },
  'export-notify': {
    entry: 'functions/export/notify.ts',
    kind: 'worker',
    description: 'Export saga: e-mails the requesting user and the accounting contact how the export went',
    grants: ['table:read', 'table:write', 'mail-queue:send'],
    timeoutSeconds: 30,
  },
  'mail-send': {
    entry: 'functions/mail/send.ts',
    kind: 'worker',
    description:
      'Sends the e-mails of the mail queue through SES (the export saga and the monthly close queue them)',
    grants: ['email:send'],
    timeoutSeconds: 30,
  },
  'bookings-sync': {
    entry: 'functions/bookings/sync.ts',
    kind: 'worker',
    description:
      'Booking sync (EventBridge Scheduler, or by hand): numbers, sent, paid and deleted drafts from the accounting systems onto the invoices',
    grants: ['table:read', 'table:write', 'accounting-secrets:read'],
    timeoutSeconds: 300,
    memoryMb: 512,
  },
  'integration-sync-get': {
    entry: 'functions/integration/sync-get.ts',
    kind: 'api',
    description: 'GET /integration/{system}/sync: the last booking sync of an integration',
    grants: ['table:read'],
  },
  'monthly-close': {
    entry: 'functions/monthly-close/start.ts',
    kind: 'worker',
    description:
      'Monthly close (EventBridge Scheduler, or by hand): works out the month and starts the close',
    grants: ['monthly-close-state-machine:start'],
    timeoutSeconds: 30,
  },
  'monthly-close-plan': {
    entry: 'functions/monthly-close/plan.ts',
    kind: 'worker',
    description: 'Monthly close: the resellers to close',
    grants: ['table:read'],
    timeoutSeconds: 60,
  },
  'monthly-close-customers': {
    entry: 'functions/monthly-close/close-customers.ts',
    kind: 'worker',
    description: "Monthly close: the period invoices of one page of a reseller's customers",
    grants: ['table:read', 'table:write'],
    timeoutSeconds: 300,
    memoryMb: 1024,
  },
  'monthly-close-finish': {
    entry: 'functions/monthly-close/finish-reseller.ts',
    kind: 'worker',
    description:
      "Monthly close: accepts a reseller's automatic exports (its state machine queues them) and records its outcome",
    grants: ['table:read', 'table:write', 'accounting-secrets:read'],
    timeoutSeconds: 120,
    memoryMb: 512,
  },
  'monthly-close-report': {
    entry: 'functions/monthly-close/report.ts',
    kind: 'worker',
    description:
      'Monthly close: what the run did, as a log line and metrics; e-mails accounting contacts whose automatic export was refused',
    grants: ['table:read', 'table:write', 'mail-queue:send'],
    timeoutSeconds: 60,
  },
} as const satisfies Record<string, FunctionSpec>;

export type FunctionName = keyof typeof functions;

export const routes: readonly RouteSpec[] = [
  { method: 'POST', path: '/reseller', function: 'reseller-create' },
  { method: 'GET', path: '/reseller', function: 'reseller-list' },
  { method: 'GET', path: '/reseller/{id}', function: 'reseller-get' },
  { method: 'PATCH', path: '/reseller/{id}', function: 'reseller-update' },
  { method: 'POST', path: '/customer', function: 'customer-create' },
  { method: 'GET', path: '/customer', function: 'customer-list' },
  { method: 'GET', path: '/customer/{id}', function: 'customer-get' },
  { method: 'PATCH', path: '/customer/{id}', function: 'customer-update' },
  { method: 'POST', path: '/product', function: 'product-create' },
  { method: 'GET', path: '/product', function: 'product-list' },
  { method: 'GET', path: '/product/{id}', function: 'product-get' },
  { method: 'PATCH', path: '/product/{id}', function: 'product-update' },
  { method: 'POST', path: '/invoice/current', function: 'current-invoice-create' },
  { method: 'GET', path: '/invoice/current', function: 'current-invoice-list' },
  { method: 'DELETE', path: '/invoice/current/{id}', function: 'current-invoice-delete' },
  { method: 'POST', path: '/invoice', function: 'invoice-create' },
  { method: 'GET', path: '/invoice', function: 'invoice-list' },
  { method: 'GET', path: '/invoice/{id}', function: 'invoice-get' },
  { method: 'GET', path: '/invoice/{id}/timeline', function: 'invoice-timeline' },
  { method: 'PUT', path: '/integration/{system}/settings', function: 'integration-settings-put' },
  { method: 'GET', path: '/integration/{system}/settings', function: 'integration-settings-get' },
  { method: 'GET', path: '/integration/{system}/sync', function: 'integration-sync-get' },
  { method: 'POST', path: '/integration/{system}/invoice/draft', function: 'export-request' },
  { method: 'GET', path: '/integration/exports/{exportId}', function: 'export-status' },
  { method: 'GET', path: '/invoices/export', function: 'export-tracking-list' },
  { method: 'POST', path: '/invoices/mark-as-exported', function: 'export-tracking-mark' },
  { method: 'GET', path: '/invoices/export/systems', function: 'export-tracking-systems' },
  { method: 'DELETE', path: '/invoices/export/systems', function: 'export-tracking-retire' },
  { method: 'GET', path: '/openapi.json', function: 'api-docs', public: true },
  { method: 'GET', path: '/docs', function: 'api-docs', public: true },
  { method: 'GET', path: '/docs/{asset}', function: 'api-docs', public: true },
];

/** The saga's Task states and the function each one runs. */
export const exportSagaTasks = {
  PrepareExport: 'export-prepare',
  ExportBatch: 'export-batch',
  CompensateExportBatch: 'export-compensate',
  CompensateExport: 'export-compensate',
  MarkExportBatch: 'export-finalize',
  FinalizeExport: 'export-finalize',
  NotifyExportSucceeded: 'export-notify',
  NotifyExportFailed: 'export-notify',
} as const satisfies Record<string, FunctionName>;

/** The monthly close's Task states and the function each one runs. */
export const monthlyCloseTasks = {
  PlanClose: 'monthly-close-plan',
  CloseCustomers: 'monthly-close-customers',
  FinishReseller: 'monthly-close-finish',
  RecordResellerFailure: 'monthly-close-finish',
  ReportClose: 'monthly-close-report',
} as const satisfies Record<string, FunctionName>;

/** Environment variable names the stack sets and the handlers read (see packages/lambda-kit). */
export const environmentNames = {
  tableName: 'TABLE_NAME',
  exportQueueUrl: 'EXPORT_QUEUE_URL',
  mailQueueUrl: 'MAIL_QUEUE_URL',
  exportStateMachineArn: 'EXPORT_STATE_MACHINE_ARN',
  monthlyCloseStateMachineArn: 'MONTHLY_CLOSE_STATE_MACHINE_ARN',
  accountingSecretPrefix: 'ACCOUNTING_SECRET_PREFIX',
  cursorKeySecretArn: 'CURSOR_KEY_SECRET_ARN',
  notificationSender: 'NOTIFICATION_SENDER',
  notificationConfigurationSet: 'NOTIFICATION_CONFIGURATION_SET',
} as const;
