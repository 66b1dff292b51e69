import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { exportSagaTasks, type FunctionName, routes } from './catalog.ts';
import { AccountingSecrets } from './constructs/accounting-secrets.ts';
import { BookingSyncSchedule } from './constructs/booking-sync-schedule.ts';
import { ConsumedFifoQueue } from './constructs/consumed-fifo-queue.ts';
import { CursorKey } from './constructs/cursor-key.ts';
import { DataTable } from './constructs/data-table.ts';
import { ExportSaga } from './constructs/export-saga.ts';
import { ExportSweepSchedule } from './constructs/export-sweep-schedule.ts';
import { HttpApi } from './constructs/http-api.ts';
import { MonthlyCloseMachine } from './constructs/monthly-close-machine.ts';
import { MonthlyCloseSchedule } from './constructs/monthly-close-schedule.ts';
import { Notifications } from './constructs/notifications.ts';
import { Observability } from './constructs/observability.ts';
import { UserPool } from './constructs/user-pool.ts';
import { CatalogFunctions } from './functions.ts';
import { applyCatalogGrants } from './grants.ts';
import { defaultSettings, type FakturaSettings } from './stack-config.ts';

export interface FakturaStackProps extends StackProps, Partial<FakturaSettings> {}

/** The function that consumes the export request queue and starts one saga execution per job. */
const exportRequestConsumer: FunctionName = 'export-request-consumer';

/** The function that consumes the mail queue: the only one that sends through SES. */
const mailSender: FunctionName = 'mail-send';

/** The function EventBridge Scheduler invokes on the 1st; it starts the close's state machine. */
export const monthlyCloseFunction: FunctionName = 'monthly-close';

/** The function EventBridge Scheduler invokes every few minutes for exports that never started. */
export const exportSweepFunction: FunctionName = 'export-sweep-queued';
export const bookingSyncFunction: FunctionName = 'bookings-sync';

/**
 * All of Faktura in one stack: the catalog's functions, the API in front of them, the table, the
 * export pipeline (queue, saga, accounting credentials), the e-mail (its queue and sender), the
 * monthly close and the alarms. One stack because every part shares the table and the catalog,
 * and a deployment is one unit.
 */
export class FakturaStack extends Stack {
  readonly settings: FakturaSettings;
  readonly functions: CatalogFunctions;
  readonly dataTable: DataTable;
  readonly userPool: UserPool;
  readonly httpApi: HttpApi;
  readonly exportRequests: ConsumedFifoQueue;
  readonly mail: ConsumedFifoQueue;
  readonly exportSaga: ExportSaga;
  readonly accountingSecrets: AccountingSecrets;
  readonly cursorKey: CursorKey;
  readonly notifications: Notifications;
  readonly monthlyCloseMachine: MonthlyCloseMachine;
  readonly monthlyClose: MonthlyCloseSchedule;
  readonly exportSweep: ExportSweepSchedule;
  readonly bookingSync: BookingSyncSchedule;
  readonly observability: Observability;

