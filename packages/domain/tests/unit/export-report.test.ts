import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../src/export-job.ts';
import { exportReport } from '../../src/export-report.ts';
import { exportJob } from './export-job-fixture.ts';

const job = exportJob;
const created = (invoice: string, draftNumber: string): LedgerEntry => ({
  invoice,
  reference: `FK-job1-${invoice}`,
  state: 'created',
  draftNumber,
  at: '',
});

describe('exportReport', () => {
  it('tells a Danish reseller what was exported, with the draft numbers in order', () => {
    const report = exportReport(job(), [created('b', '12'), created('a', '9')], {
      name: 'Nordlys',
      language: 'da',
    });

    expect(report.subject).toBe('Faktura: 2 fakturaer eksporteret til e-conomic (2026-11)');
    expect(report.text).toContain('2 fakturaer er oprettet som kladdeordrer: 9, 12.');
  });

  it('speaks of one invoice in the singular', () => {
    const report = exportReport(job({ system: 'uniconta' }), [created('a', '7')], {
      name: 'Fyns Net',
      language: 'en',
    });

    expect(report.subject).toBe('Faktura: 1 invoice exported to Uniconta (2026-11)');
    expect(report.text).toContain('1 invoice was created as a draft order: 7.');
  });

  it('explains a failure and that the drafts were deleted again', () => {
    const failed = job({
      status: 'failed',
      failure: { reason: 'Product X was refused', invoice: 'inv9' },
      compensation: { deleted: 3, alreadyGone: 0 },
    });

    const report = exportReport(failed, [], { name: 'Fyns Net', language: 'en' });

    expect(report.subject).toBe('Faktura: the export to e-conomic (2026-11) failed');
    expect(report.text).toContain('failed: Product X was refused (invoice inv9).');
    expect(report.text).toContain('the 3 draft orders it had created were deleted again');
  });

  it('gives an English failure an HTML part: the invoices undone, what to do next, in English', () => {
    // Prepare
    const failed = job({
      status: 'failed',
      failure: { reason: 'Product <X> was refused', invoice: 'inv9' },
      compensation: { deleted: 1, alreadyGone: 0 },
    });

    // Act
    const report = exportReport(
      failed,
      [],
      { name: 'Fyns Net', language: 'en' },
      {
        shown: [
          {
            customer: 'Fjord & Co',
            invoiceNumber: '1001',
            amount: 1250,
            draftNumber: '7',
            outcome: 'deleted',
          },
        ],
        notShown: 0,
        total: 1250,
      },
    );

    // Assess
    expect(report.html).toContain('<html lang="en">');
    expect(report.html).toContain('failed: Product &lt;X&gt; was refused.');
    expect(report.html).toContain('>Fjord &amp; Co<');
    expect(report.html).toContain('>DKK 1,250.00<');
    expect(report.html).toContain('>Deleted again<');
    expect(report.html).toContain('>What to do next<');
    expect(report.html).toContain('Start the export again');
  });
});
