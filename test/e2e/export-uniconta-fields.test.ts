import { beforeAll, describe, expect, it } from 'vitest';
import { customerStore } from '#wiring/store';
import {
  createScenario,
  draftsOf,
  exportIdOf,
  type Scenario,
  simulatorUrl,
  unicontaAuth,
  waitForExport,
} from './support/accounting.ts';
import { useTestStackInProcess } from './support/in-process.ts';
import { problemOf } from './support/typed-api.ts';

/**
 * Uniconta's field rules (docs/contracts/uniconta.md §3a, packages/domain/src/uniconta-fields.ts):
 * every text the sales order carries is trimmed, and one that Uniconta cannot take is a
 * `uniconta.field` problem of the request's `422 multiple`, naming the field, the invoice and its
 * customer, before anything is exported: never a draft that fails halfway through the export.
 */
const month = '2034-07';

describe('export to Uniconta: field rules', () => {
  let scenario: Scenario;
  let tooLong: string;
  let atTheLimit: string;

  beforeAll(async () => {
    useTestStackInProcess();
    scenario = await createScenario('uniconta', 1, 'Uniconta fields');
    // A name stored with surrounding spaces (written before names were trimmed, or imported).
    await customerStore.updateCustomer(scenario.tenant.reseller, scenario.customers[0]!.id, {
      name: '  Feltkunde ApS  ',
    });
    const invoice = async (description: string) => {
      const created = await scenario.tenant.resellerClient.POST('/invoice', {
        body: {
          customer: scenario.customers[0]!.id,
          invoiceDate: `${month}-01`,
          headline: 'Juli',
          // 1 × 99.00: sent as it is, so the line's text is "Mobil - <description>" and nothing more.
          lines: [{ product: scenario.products[0]!.id, units: 1, name: 'Mobil', description }],
        },
      });
      return created.data!._id;
    };
    // "Mobil - " is 8 characters: 308 in all, over Uniconta's 250; and exactly 250.
    tooLong = await invoice('x'.repeat(300));
    atTheLimit = await invoice('y'.repeat(242));
  });

  it('refuses up front a line text over the limit with 422 uniconta.field, naming the field, the invoice and the customer (trimmed); no draft is made', async () => {
    // Act
    const response = await scenario.tenant.resellerClient.POST('/integration/{system}/invoice/draft', {
      params: { path: { system: 'uniconta' } },
      body: { invoiceDate: `${month}-01` },
    });
    const orders = await fetch(
      `${simulatorUrl('uniconta')}/api/Entities/DebtorOrderClient?Name=Account&Value=${scenario.customers[0]!.number}`,
      { headers: { authorization: unicontaAuth } },
    );

    // Assess
    expect(response.response.status).toBe(422);
    expect(problemOf(response).message).toBe('multiple');
    expect(problemOf(response).errors).toEqual([
      {
        status: 422,
        message: 'uniconta.field',
        description: `Field lines[0].Text of invoice ${tooLong} (Feltkunde ApS) cannot be sent to Uniconta: 308 characters, Uniconta takes at most 250`,
      },
    ]);
    expect(await orders.json()).toEqual([]);
  });

  it('exports the rest once the refused invoice is left out: texts trimmed, a text at the limit sent whole', async () => {
    // Act
    const answer = await scenario.tenant.resellerClient.POST('/integration/{system}/invoice/draft', {
      params: { path: { system: 'uniconta' } },
      body: { invoiceDate: `${month}-01`, invoicesToOmit: [tooLong] },
    });
    const exportId = exportIdOf(answer);
    const job = await waitForExport(scenario.tenant.resellerClient, exportId);
    const drafts = await draftsOf('uniconta', exportId);

    // Assess
    expect(answer.response.status).toBe(202);
    expect(job).toMatchObject({ status: 'succeeded', drafts: { created: 1, deleted: 0 } });
    expect(drafts).toHaveLength(1);
    const [order] = drafts;
    expect(order.YourRef).toBe(`FK-${exportId}-${atTheLimit}`);
    expect(order.Account).toBe(scenario.customers[0]!.number);
    expect(order.Remark).toMatch(/^Faktura \S+ - Juli$/);
    expect(order.lines.map((line: { Text: string }) => line.Text)).toEqual([`Mobil - ${'y'.repeat(242)}`]);
  });
});