  constructor(scope: Construct, id: string, props: FakturaStackProps = {}) {
    super(scope, id, {
      description: 'Faktura: billing back office for telecom resellers',
      ...props,
    });
    this.settings = {
      notificationDomain: props.notificationDomain ?? defaultSettings.notificationDomain,
      exportMaxConcurrency: props.exportMaxConcurrency ?? defaultSettings.exportMaxConcurrency,
      monthlyClose: props.monthlyClose ?? defaultSettings.monthlyClose,
      apiThrottling: props.apiThrottling ?? defaultSettings.apiThrottling,
      logLevel: props.logLevel ?? defaultSettings.logLevel,
      bookingSyncEveryMinutes: props.bookingSyncEveryMinutes ?? defaultSettings.bookingSyncEveryMinutes,
      ...(props.alarmEmail ? { alarmEmail: props.alarmEmail } : {}),
      ...(props.accountingHosts ? { accountingHosts: props.accountingHosts } : {}),
    };

    this.functions = new CatalogFunctions(this, 'Functions', {
      logLevel: this.settings.logLevel,
      ...(this.settings.accountingHosts ? { accountingHosts: this.settings.accountingHosts } : {}),
    });
    const functionOf = (name: FunctionName) => this.functions.get(name);
    const timeoutOf = (name: FunctionName) => this.functions.get(name).timeout ?? Duration.seconds(3);

    this.dataTable = new DataTable(this, 'Data');
    this.accountingSecrets = new AccountingSecrets(this, 'AccountingSecrets');
    this.cursorKey = new CursorKey(this, 'CursorKey');
    this.notifications = new Notifications(this, 'Notifications', {
      domain: this.settings.notificationDomain,
    });

    // Export requests on their way from the API (and the monthly close) to the export saga.
    this.exportRequests = new ConsumedFifoQueue(this, 'ExportRequests', {
      purpose: 'export request',
      consumerTimeout: timeoutOf(exportRequestConsumer),
    });
    this.exportRequests.addConsumer(functionOf(exportRequestConsumer));
    // E-mails on their way to SES: the saga and the close queue them, and only the sender holds
    // the SES client (57 KB of every bundle that holds it: docs/architecture.md). A throttled or
    // failing SES is retried by the queue, not by the step that wrote the e-mail.
    this.mail = new ConsumedFifoQueue(this, 'Mail', {
      purpose: 'mail',
      consumerTimeout: timeoutOf(mailSender),
      // SQS's largest: an e-mail carries its text and HTML, with a table of up to 200 invoices or
      // of a refused export's first 200 problems.
      maxMessageSizeBytes: 1024 * 1024,
    });
    this.mail.addConsumer(functionOf(mailSender));
    this.exportSaga = new ExportSaga(this, 'ExportSaga', {
      functionOf,
      timeoutOf,
      maxConcurrency: this.settings.exportMaxConcurrency,
    });

    this.monthlyCloseMachine = new MonthlyCloseMachine(this, 'MonthlyCloseRun', {
      functionOf,
      timeoutOf,
      exportRequests: this.exportRequests.queue,
      ...this.settings.monthlyClose,
    });

    applyCatalogGrants((name) => this.functions.find(name), {
      table: this.dataTable.table,
      exportQueue: this.exportRequests.queue,
      mailQueue: this.mail.queue,
      exportStateMachine: this.exportSaga.stateMachine,
      monthlyCloseStateMachine: this.monthlyCloseMachine.stateMachine,
      accountingSecrets: this.accountingSecrets,
      cursorKey: this.cursorKey,
      notifications: this.notifications,
    });

    this.userPool = new UserPool(this, 'Users');
    this.httpApi = new HttpApi(this, 'HttpApi', {
      routes,
      handlerOf: functionOf,
      userPool: this.userPool.userPool,
      userPoolClient: this.userPool.client,
      throttling: this.settings.apiThrottling,
    });

    this.monthlyClose = new MonthlyCloseSchedule(this, 'MonthlyClose', {
      target: functionOf(monthlyCloseFunction),
    });

    this.exportSweep = new ExportSweepSchedule(this, 'ExportSweep', {
      target: functionOf(exportSweepFunction),
    });

    this.bookingSync = new BookingSyncSchedule(this, 'BookingSync', {
      target: functionOf(bookingSyncFunction),
      everyMinutes: this.settings.bookingSyncEveryMinutes,
    });

    this.observability = new Observability(this, 'Observability', {
      functions: this.functions.byName,
      httpApi: this.httpApi.api,
      exportStateMachine: this.exportSaga.stateMachine,
      monthlyCloseStateMachine: this.monthlyCloseMachine.stateMachine,
      deadLetterQueues: {
        ExportRequests: this.exportRequests.deadLetterQueue,
        Mail: this.mail.deadLetterQueue,
        MonthlyClose: this.monthlyClose.deadLetterQueue,
      },
      errorsAreRetrySignals: [exportSagaTasks.ExportBatch],
      ...(this.settings.alarmEmail ? { alarmEmail: this.settings.alarmEmail } : {}),
    });

    new CfnOutput(this, 'ApiUrl', { value: this.httpApi.url });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.userPool.client.userPoolClientId });
    new CfnOutput(this, 'TableName', { value: this.dataTable.table.tableName });
    new CfnOutput(this, 'ExportStateMachineArn', { value: this.exportSaga.stateMachine.stateMachineArn });
    new CfnOutput(this, 'MonthlyCloseStateMachineArn', {
      value: this.monthlyCloseMachine.stateMachine.stateMachineArn,
    });
  }
}
