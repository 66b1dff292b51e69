import { beforeAll, describe, expect, it } from 'vitest';
import { customerStore } from '#wiring/store';
import {
  createScenario,
  draftsOf,
  type Scenario,
  simulatorUrl,
  unicontaAuth,
  waitForExport,
} from './support/accounting.ts';
import { useTestStackInProcess } from './support/in-process.ts';

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
      const created = await scenario.tenant.resellerApi.post('/invoice', {
        customer: scenario.customers[0]!.id,
        invoiceDate: `${month}-01`,
        headline: 'Juli',
        // 1 × 99.00: sent as it is, so the line's text is "Mobil - <description>" and nothing more.
        lines: [{ product: scenario.products[0]!.id, units: 1, name: 'Mobil', description }],
      });
      if (created.status !== 201) throw new Error(`invoice: ${created.status} ${created.text}`);
      return created.body._id as string;
    };
    // "Mobil - " is 8 characters: 308 in all, over Uniconta's 250; and exactly 250.
    tooLong = await invoice('x'.repeat(300));
    atTheLimit = await invoice('y'.repeat(242));
  });

  it('refuses up front a line text over the limit with 422 uniconta.field, naming the field, the invoice and the customer (trimmed); no draft is made', async () => {
    // Act
    const response = await scenario.tenant.resellerApi.post('/integration/uniconta/invoice/draft', {
      invoiceDate: `${month}-01`,
    });
    const orders = await fetch(
      `${simulatorUrl('uniconta')}/api/Entities/DebtorOrderClient?Name=Account&Value=${scenario.customers[0]!.number}`,
      { headers: { authorization: unicontaAuth } },
    );

    // Assess
    expect(response.status).toBe(422);
    expect(response.body.message).toBe('multiple');
    expect(response.body.errors).toEqual([
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
    const answer = await scenario.tenant.resellerApi.post('/integration/uniconta/invoice/draft', {
      invoiceDate: `${month}-01`,
      invoicesToOmit: [tooLong],
    });
    const job = await waitForExport(scenario.tenant.resellerApi, answer.body.exportId);
    const drafts = await draftsOf('uniconta', answer.body.exportId);

    // Assess
    expect(answer.status).toBe(202);
    expect(job).toMatchObject({ status: 'succeeded', drafts: { created: 1, deleted: 0 } });
    expect(drafts).toHaveLength(1);
    const [order] = drafts;
    expect(order.YourRef).toBe(`FK-${answer.body.exportId}-${atTheLimit}`);
    expect(order.Account).toBe(scenario.customers[0]!.number);
    expect(order.Remark).toMatch(/^Faktura \S+ - Juli$/);
    expect(order.lines.map((line: { Text: string }) => line.Text)).toEqual([`Mobil - ${'y'.repeat(242)}`]);
  });
});
