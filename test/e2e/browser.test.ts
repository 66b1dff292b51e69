import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  createInvoices,
  createScenario,
  exportIdOf,
  mailAbout,
  requestExport,
  resellerToken,
  waitForExport,
} from './support/accounting.ts';
import { apiUrl } from './support/api.ts';
import { chromiumPath, launchChromium, screenshot } from './support/browser.ts';
import { createTenant } from './support/fixtures.ts';

/**
 * What a person sees, in a real browser: the API reference at /docs calling this API with a pasted
 * token, and an export's e-mail in the local mail viewer, its HTML part as a mail client shows it.
 * Screenshots are kept under test-output/browser/.
 */
describe('in a browser', () => {
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(chromiumPath))
      throw new Error(
        `No Chromium at ${chromiumPath}: .ci/run installs Debian's chromium (or set CHROMIUM_PATH)`,
      );
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('the reference at /docs calls GET /reseller/{id} with a pasted token and shows the answer', async () => {
    // Prepare
    const tenant = await createTenant('Browser reference');
    const token = await resellerToken(tenant.reseller);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });

    // Act: open the page, paste the token, try the route
    await page.goto(`${apiUrl()}/docs`);
    await page
      .getByRole('heading', { name: /Faktura/ })
      .first()
      .waitFor();
    await page.locator('button.authorize').first().click();
    await page.locator('.auth-container input').first().fill(token);
    await page.locator('.auth-btn-wrapper button.authorize').click();
    await page.locator('button.btn-done').click();
    const operation = page.locator('.opblock-get', {
      has: page.locator('.opblock-summary-path[data-path="/reseller/{id}"]'),
    });
    await operation.locator('.opblock-summary').click();
    await operation.locator('button.try-out__btn').click();
    await operation.locator('input[placeholder="id"]').fill(tenant.reseller);
    await operation.locator('button.execute').click();
    const status = operation.locator('.live-responses-table .response .response-col_status').first();
    await status.waitFor();

    // Assess
    expect((await status.textContent())?.trim()).toBe('200');
    expect(await operation.locator('.live-responses-table .microlight').first().textContent()).toContain(
      tenant.reseller,
    );
    await screenshot(page, 'docs-try-it');
    await page.close();
  });

  it('the mail viewer shows an export’s e-mail, and its HTML part the table of invoices with their drafts', async () => {
    // Prepare: a small export, and its e-mail
    const scenario = await createScenario('economic', 2, 'Browser mail');
    await createInvoices(scenario, 3, '2037-02');
    const answer = await requestExport(scenario.tenant.resellerClient, 'economic', {
      invoiceDate: '2037-02-01',
    });
    const job = await waitForExport(scenario.tenant.resellerClient, exportIdOf(answer));
    expect(job.status).toBe('succeeded');
    const [mail] = await mailAbout(job.exportId);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });

    // Act: the viewer lists it; its HTML view renders the part
    await page.goto(`http://127.0.0.1:${inject('ports').SES_PORT}/`);
    const shown = page.locator('.email-inner', { hasText: mail!.subject }).first();
    await shown.getByRole('button', { name: 'Toggle HTML view' }).click();
    const part = shown.frameLocator('iframe');
    await part.locator('table').last().waitFor();
    await screenshot(page, 'mail-viewer');
    const inMailClient = await browser.newPage({ viewport: { width: 900, height: 700 } });
    await inMailClient.setContent(mail!.html);
    await screenshot(inMailClient, 'export-mail-html');

    // Assess: a row per invoice with its draft, and the total
    const drafts = job.invoices.map((entry) => entry.draftNumber).sort();
    const draftCells = await part.locator('tbody tr td:nth-child(4)').allTextContents();
    expect(draftCells.filter(Boolean).sort()).toEqual(drafts);
    expect(await part.locator('tbody tr').last().textContent()).toContain('I alt');
    await page.close();
    await inMailClient.close();
  });
});
