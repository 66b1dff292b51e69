import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../src/export-job.ts';
import { exportReport, type ReportedInvoice, type ReportedInvoices } from '../../src/export-report.ts';
import { PENDING_INVOICE_NUMBER } from '../../src/invoice/model.ts';
import { exportJob } from './export-job-fixture.ts';
import { markupOf, shown, tableRows } from './mail/html-reading.ts';

const job = exportJob;
const created = (invoice: string, draftNumber: string): LedgerEntry => ({
  invoice,
  reference: `FK-job1-${invoice}`,
  state: 'created',
  draftNumber,
  at: '',
});
const invoice = (overrides: Partial<ReportedInvoice> = {}): ReportedInvoice => ({
  customer: 'Fjord & Co',
  invoiceNumber: '1001',
  amount: 1250,
  draftNumber: '9',
  outcome: 'created',
  ...overrides,
});
const reported = (shown: readonly ReportedInvoice[], notShown = 0): ReportedInvoices => ({
  shown,
  notShown,
  total: shown.reduce((sum, { amount }) => sum + amount, 0),
});
const failedJob = (reason = 'Product X was refused') =>
  job({
    status: 'failed',
    failure: { reason, invoice: 'inv9' },
    compensation: { deleted: 1, alreadyGone: 0 },
  });

