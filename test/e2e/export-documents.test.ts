import { beforeAll, describe, expect, it } from 'vitest';
import type { FakturaClient } from '#client/client';
import {
  createScenario,
  draftsOf,
  exportIdOf,
  requestExport,
  type Scenario,
  type System,
  waitForExport,
} from './support/accounting.ts';
import { tokenFor } from './support/api.ts';
import { clientFor } from './support/typed-api.ts';

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
  let reseller: FakturaClient;

  beforeAll(async () => {
    scenario = await createScenario(system, 2, `Documents ${system}`);
    reseller = clientFor(await tokenFor({ role: 'RESELLER', reseller: scenario.tenant.reseller }));
  });

  /** Invoices of the month that each have a normal line and an external-licence line. */
  const invoicesWithBothDocuments = async (month: string, count: number) => {
    const [subscription, , licence] = scenario.products;
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const created = await scenario.tenant.resellerClient.POST('/invoice', {
        body: {
          customer: scenario.customers[i % scenario.customers.length]!.id,
          invoiceDate: `${month}-01`,
          lines: [
            { product: subscription!.id, units: 1 },
            { product: licence!.id, units: 2 + i },
          ],
        },
      });
      ids.push(created.data!._id);
    }
    return ids.sort();
  };

  const exportOf = async (month: string, externalLicenses: boolean) => {
    const answer = await requestExport(reseller, system, { invoiceDate: `${month}-01`, externalLicenses });
    if (answer.response.status !== 202) return { answer, drafts: [] };
    const job = await waitForExport(reseller, exportIdOf(answer));
    expect(job.status).toBe('succeeded');
    return { answer, drafts: await draftsOf(system, exportIdOf(answer)) };
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
    const againFirst = await requestExport(reseller, system, {
      invoiceDate: `${month}-01`,
      externalLicenses: licencesGoFirst,
    });
    const againSecond = await requestExport(reseller, system, {
      invoiceDate: `${month}-01`,
      externalLicenses: !licencesGoFirst,
    });

    // Assess: each export took every invoice, with the lines of its own document only
    for (const { answer } of [first, second])
      expect([answer.response.status, answer.data]).toEqual([
        202,
        expect.objectContaining({ total: 3, exported: 3 }),
      ]);
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
    for (const again of [againFirst, againSecond])
      expect([again.response.status, again.data]).toEqual([200, { success: true, total: 0, exported: 0 }]);

    // Assess: the timeline tells the two apart
    const timeline = await reseller.GET('/invoice/{id}/timeline', { params: { path: { id: invoices[0]! } } });
    const events = timeline.data!.timeline.map((entry) => entry.event);
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
    const pending = (systemId: string) =>
      reseller.GET('/invoices/export', {
        params: { query: { system_id: systemId, include_non_booked: '1' } },
      });
    const lines = await pending(system);
    const licences = await pending(`${system}:external-licenses`);

    // Assess
    const ids = (answer: Awaited<ReturnType<typeof pending>>) =>
      (answer.data?.invoices ?? []).map((listed) => listed._id);
    expect(lines.response.status).toBe(200);
    expect(licences.response.status).toBe(200);
    expect(ids(licences)).toContain(invoice);
    expect(ids(lines)).not.toContain(invoice);
  });
});
