import { beforeAll, describe, expect, it } from 'vitest';
import {
  createInvoices,
  createScenario,
  exportIdOf,
  mailAbout,
  requestExport,
  type Scenario,
  waitForExport,
} from './support/accounting.ts';
import { tokenFor } from './support/api.ts';
import { clientFor } from './support/typed-api.ts';

/**
 * The `email` claim of the token that asks for an export is where its report goes, beside the
 * reseller's accounting contact. Nobody checks that claim before us: one that is not a single
 * address is logged and skipped, and the accounting contact is told all the same.
 */
describe('the export report’s recipients', () => {
  let scenario: Scenario;

  beforeAll(async () => {
    scenario = await createScenario('economic', 1, 'Recipients');
  });

  it.each([
    ['not an address', 'staff at reseller', '2033-01'],
    [
      'an address with a line break and a header after it',
      'staff@reseller.example\r\nBcc: spy@evil.example',
      '2033-02',
    ],
    ['a list of addresses', 'staff@reseller.example, spy@evil.example', '2033-03'],
  ])('sends the report to the accounting contact only when the claim is %s', async (_case, claim, month) => {
    // Prepare
    await createInvoices(scenario, 1, month);
    const reseller = clientFor(
      await tokenFor({ role: 'RESELLER', reseller: scenario.tenant.reseller, email: claim }),
    );

    // Act
    const answer = await requestExport(reseller, 'economic', { invoiceDate: `${month}-01` });
    const job = await waitForExport(reseller, exportIdOf(answer));
    const mail = await mailAbout(exportIdOf(answer));

    // Assess
    expect(answer.response.status).toBe(202);
    expect(job.status).toBe('succeeded');
    expect(mail).toHaveLength(1);
    expect(mail[0]!.to).toEqual([expect.stringMatching(/^books\d+@reseller\.example$/)]);
  });
});