describe('exportReport', () => {
  it('tells a Danish reseller what was exported: the drafts, each invoice with its draft, the total, what to do next', () => {
    // Prepare
    const invoices = reported([
      invoice(),
      invoice({ customer: 'Nordvej', invoiceNumber: PENDING_INVOICE_NUMBER, amount: 0.5, draftNumber: '12' }),
    ]);

    // Act
    const report = exportReport(
      job(),
      [created('b', '12'), created('a', '9')],
      { name: 'Nordlys', language: 'da' },
      invoices,
    );

    // Assess
    expect(report.subject).toBe('Faktura: 2 fakturaer eksporteret til e-conomic (2026-11)');
    expect(report.text.split('\n')).toEqual([
      'Hej Nordlys',
      '',
      'Eksporten af fakturaerne for 2026-11 til e-conomic er gennemført.',
      '2 fakturaer er oprettet som kladdeordrer: 9, 12.',
      '',
      'Kunde | Faktura | Beløb inkl. moms | Kladdeordre | Udfald:',
      '- Fjord & Co | 1001 | 1.250,00 kr. | 9 | Oprettet',
      '- Nordvej | afventer bogføring | 0,50 kr. | 12 | Oprettet',
      'I alt: 1.250,50 kr.',
      '',
      'Hvad nu:',
      '1. Gennemse kladdeordrerne i e-conomic, og bogfør dem, når de er rigtige.',
      '2. Fakturanumre, sendt og betalt kommer tilbage til Faktura ved næste bogføringssynkronisering.',
      '',
      'Eksport-id: job1',
    ]);
    expect(report.html).toContain('<html lang="da">');
    expect(report.html).toContain('>2 fakturaer eksporteret til e-conomic (2026-11)</h1>');
    expect(tableRows(report.html)).toEqual([
      ['Kunde', 'Faktura', 'Beløb inkl. moms', 'Kladdeordre', 'Udfald'],
      ['Fjord &amp; Co', '1001', '1.250,00 kr.', '9', 'Oprettet'],
      ['Nordvej', 'afventer bogføring', '0,50 kr.', '12', 'Oprettet'],
      ['I alt', '', '1.250,50 kr.', '', ''],
    ]);
    expect(report.html).toContain('>Hvad nu</h2>');
  });

  it('speaks English to an English reseller, of one invoice in the singular, with English amounts', () => {
    // Act
    const report = exportReport(
      job({ system: 'uniconta' }),
      [created('a', '7')],
      { name: 'Fyns Net', language: 'en' },
      reported([invoice({ amount: 1234.5, draftNumber: '7' })]),
    );

    // Assess
    expect(report.subject).toBe('Faktura: 1 invoice exported to Uniconta (2026-11)');
    expect(report.text).toMatch(/^Hello Fyns Net\n/);
    expect(report.text).toContain('1 invoice was created as a draft order: 7.');
    expect(report.text).toContain('- Fjord & Co | 1001 | DKK 1,234.50 | 7 | Created\nTotal: DKK 1,234.50');
    expect(report.text).toContain('1. Review the draft orders in Uniconta');
    expect(report.html).toContain('<html lang="en">');
    expect(tableRows(report.html).slice(1)).toEqual([
      ['Fjord &amp; Co', '1001', 'DKK 1,234.50', '7', 'Created'],
      ['Total', '', 'DKK 1,234.50', '', ''],
    ]);
  });

  it('explains an English failure: why, that the drafts were deleted again, the invoices undone, what to do next', () => {
    // Act
    const report = exportReport(
      failedJob('Product <X> was refused'),
      [],
      { name: 'Fyns Net', language: 'en' },
      reported([
        invoice({ outcome: 'deleted' }),
        invoice({ invoiceNumber: '1002', draftNumber: undefined, outcome: 'not-exported' }),
      ]),
    );

    // Assess
    expect(report.subject).toBe('Faktura: the export to e-conomic (2026-11) failed');
    expect(report.text).toContain('failed: Product <X> was refused (invoice inv9).');
    expect(report.text).toContain('the 1 draft orders it had created were deleted again');
    expect(report.text).toContain('- Fjord & Co | 1002 | DKK 1,250.00 | – | Not exported');
    expect(report.text).toContain(
      'What to do next:\n1. Correct the problem named above.\n2. Start the export again',
    );
    expect(report.html).toContain('failed: Product &lt;X&gt; was refused (invoice inv9).');
    expect(tableRows(report.html).slice(1, -1)).toEqual([
      ['Fjord &amp; Co', '1001', 'DKK 1,250.00', '9', 'Deleted again'],
      ['Fjord &amp; Co', '1002', 'DKK 1,250.00', '', 'Not exported'],
    ]);
    expect(report.html).toContain('>What to do next</h2>');
  });

  it('explains a Danish failure in Danish', () => {
    // Act
    const report = exportReport(
      failedJob(),
      [],
      { name: 'Nordlys', language: 'da' },
      reported([invoice({ outcome: 'deleted' })]),
    );

    // Assess
    expect(report.subject).toBe('Faktura: eksporten til e-conomic (2026-11) mislykkedes');
    expect(report.text).toContain('mislykkedes: Product X was refused (faktura inv9).');
    expect(report.text).toContain('de 1 kladdeordrer, eksporten nåede at oprette, slettet igen');
    expect(report.text).toContain('Hvad nu:\n1. Ret fejlen, der er nævnt ovenfor.');
    expect(tableRows(report.html)[1]).toEqual([
      'Fjord &amp; Co',
      '1001',
      '1.250,00 kr.',
      '9',
      'Slettet igen',
    ]);
  });

  it('says how many invoices a long export leaves out of the table, and where the whole list is', () => {
    // Act
    const report = exportReport(job(), [], { name: 'Nordlys', language: 'da' }, reported([invoice()], 5));

    // Assess
    expect(report.text).toContain('Og 5 fakturaer mere; hele listen: GET /integration/exports/job1.');
    expect(shown(report.html)).toContain('Og 5 fakturaer mere; hele listen: GET /integration/exports/job1.');
  });

  it('shows no table for an export without invoices to show', () => {
    // Act
    const report = exportReport(job(), [], { name: 'Nordlys', language: 'da' });

    // Assess
    expect(report.text).toContain('0 fakturaer er oprettet som kladdeordrer.');
    expect(report.text).not.toContain('Kunde |');
    expect(tableRows(report.html)).toEqual([]);
  });

  it('escapes whatever a reseller, customer, invoice number, draft or reason holds, in either language (property)', () => {
    const hostile = fc.oneof(
      fc.string({ minLength: 1 }),
      fc.constantFrom('<script>alert(1)</script>', 'A & B "quoted" \'single\'', '</td></tr><tr><td>', '<!--'),
    );
    const reportOf = (
      language: 'da' | 'en',
      status: 'succeeded' | 'failed',
      [name, customer, invoiceNumber, draftNumber, reason]: readonly string[],
    ) =>
      exportReport(
        status === 'succeeded' ? job() : failedJob(reason),
        [created('a', draftNumber!)],
        { name: name!, language },
        reported([invoice({ customer, invoiceNumber, draftNumber })]),
      );
    fc.assert(
      fc.property(
        fc.constantFrom('da' as const, 'en' as const),
        fc.constantFrom('succeeded' as const, 'failed' as const),
        fc.array(hostile, { minLength: 5, maxLength: 5 }),
        (language, status, values) => {
          // Act
          const report = reportOf(language, status, values);
          const plain = reportOf(language, status, ['Nordlys', 'Kunde', '1001', '7', 'refused']);

          // Assess: the same markup as with plain values, and each value shown as typed
          expect(markupOf(report.html)).toBe(markupOf(plain.html));
          const [name, customer, invoiceNumber, draftNumber, reason] = values;
          for (const value of [name, customer, invoiceNumber, draftNumber]) {
            expect(shown(report.html)).toContain(value);
            expect(report.text).toContain(value);
          }
          if (status === 'failed') expect(shown(report.html)).toContain(reason);
        },
      ),
    );
  });
});
