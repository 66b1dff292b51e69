import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  problemsShown,
  type RefusedExport,
  refusedExportReport,
} from '../../../src/monthly-close/refused-export-report.ts';
import { markupOf, shown, tableRows } from '../mail/html-reading.ts';

const refused = (overrides: Partial<RefusedExport> = {}): RefusedExport => ({
  system: 'economic',
  month: '2026-10',
  invoiceDate: '2026-11-01',
  problem: {
    key: 'multiple',
    description: '2 problem(s) must be fixed before these invoices can be exported',
    details: [
      'customer_accounting_id: Customer Nordvej 3 has no accounting system id',
      'product_not_found: Product 4711 is not in e-conomic',
    ],
  },
  ...overrides,
});

describe('refusedExportReport', () => {
  it('lists the first 200 of a month’s thousands of problems and counts the rest, in both parts', () => {
    // Prepare: 5,000 customers without an accounting id
    const details = Array.from(
      { length: 5_000 },
      (_, index) => `customer_accounting_id: Customer ${index + 1} has no accounting system id`,
    );

    // Act
    const report = refusedExportReport(
      refused({ problem: { key: 'multiple', description: '5000 problem(s)', details } }),
      { name: 'Nordlys', language: 'en' },
      'close-2026-10-x',
    );

    // Assess
    const listed = report.text.split('\n').filter((line) => line.startsWith('- customer_accounting_id'));
    expect(listed).toEqual(details.slice(0, problemsShown).map((detail) => `- ${detail}`));
    const rest =
      'And 4800 more problems; asking for the export (POST /integration/economic/invoice/draft { "invoiceDate": "2026-11-01" }) answers them all.';
    expect(report.text).toContain(rest);
    expect(tableRows(report.html)).toHaveLength(1 + problemsShown);
    expect(shown(report.html)).toContain(rest);
    expect(Buffer.byteLength(report.text) + Buffer.byteLength(report.html)).toBeLessThan(256 * 1024);
  });

  it('tells a Danish reseller every problem, that nothing went, and how to export once fixed', () => {
    // Act
    const report = refusedExportReport(refused(), { name: 'Nordlys', language: 'da' }, 'close-2026-10-x');

    // Assess
    expect(report.subject).toBe('Faktura: den automatiske eksport til e-conomic (2026-10) blev ikke startet');
    expect(report.text.split('\n')).toEqual([
      'Hej Nordlys',
      '',
      'Månedsafslutningen for 2026-10 har dannet periodefakturaerne (fakturadato 2026-11-01), men den automatiske eksport til e-conomic blev ikke startet, så intet er eksporteret.',
      '',
      'Problem, som eksportens kontrol fandt det:',
      '- customer_accounting_id: Customer Nordvej 3 has no accounting system id',
      '- product_not_found: Product 4711 is not in e-conomic',
      '',
      'Hvad nu:',
      '1. Ret problemerne ovenfor.',
      '2. Eksportér derefter fakturaerne med fakturadato 2026-11-01 (POST /integration/economic/invoice/draft { "invoiceDate": "2026-11-01" }).',
      '',
      'Kørsel: close-2026-10-x',
    ]);
    expect(report.html).toContain('<html lang="da">');
    expect(tableRows(report.html)).toEqual([
      ['Problem, som eksportens kontrol fandt det'],
      ['customer_accounting_id: Customer Nordvej 3 has no accounting system id'],
      ['product_not_found: Product 4711 is not in e-conomic'],
    ]);
    expect(shown(report.html)).toContain(
      '<li style="margin:0 0 4px 0;">Eksportér derefter fakturaerne med fakturadato 2026-11-01 (POST /integration/economic/invoice/draft { "invoiceDate": "2026-11-01" }).</li>',
    );
  });

  it('speaks English to an English reseller, and names a single problem by its key', () => {
    // Act
    const report = refusedExportReport(
      refused({
        system: 'uniconta',
        problem: {
          key: 'uniconta',
          description: 'The Uniconta integration is not valid: the credentials were refused',
        },
      }),
      { name: 'Fyns Net', language: 'en' },
      'close-2026-10-y',
    );

    // Assess
    expect(report.subject).toBe('Faktura: the automatic export to Uniconta (2026-10) was not started');
    expect(report.text).toContain(
      '- uniconta: The Uniconta integration is not valid: the credentials were refused\n',
    );
    expect(report.text).toContain(
      'export the invoices dated 2026-11-01 (POST /integration/uniconta/invoice/draft',
    );
    expect(report.text.endsWith('Run: close-2026-10-y')).toBe(true);
    expect(report.html).toContain('<html lang="en">');
    expect(tableRows(report.html)).toEqual([
      ['Problem, as the export’s checks found it'],
      ['uniconta: The Uniconta integration is not valid: the credentials were refused'],
    ]);
    expect(report.html).toContain('>What to do next</h2>');
  });

  it('escapes whatever a reseller’s name or a problem holds, in either language (property)', () => {
    const hostile = fc.oneof(
      fc.string({ minLength: 1 }),
      fc.constantFrom('<img src=x onerror=alert(1)>', 'Fjord & Co "A/S"', '</li></ol><a href="x">'),
    );
    fc.assert(
      fc.property(
        fc.constantFrom('da' as const, 'en' as const),
        hostile,
        fc.array(hostile, { minLength: 1, maxLength: 3 }),
        (language, name, details) => {
          // Act
          const report = refusedExportReport(
            refused({ problem: { key: 'multiple', description: '', details } }),
            { name, language },
            'run-1',
          );
          const plain = refusedExportReport(
            refused({ problem: { key: 'multiple', description: '', details: details.map(() => 'p') } }),
            { name: 'Nordlys', language },
            'run-1',
          );

          // Assess
          expect(markupOf(report.html)).toBe(markupOf(plain.html));
          for (const value of [name, ...details]) {
            expect(shown(report.html)).toContain(value);
            expect(report.text).toContain(value);
          }
        },
      ),
    );
  });
});
