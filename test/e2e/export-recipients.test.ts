import { beforeAll, describe, expect, it } from 'vitest';
import {
  createInvoices,
  createScenario,
  mailAbout,
  type Scenario,
  waitForExport,
} from './support/accounting.ts';
import { as, tokenFor } from './support/api.ts';

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
    const reseller = as(
      await tokenFor({ role: 'RESELLER', reseller: scenario.tenant.reseller, email: claim }),
    );

    // Act
    const answer = await reseller.post('/integration/economic/invoice/draft', { invoiceDate: `${month}-01` });
    const job = await waitForExport(reseller, answer.body.exportId);
    const mail = await mailAbout(answer.body.exportId);

    // Assess
    expect(answer.status).toBe(202);
    expect(job.status).toBe('succeeded');
    expect(mail).toHaveLength(1);
    expect(mail[0]!.to).toEqual([expect.stringMatching(/^books\d+@reseller\.example$/)]);
  });
});
