import { beforeAll, describe, expect, it } from 'vitest';
import { createScenario, draftsOf, type Scenario, type System, waitForExport } from './support/accounting.ts';
import { as, tokenFor } from './support/api.ts';

/**
 * An invoice with external-licence lines is two documents (seed 003): the invoice proper and the
 * lines billed for a third party. Each reaches the books by its own export, in either order, and
 * each is marked apart: sending one never makes the other look sent.
 */
describe.each<[System, string, string]>([
  ['economic', '2033-05', '2033-06'],
  ['uniconta', '2033-07', '2033-08'],
])('the two documents of an invoice, exported to %s', (system, normalFirst, licencesFirst) => {
  let scenario: Scenario;
  let reseller: ReturnType<typeof as>;

  beforeAll(async () => {
    scenario = await createScenario(system, 2, `Documents ${system}`);
    reseller = as(await tokenFor({ role: 'RESELLER', reseller: scenario.tenant.reseller }));
  });

  /** Invoices of the month that each have a normal line and an external-licence line. */
  const invoicesWithBothDocuments = async (month: string, count: number) => {
    const [subscription, , licence] = scenario.products;
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const created = await scenario.tenant.resellerApi.post('/invoice', {
        customer: scenario.customers[i % scenario.customers.length]!.id,
        invoiceDate: `${month}-01`,
        lines: [
          { product: subscription!.id, units: 1 },
          { product: licence!.id, units: 2 + i },
        ],
      });
      if (created.status !== 201) throw new Error(`invoice: ${created.status} ${created.text}`);
      ids.push(created.body._id);
    }
    return ids.sort();
  };

  const exportOf = async (month: string, externalLicenses: boolean) => {
    const answer = await reseller.post(`/integration/${system}/invoice/draft`, {
      invoiceDate: `${month}-01`,
      externalLicenses,
    });
    if (answer.status !== 202) return { answer, drafts: [] };
    const job = await waitForExport(reseller, answer.body.exportId);
    expect(job.status).toBe('succeeded');
    return { answer, drafts: await draftsOf(system, answer.body.exportId) };
  };

  /** The product codes on a draft's lines, whichever system made it. */
  const codesOn = (draft: { lines: { product?: { productNumber: string }; Item?: string }[] }) =>
    draft.lines.map((line) => line.product?.productNumber ?? line.Item);

  it.each([
    ['the invoice proper first, then the external licences', false],
    ['the external licences first, then the invoice proper', true],
  ])('sends %s, each document once', async (_order, licencesGoFirst) => {
    // Prepare
    const month = licencesGoFirst ? licencesFirst : normalFirst;
    const invoices = await invoicesWithBothDocuments(month, 3);
    const [subscription, , licence] = scenario.products;

    // Act
    const first = await exportOf(month, licencesGoFirst);
    const second = await exportOf(month, !licencesGoFirst);
    const againFirst = await reseller.post(`/integration/${system}/invoice/draft`, {
      invoiceDate: `${month}-01`,
      externalLicenses: licencesGoFirst,
    });
    const againSecond = await reseller.post(`/integration/${system}/invoice/draft`, {
      invoiceDate: `${month}-01`,
      externalLicenses: !licencesGoFirst,
    });

    // Assess: each export took every invoice, with the lines of its own document only
    for (const { answer } of [first, second])
      expect([answer.status, answer.body]).toEqual([202, expect.objectContaining({ total: 3, exported: 3 })]);
    const [licenceDrafts, normalDrafts] = licencesGoFirst
      ? [first.drafts, second.drafts]
      : [second.drafts, first.drafts];
    expect(normalDrafts.map(codesOn)).toEqual([
      [subscription!.code],
      [subscription!.code],
      [subscription!.code],
    ]);
    expect(licenceDrafts.map(codesOn)).toEqual([[licence!.code], [licence!.code], [licence!.code]]);

    // Assess: after both, neither document is pending any more
    expect([againFirst.status, againFirst.body]).toEqual([200, { success: true, total: 0, exported: 0 }]);
    expect([againSecond.status, againSecond.body]).toEqual([200, { success: true, total: 0, exported: 0 }]);

    // Assess: the timeline tells the two apart
    const timeline = await reseller.get(`/invoice/${invoices[0]}/timeline`);
    const events = timeline.body.timeline.map((entry: { event: string }) => entry.event);
    const label = system === 'economic' ? 'e-conomic' : 'Uniconta';
    expect(events).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^exported to ${label} as draft \\d+$`)),
        expect.stringMatching(new RegExp(`^exported to ${label} \\(external licences\\) as draft \\d+$`)),
      ]),
    );
  });

  it('lists each document for the systems that pull marks, under its own system id', async () => {
    // Prepare: a month whose invoice proper went, and whose licences did not
    const month = `${normalFirst.slice(0, 4)}-11`;
    const [invoice] = await invoicesWithBothDocuments(month, 1);
    await exportOf(month, false);

    // Act
    const lines = await reseller.get(`/invoices/export?system_id=${system}&include_non_booked=1`);
    const licences = await reseller.get(
      `/invoices/export?system_id=${system}:external-licenses&include_non_booked=1`,
    );

    // Assess
    const ids = (answer: { body: { invoices?: { _id: string }[] } }) =>
      (answer.body.invoices ?? []).map((listed) => listed._id);
    expect(lines.status).toBe(200);
    expect(licences.status).toBe(200);
    expect(ids(licences)).toContain(invoice);
    expect(ids(lines)).not.toContain(invoice);
  });
});
