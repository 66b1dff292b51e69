import {
  DescribeExecutionCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SFNClient,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { periodInvoiceId } from '#domain/monthly-close/period-invoice-id';
import { executionHistory } from '#local/execution-history';
import { closeMonthThroughCli } from '#local/monthly-close-cli';
import type { Db } from '../../packages/store/src/db.ts';
import { backdateCurrentItem } from '../../packages/store/tests/support/staging.ts';
import { testStackDb } from '../../packages/store/tests/support/test-stack.ts';
import {
  control,
  createScenario,
  credentials,
  draftsOf,
  exportIdOf,
  mailAbout,
  requestExport,
  type Scenario,
  saveSettings,
  sentMail,
  waitForExport,
} from './support/accounting.ts';
import { adminClient, createProduct, createTenant, type Tenant } from './support/fixtures.ts';
import { machineArn } from './support/state-machines.ts';
import { invoiceOf, type RequestBody } from './support/typed-api.ts';

/**
 * The monthly close end to end: `npm run monthly-close -- --period 2026-10` against the running
 * local stack (the very handler the schedule invokes, the state machine CDK synthesizes), checked
 * against invoices computed by hand.
 *
 * The API stamps a current-invoice item with the time it was put on; an item put on today belongs
 * to a later close. So the items are made through the API and then dated back to September, in
 * the table, as if they had been on the current invoice since then.
 */
const month = '2026-10';

const closeMonth = (period = month) => closeMonthThroughCli(inject('ports'), period, 120_000);

/**
 * The export requests the run's group executions sent themselves (QueueAutoExport, an
 * `sqs:sendMessage` Task that succeeded), as their bodies: the sweeper, which would also start a
 * job left without a message, sends none of these.
 */
const requestsSentByTheClose = async (run: string): Promise<{ exportId: string }[]> => {
  const sfn = new SFNClient({
    endpoint: `http://127.0.0.1:${inject('ports').STEP_FUNCTIONS_PORT}`,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    const { stateMachines = [] } = await sfn.send(new ListStateMachinesCommand({}));
    const { executions = [] } = await sfn.send(
      new ListExecutionsCommand({
        stateMachineArn: machineArn(stateMachines, 'faktura-monthly-close-group'),
      }),
    );
    const sent: { exportId: string }[] = [];
    for (const { executionArn } of executions) {
      const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      if (JSON.parse(described.input ?? '{}').run !== run) continue;
      const events = await executionHistory(sfn, executionArn!);
      for (const [index, event] of events.entries()) {
        if (event.type !== 'TaskSucceeded' || event.taskSucceededEventDetails?.resourceType !== 'sqs')
          continue;
        const scheduled = events
          .slice(0, index)
          .findLast((earlier) => earlier.taskScheduledEventDetails?.resourceType === 'sqs');
        const parameters = JSON.parse(scheduled?.taskScheduledEventDetails?.parameters ?? '{}');
        sent.push(JSON.parse(parameters.MessageBody));
      }
    }
    return sent;
  } finally {
    sfn.destroy();
  }
};

/** A reseller connected to e-conomic whose settings ask the close to export its period invoices. */
const autoExportingScenario = async (customers: number, label: string): Promise<Scenario> => {
  const scenario = await createScenario('economic', customers, label);
  const settings = await saveSettings(scenario.tenant.resellerClient, 'economic', {
    ...credentials.economic,
    autoExport: true,
  });
  if (!settings.data)
    throw new Error(`settings: ${settings.response.status} ${JSON.stringify(settings.error)}`);
  return scenario;
};

describe('monthly close', () => {
  let table: Db;
  let tenant: Tenant;
  let customers: { a: string; b: string; c: string };
  const items: Record<string, string> = {};
  let sequence = 0;

  /** Puts an item on through the API, then dates it back to September (see above). */
  const putOn = async (
    owner: Tenant,
    customer: string,
    name: string,
    fields: Omit<RequestBody<'/invoice/current', 'post'>, 'customer' | 'description'>,
  ) => {
    const created = await owner.resellerClient.POST('/invoice/current', {
      body: { customer, description: name, ...fields },
    });
    if (!created.data)
      throw new Error(`item ${name}: ${created.response.status} ${JSON.stringify(created.error)}`);
    sequence += 1;
    await backdateCurrentItem(
      table,
      { id: created.data._id, reseller: owner.reseller, customer },
      `2026-09-15T10:00:${String(sequence).padStart(2, '0')}.000Z`,
    );
    items[name] = created.data._id;
  };

  beforeAll(async () => {
    table = testStackDb();
    tenant = await createTenant('Close');
    const product = (await createProduct({ unitType: 'MONTHS', unitPrice: 1 }))._id;
    const platform = await adminClient();
    const more = async (name: string) =>
      (await platform.POST('/customer', { body: { reseller: tenant.reseller, name } })).data!._id;
    customers = { a: tenant.customer, b: await more('Close B'), c: await more('Close C') };

    const a = customers.a;
    await putOn(tenant, a, 'Abonnement', {
      product,
      units: 2,
      unitPrice: 100,
      recurrence: 'MONTHLY',
      from: '2026-09-01',
    });
    await putOn(tenant, a, 'Ny linje', {
      product,
      units: 1,
      unitPrice: 199,
      recurrence: 'MONTHLY',
      from: '2026-10-11',
    });
    await putOn(tenant, a, 'Opsagt', {
      product,
      units: 1,
      unitPrice: 310,
      recurrence: 'MONTHLY',
      from: '2026-08-01',
      to: '2026-10-10',
    });
    await putOn(tenant, a, 'Hel måned', {
      product,
      units: 1,
      unitPrice: 50,
      recurrence: 'MONTHLY',
      from: '2026-10-20',
      fullMonth: true,
    });
    await putOn(tenant, a, 'Kvartal', {
      product,
      units: 1,
      unitPrice: 300,
      recurrence: 'QUARTERLY',
      from: '2026-07-01',
    });
    await putOn(tenant, a, 'Kvartal ude af takt', {
      product,
      units: 1,
      unitPrice: 300,
      recurrence: 'QUARTERLY',
      from: '2026-08-01',
    });
    await putOn(tenant, a, 'Årlig licens', {
      product,
      units: 1,
      unitPrice: 1200,
      recurrence: 'YEARLY',
      from: '2025-10-01',
    });
    await putOn(tenant, a, 'Forbrug', { product, units: 3.5, unitPrice: 10 });
    await putOn(tenant, a, 'Kreditering', { product, units: -1, unitPrice: 75 });
    await putOn(tenant, a, 'Rabat', {
      product,
      units: -1,
      unitPrice: 62,
      recurrence: 'MONTHLY',
      from: '2026-10-16',
    });
    await putOn(tenant, customers.b, 'B abonnement', {
      product,
      units: 1,
      unitPrice: 100,
      recurrence: 'MONTHLY',
      from: '2026-09-01',
    });
    await putOn(tenant, customers.c, 'C kvartal', {
      product,
      units: 1,
      unitPrice: 90,
      recurrence: 'QUARTERLY',
      from: '2026-09-01',
    });
    // Put on in November, after October ended: November's close bills it, not October's.
    const late = await tenant.resellerClient.POST('/invoice/current', {
      body: { customer: a, product, units: 1, unitPrice: 5, description: 'Sen' },
    });
    items.Sen = late.data!._id;
  }, 60_000);

  afterAll(() => table?.client.destroy());

  const currentItemNames = async (customer: string) => {
    const list = await tenant.resellerClient.GET('/invoice/current', { params: { query: { customer } } });
    const names = new Map(Object.entries(items).map(([name, id]) => [id, name]));
    return list.data!.currentInvoices.map((item) => names.get(item._id)).sort();
  };

  it('bills every recurrence kind, pro-rates a mid-month start and stop, credits, and consumes what ended', async () => {
    // Act
    const outcome = await closeMonth();
    const periodInvoiceOf = (customer: string) =>
      tenant.resellerClient.GET('/invoice/{id}', {
        params: { path: { id: periodInvoiceId(tenant.reseller, customer, month) } },
      });
    const invoiceA = await periodInvoiceOf(customers.a);
    const invoiceB = await periodInvoiceOf(customers.b);
    const invoiceC = await periodInvoiceOf(customers.c);

    // Assess: the run
    expect(outcome.status).toBe('SUCCEEDED');
    expect(outcome.summary.failures).toBe(0);
    expect(outcome.summary.invoicesCreated).toBeGreaterThanOrEqual(2);

    // Assess: customer A, computed by hand (October has 31 days; units to 6 decimals, amounts to øre)
    expect(invoiceA.response.status).toBe(200);
    expect(invoiceA.data).toMatchObject({
      period: true,
      invoiceNumber: '-1',
      invoiceDate: '2026-10-31T23:00:00.000Z',
      headline: 'Periodefaktura oktober 2026',
      subTotal: 1912.81,
      vat: 478.2,
      total: 2391.01,
    });
    const lines = invoiceA.data!.lines.map((line) => ({
      description: line.description,
      units: line.units,
      unitPrice: line.unitPrice,
      from: line.from,
      to: line.to,
    }));
    expect(lines).toEqual([
      { description: 'Abonnement', units: 2, unitPrice: 100, from: '2026-10-01', to: '2026-10-31' },
      {
        description: 'Ny linje (11-10-2026 – 31-10-2026)',
        units: 0.677419,
        unitPrice: 199,
        from: '2026-10-11',
        to: '2026-10-31',
      },
      {
        description: 'Opsagt (01-10-2026 – 10-10-2026)',
        units: 0.322581,
        unitPrice: 310,
        from: '2026-10-01',
        to: '2026-10-10',
      },
      { description: 'Hel måned', units: 1, unitPrice: 50, from: '2026-10-01', to: '2026-10-31' },
      { description: 'Kvartal', units: 1, unitPrice: 300, from: '2026-10-01', to: '2026-12-31' },
      { description: 'Årlig licens', units: 1, unitPrice: 1200, from: '2026-10-01', to: '2027-09-30' },
      { description: 'Forbrug', units: 3.5, unitPrice: 10, from: undefined, to: undefined },
      { description: 'Kreditering', units: -1, unitPrice: 75, from: undefined, to: undefined },
      {
        description: 'Rabat (16-10-2026 – 31-10-2026)',
        units: -0.516129,
        unitPrice: 62,
        from: '2026-10-16',
        to: '2026-10-31',
      },
    ]);
    expect(invoiceB.data).toMatchObject({ subTotal: 100, vat: 25, total: 125 });
    expect(invoiceC.response.status).toBe(404);

    // Assess: one-offs and the item that stopped are consumed; the rest wait for their next month
    expect(await currentItemNames(customers.a)).toEqual(
      [
        'Abonnement',
        'Hel måned',
        'Kvartal',
        'Kvartal ude af takt',
        'Ny linje',
        'Rabat',
        'Sen',
        'Årlig licens',
      ].sort(),
    );
    expect(await currentItemNames(customers.c)).toEqual(['C kvartal']);
  }, 180_000);

  it('creates nothing the second time the month is closed', async () => {
    // Prepare
    const invoicesOfA = () =>
      tenant.resellerClient.GET('/invoice', { params: { query: { customer: customers.a, limit: 500 } } });
    const before = await invoicesOfA();
    const itemsBefore = await currentItemNames(customers.a);

    // Act
    const outcome = await closeMonth();

    // Assess
    const after = await invoicesOfA();
    expect(outcome.status).toBe('SUCCEEDED');
    expect(outcome.summary.invoicesCreated).toBe(0);
    expect(outcome.summary.invoicesExisted).toBeGreaterThanOrEqual(2);
    expect(after.data).toEqual(before.data);
    expect(await currentItemNames(customers.a)).toEqual(itemsBefore);
  }, 180_000);

  describe('for a reseller who exports automatically', () => {
    let scenario: Scenario;

    beforeAll(async () => {
      scenario = await autoExportingScenario(3, 'Close export');
      for (const [index, customer] of scenario.customers.entries()) {
        await putOn(scenario.tenant, customer.id, `Abonnement ${index}`, {
          product: scenario.products[0]!.id,
          units: index + 1,
          recurrence: 'MONTHLY',
          from: '2026-09-01',
        });
        await putOn(scenario.tenant, customer.id, `Samtaler ${index}`, {
          product: scenario.products[1]!.id,
          units: 412.5 + index,
        });
        // A credit goes to the accounting system too (e-conomic takes it as a negative price).
        await putOn(scenario.tenant, customer.id, `Kreditering ${index}`, {
          product: scenario.products[0]!.id,
          units: -0.5,
        });
      }
    }, 60_000);

    it('exports the new period invoices as the export API would: one draft each, totals to the øre, an e-mail', async () => {
      // Act
      const outcome = await closeMonth();
      const invoiceIds = scenario.customers.map((customer) =>
        periodInvoiceId(scenario.tenant.reseller, customer.id, month),
      );
      const exportId = await exportOf(invoiceIds[0]!);
      const job = await waitForExport(scenario.tenant.resellerClient, exportId);
      const drafts = await draftsOf('economic', exportId);
      const invoices = await Promise.all(
        invoiceIds.map((id) =>
          scenario.tenant.resellerClient.GET('/invoice/{id}', { params: { path: { id } } }),
        ),
      );

      // Assess
      expect(outcome.summary.exportsQueued).toBeGreaterThanOrEqual(1);
      expect(await requestsSentByTheClose(outcome.summary.run)).toContainEqual(
        expect.objectContaining({ exportId, reseller: scenario.tenant.reseller, system: 'economic' }),
      );
      expect(job).toMatchObject({ status: 'succeeded', exported: 3, drafts: { created: 3, deleted: 0 } });
      expect(job.invoices.map((entry) => entry.invoice).sort()).toEqual([...invoiceIds].sort());
      expect(drafts).toHaveLength(3);
      const netByCustomer = new Map(
        drafts.map((draft: { customer: { customerNumber: number }; netAmount: number }) => [
          String(draft.customer.customerNumber),
          draft.netAmount,
        ]),
      );
      for (const [index, customer] of scenario.customers.entries()) {
        expect(netByCustomer.get(customer.number)).toBe(invoices[index]!.data!.subTotal);
      }
      const reseller = await readReseller();
      const mail = await mailAbout(exportId);
      expect(mail).toHaveLength(1);
      expect(mail[0]!.to).toEqual([reseller.finance.accountingEmail]);
    }, 240_000);

    const readReseller = async () =>
      (
        await scenario.tenant.resellerClient.GET('/reseller/{id}', {
          params: { path: { id: scenario.tenant.reseller } },
        })
      ).data!;

    /** The export the close started for an invoice: its timeline says so once the export is done. */
    const exportOf = async (invoice: string): Promise<string> => {
      const deadline = Date.now() + 90_000;
      for (;;) {
        const timeline = await scenario.tenant.resellerClient.GET('/invoice/{id}/timeline', {
          params: { path: { id: invoice } },
        });
        const exported = timeline.data?.timeline.find((entry) => entry.system === 'economic');
        if (typeof exported?.detail?.exportId === 'string') return exported.detail.exportId;
        if (Date.now() > deadline) throw new Error(`invoice ${invoice} was not exported`);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    };
  });

  describe('for a reseller whose automatic export is refused', () => {
    let scenario: Scenario;
    let unknownProduct: { _id: string; productCode: string };

    beforeAll(async () => {
      scenario = await autoExportingScenario(1, 'Close refused');
      // A product e-conomic does not know yet: the export's checks refuse the month.
      unknownProduct = await createProduct({ unitType: 'UNITS', unitPrice: 40 });
      const customer = scenario.customers[0]!.id;
      await putOn(scenario.tenant, customer, 'Kendt abonnement', {
        product: scenario.products[0]!.id,
        units: 1,
        recurrence: 'MONTHLY',
        from: '2026-09-01',
      });
      await putOn(scenario.tenant, customer, 'Ukendt vare', { product: unknownProduct._id, units: 2 });
    }, 60_000);

    it('e-mails the accounting contact every problem; once fixed, the export the e-mail names lands the invoice', async () => {
      // Act: the close
      const outcome = await closeMonth();
      const api = scenario.tenant.resellerClient;
      const reseller = (
        await api.GET('/reseller/{id}', { params: { path: { id: scenario.tenant.reseller } } })
      ).data!;
      const invoiceId = periodInvoiceId(scenario.tenant.reseller, scenario.customers[0]!.id, month);
      const invoice = await invoiceOf(api, invoiceId);

      // Assess: the invoice is made, the export refused, and the accounting contact told why
      expect(outcome.status).toBe('FAILED');
      expect(outcome.summary.exportsRefused).toBeGreaterThanOrEqual(1);
      expect(outcome.summary.refusalMailsSent).toBeGreaterThanOrEqual(1);
      expect(invoice.subTotal).toBe(179);
      const mail = (await sentMail()).filter((m) => m.text.startsWith(`Hej ${reseller.name}\n`));
      expect(mail).toHaveLength(1);
      expect(mail[0]!.to).toEqual([reseller.finance.accountingEmail]);
      expect(mail[0]!.subject).toBe(
        'Faktura: den automatiske eksport til e-conomic (2026-10) blev ikke startet',
      );
      expect(mail[0]!.text).toContain(
        `- economic.product: Product not found in e-conomic with product code: ${unknownProduct.productCode}\n`,
      );

      // Act: do what the e-mail says
      await control('economic', 'POST', 'preload', {
        products: [{ productNumber: unknownProduct.productCode, name: 'Ukendt vare' }],
      });
      const answer = await requestExport(api, 'economic', { invoiceDate: '2026-11-01' });
      const job = await waitForExport(api, exportIdOf(answer));

      // Assess: the month's invoice is in the books, once
      expect(job).toMatchObject({ status: 'succeeded', exported: 1, drafts: { created: 1, deleted: 0 } });
      const drafts = await draftsOf('economic', exportIdOf(answer));
      expect(drafts.map((draft: { netAmount: number }) => draft.netAmount)).toEqual([invoice.subTotal]);
    }, 240_000);
  });
});
