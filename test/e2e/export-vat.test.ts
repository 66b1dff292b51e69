import { beforeAll, describe, expect, it } from 'vitest';
import {
  control,
  createScenario,
  draftsOf,
  exportIdOf,
  requestExport,
  type Scenario,
  saveSettings,
  simulatorUrl,
  unicontaAuth,
  waitForExport,
} from './support/accounting.ts';
import { createProduct } from './support/fixtures.ts';
import { invoiceOf, problemOf } from './support/typed-api.ts';

/**
 * Books that equal the invoice, VAT included (docs/contracts/booking-and-vat.md), end to end through the
 * local API, the saga and the simulators, which decide VAT the way the real systems do: e-conomic
 * by the product's group and the customer's VAT zone, Uniconta by the line's VAT code, else the
 * item group's. The invoice is the one the review found: a 350.00 VAT-exempt fee beside lines
 * with VAT.
 */

/** A VAT-exempt fee, and the subscription and usage lines every scenario invoice has. */
const createInvoice = async (scenario: Scenario, fee: string, month: string) => {
  const api = scenario.tenant.resellerClient;
  const created = await api.POST('/invoice', {
    body: {
      customer: scenario.customers[0]!.id,
      invoiceDate: `${month}-01`,
      lines: [
        { product: scenario.products[0]!.id, units: 2, from: `${month}-01`, to: `${month}-28` },
        { product: scenario.products[1]!.id, units: 412.5, description: 'Samtaler' },
        { product: fee, units: 1 },
      ],
    },
  });
  return invoiceOf(api, created.data!._id);
};

const feeProduct = async (system: string) =>
  createProduct({
    productCode: `FEE${system[0]}${Date.now().toString(36)}`,
    unitPrice: 350,
    vatExempt: true,
  });

describe('VAT on e-conomic drafts', () => {
  let scenario: Scenario;
  /** In e-conomic's VAT-free product group (2, the simulator's "Varer u/moms"). */
  let fee: { _id: string; productCode: string };
  /** The same fee, but set up in e-conomic in the group with 25 % VAT (1): a bookkeeping mistake. */
  let misgrouped: { _id: string; productCode: string };

  beforeAll(async () => {
    scenario = await createScenario('economic', 1, 'VAT e-conomic');
    fee = await feeProduct('economic');
    misgrouped = await feeProduct('economic');
    await control('economic', 'POST', 'preload', {
      products: [
        { productNumber: fee.productCode, name: 'Gebyr', productGroup: 2 },
        { productNumber: misgrouped.productCode, name: 'Gebyr (forkert gruppe)', productGroup: 1 },
      ],
    });
  });

  it('exports an invoice with VAT-exempt and VAT-liable lines as a draft whose net, VAT and gross are the invoice’s', async () => {
    // Prepare
    const reseller = scenario.tenant.resellerClient;
    const invoice = await createInvoice(scenario, fee._id, '2036-01');

    // Act
    const answer = await requestExport(reseller, 'economic', { invoiceDate: '2036-01-01' });
    const job = await waitForExport(reseller, exportIdOf(answer));

    // Assess: VAT on 198.00 + 5.07 only, not on the fee
    expect(job).toMatchObject({ status: 'succeeded', drafts: { created: 1, deleted: 0 } });
    expect(invoice).toMatchObject({ subTotal: 553.07, vat: 50.77, total: 603.84 });
    const [draft] = await draftsOf('economic', exportIdOf(answer));
    expect({ net: draft.netAmount, vat: draft.vatAmount, gross: draft.grossAmount }).toEqual({
      net: invoice.subTotal,
      vat: invoice.vat,
      gross: invoice.total,
    });
  });

  it('refuses up front an invoice whose VAT-exempt line sits on a product with VAT in e-conomic, naming product and invoice', async () => {
    // Prepare
    const invoice = await createInvoice(scenario, misgrouped._id, '2036-02');

    // Act
    const answer = await requestExport(scenario.tenant.resellerClient, 'economic', {
      invoiceDate: '2036-02-01',
    });

    // Assess
    expect(answer.response.status).toBe(422);
    expect(answer.error).toMatchObject({ status: 422, message: 'multiple' });
    const problems = problemOf(answer).errors ?? [];
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toBe('economic.product.vat');
    expect(problems[0]!.description).toMatch(
      new RegExp(
        `^Product ${misgrouped.productCode} carries 25 % VAT in e-conomic for .+ \\(VAT zone 1\\), but invoice ${invoice._id} bills it VAT-exempt$`,
      ),
    );
  });
});

describe('VAT on Uniconta orders', () => {
  let scenario: Scenario;
  let fee: { _id: string; productCode: string };

  beforeAll(async () => {
    scenario = await createScenario('uniconta', 1, 'VAT Uniconta');
    fee = await feeProduct('uniconta');
    // Its item group is the company's default ("Varer": 25 % at home): only the line's code makes it free.
    await control('uniconta', 'POST', 'preload', { items: [{ Item: fee.productCode, Name: 'Gebyr' }] });
  });

  it('refuses the export up front until the integration names its exempt VAT code, then sends the fee with it', async () => {
    // Prepare
    const reseller = scenario.tenant.resellerClient;
    const invoice = await createInvoice(scenario, fee._id, '2036-03');
    const settings = (exemptVatCode: string) => saveSettings(reseller, 'uniconta', { exemptVatCode });

    // Act
    const refused = await requestExport(reseller, 'uniconta', { invoiceDate: '2036-03-01' });
    const wrongCode = await settings('U25');
    const saved = await settings('UFRI');
    const answer = await requestExport(reseller, 'uniconta', { invoiceDate: '2036-03-01' });
    const job = await waitForExport(reseller, exportIdOf(answer));

    // Assess: refused, naming the invoice; a code with VAT is no exempt code
    expect(refused.response.status).toBe(422);
    expect(problemOf(refused).errors).toEqual([
      {
        status: 422,
        message: 'uniconta.exemptVatCode',
        description: `Invoice ${invoice._id} has VAT-exempt lines, and the Uniconta integration has no VAT code for them (exemptVatCode)`,
      },
    ]);
    expect(wrongCode.response.status).toBe(422);
    expect(wrongCode.error).toMatchObject({
      message: 'exemptVatCode',
      description: 'VAT code U25 carries 25 % VAT; VAT-exempt lines need a code of 0 %',
    });
    expect(saved.response.status).toBe(200);
    expect(saved.data).toMatchObject({ exemptVatCode: 'UFRI' });

    // Assess: exported, its amounts checked against the invoice's; the fee line carries the exempt code
    expect(job).toMatchObject({ status: 'succeeded', drafts: { created: 1, deleted: 0 } });
    const [order] = await draftsOf('uniconta', exportIdOf(answer));
    expect(order.OrderTotal).toBe(invoice.subTotal);
    expect(order.lines.map((line: { Item: string; Vat?: string }) => [line.Item, line.Vat ?? null])).toEqual([
      [scenario.products[0]!.code, null],
      [scenario.products[1]!.code, null],
      [fee.productCode, 'UFRI'],
    ]);
  });

  it('lists the company’s VAT codes and item groups through the entity API, as the adapter reads them', async () => {
    // Act
    const [codes, groups] = await Promise.all(
      ['GLVatClient', 'InvGroupClient'].map(async (entity) =>
        (
          await fetch(`${simulatorUrl('uniconta')}/api/Entities/${entity}`, {
            headers: { authorization: unicontaAuth },
          })
        ).json(),
      ),
    );

    // Assess
    expect(codes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Vat: 'U25', Rate: 25 }),
        expect.objectContaining({ Vat: 'UFRI', Rate: 0 }),
      ]),
    );
    expect(groups).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Group: 'Varer', SalesVat: 'U25', SalesVat4: 'UFRI' }),
      ]),
    );
  });
});
