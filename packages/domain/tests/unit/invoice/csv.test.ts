import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createInvoice } from '../../../src/invoice/create-invoice.ts';
import { invoiceCsv, invoiceCsvColumns, invoiceCsvParts } from '../../../src/invoice/csv.ts';
import { documentLanguage } from '../../../src/invoice/language.ts';
import type { InvoiceLine } from '../../../src/invoice/model.ts';
import { invoiceView } from '../../../src/invoice/view.ts';
import { unitTypes } from '../../../src/product.ts';
import { readCsv } from './csv-reader.ts';
import { invoice as anyInvoice, line, seed003Invoice, viewOptions } from './fixtures.ts';

const invoiceOf = (lines: InvoiceLine[]) =>
  createInvoice(
    { reseller: 'aaaaaaaaaaaaaaaaaaaaaaaa', customer: 'bbbbbbbbbbbbbbbbbbbbbbbb', lines },
    { id: 'cccccccccccccccccccccccc', now: new Date('2024-03-01T00:00:00Z') },
  );

describe('invoiceCsv', () => {
  it('renders docs/seeds/003-get-invoice.txt for a RESELLER in Danish, byte for byte', () => {
    // Act
    const csv = invoiceCsv(seed003Invoice(), 'RESELLER');

    // Assess
    expect(csv).toBe(
      [
        '\uFEFFVarenummer;Navn;Beskrivelse;Antal;Enhed;Forhandlerpris;Forhandlerbeløb;Enhedspris;Beløb;Momsfri;Fra;Til',
        'NUM01;Nummerleje;1 numre - Periode: 01-11-2014 - 31-03-2015;5;mdr.;20,00;100,00;25,00;125,00;Nej;;',
        'FORBRUG1;Samtaler;SIP konto: Hovedkonto - kald: 544 - tid: 25:34:05 - periode: 01-12-2014 - 31-12-2014;1;stk.;398,18;398,18;792,22;792,22;Nej;;',
        'FORBRUG1;Samtaler;SIP konto: Fax - kald: 15 - tid: 00:11:47 - periode: 01-12-2014 - 31-12-2014;1;stk.;1,63;1,63;3,54;3,54;Nej;;',
        ';Subtotal;;;;;499,81;;920,76;;;',
        ';Moms;;;;;124,95;;230,19;;;',
        ';Total;;;;;624,76;;1150,95;;;',
        '',
      ].join('\r\n'),
    );
  });

  it('renders English with a comma, a decimal point and ISO dates, and a USER sees prices only', () => {
    // Prepare
    const invoice = invoiceOf([
      line({
        productCode: 'IN4010',
        name: 'Internet',
        units: 1.5,
        type: 'HOURS',
        unitPrice: 1234.5,
        from: '2024-02-01',
        to: '2024-02-29',
      }),
    ]);

    // Act
    const rows = readCsv(invoiceCsv(invoice, 'USER', { lang: 'en' }), ',');

    // Assess
    expect(rows).toEqual([
      [
        'Product code',
        'Name',
        'Description',
        'Units',
        'Unit',
        'Unit price',
        'Amount',
        'VAT exempt',
        'From',
        'To',
      ],
      ['IN4010', 'Internet', '', '1.5', 'hours', '1234.50', '1851.75', 'No', '2024-02-01', '2024-02-29'],
      ['', 'Subtotal', '', '', '', '', '1851.75', '', '', ''],
      ['', 'VAT', '', '', '', '', '462.94', '', '', ''],
      ['', 'Total', '', '', '', '', '2314.69', '', '', ''],
    ]);
  });

  it('writes Danish dates as dd-mm-yyyy and keeps every decimal of a unit price', () => {
    // Prepare
    const invoice = invoiceOf([
      line({ units: -0.25, unitPrice: 0.1234, vatExempt: true, from: '2024-02-01', to: '2024-02-29' }),
    ]);

    // Act
    const [, row] = readCsv(invoiceCsv(invoice, 'USER'), ';');

    // Assess
    expect(row?.slice(3)).toEqual(['-0,25', 'stk.', '0,1234', '-0,03', 'Ja', '01-02-2024', '29-02-2024']);
  });

  it('gives an ADMIN the cost columns and totals too', () => {
    // Act
    const rows = readCsv(invoiceCsv(seed003Invoice(), 'ADMIN'), ';');

    // Assess
    expect(rows[0]).toEqual([
      'Varenummer',
      'Navn',
      'Beskrivelse',
      'Antal',
      'Enhed',
      'Kostpris',
      'Kostbeløb',
      'Forhandlerpris',
      'Forhandlerbeløb',
      'Enhedspris',
      'Beløb',
      'Momsfri',
      'Fra',
      'Til',
    ]);
    expect(rows[1]?.slice(5, 7)).toEqual(['12,50', '62,50']);
    expect(rows.at(-3)?.slice(5, 7)).toEqual(['', '364,77']);
    expect(rows.at(-2)?.slice(5, 7)).toEqual(['', '91,19']);
  });

  it.each([
    ['da', ['min.', 'MB', 'stk.', 'timer', 'km', 'mdr.']],
    ['en', ['min', 'MB', 'units', 'hours', 'km', 'months']],
  ] as const)('names the unit types in %s', (lang, names) => {
    // Prepare
    const invoice = invoiceOf(unitTypes.map((type) => line({ type })));

    // Act
    const rows = readCsv(invoiceCsv(invoice, 'USER', { lang }), lang === 'da' ? ';' : ',');

    // Assess
    expect(rows.slice(1, 1 + unitTypes.length).map((row) => row[4])).toEqual(names);
  });

  it('quotes separators, quotes and line breaks so that they read back as they were', () => {
    // Prepare
    const description = 'Linje 1; "citat", mere\nLinje 2\r\nLinje 3\r';
    const invoice = invoiceOf([
      line({ description, name: 'Navn; med "alt"' }),
      line({ description: 'Kun et linjeskift\nher' }),
    ]);

    // Act
    const csv = invoiceCsv(invoice, 'USER');
    const rows = readCsv(csv, ';');

    // Assess
    expect(rows[1]?.slice(1, 3)).toEqual(['Navn; med "alt"', description]);
    expect(rows[2]?.[2]).toBe('Kun et linjeskift\nher');
    expect(rows).toHaveLength(6);
  });

  it('keeps a spreadsheet from running a description as a formula, but not a negative number', () => {
    // Prepare
    const invoice = invoiceOf([
      line({
        productCode: '@SUM',
        name: '+1',
        description: '=HYPERLINK("http://x")',
        units: -2,
        unitPrice: 2.5,
      }),
    ]);

    // Act
    const [, row] = readCsv(invoiceCsv(invoice, 'USER'), ';');

    // Assess
    expect(row?.slice(0, 3)).toEqual(["'@SUM", "'+1", '\'=HYPERLINK("http://x")']);
    expect(row?.slice(3, 7)).toEqual(['-2', 'stk.', '2,50', '-5,00']);
  });

  it('shows a grouped line’s amount as the sum of its members’, so the column adds up', () => {
    // Prepare
    const invoice = invoiceOf([
      line({ unitPrice: 0.333 }),
      line({ unitPrice: 0.333 }),
      line({ unitPrice: 0.333 }),
    ]);

    // Act
    const rows = readCsv(invoiceCsv(invoice, 'USER', { groupInvoiceLines: true }), ';');

    // Assess
    expect(rows.slice(1).map((row) => [row[1], row[3], row[5], row[6]])).toEqual([
      ['Nummerleje', '3', '0,333', '0,99'],
      ['Subtotal', '', '', '0,99'],
      ['Moms', '', '', '0,25'],
      ['Total', '', '', '1,24'],
    ]);
  });

  it('has every line of the view once, in order, then the three totals rows', () => {
    fc.assert(
      fc.property(
        anyInvoice,
        viewOptions,
        fc.constantFrom('da', 'en'),
        fc.constantFrom('ADMIN', 'RESELLER', 'USER'),
        (invoice, options, lang, role) => {
          // Prepare
          const language = documentLanguage(lang);
          const view = invoiceView(invoice, options);
          const columns = invoiceCsvColumns(role);

          // Act
          const rows = readCsv(invoiceCsv(invoice, role, { ...options, lang }), language.csvDelimiter);

          // Assess: rectangular, the lines' units in order, the totals' labels last
          expect(rows).toHaveLength(1 + view.lines.length + 3);
          for (const row of rows) expect(row).toHaveLength(columns.length);
          const units = columns.indexOf('units');
          expect(rows.slice(1, -3).map((row) => row[units])).toEqual(
            view.lines.map((entry) => {
              const text = String(entry.units);
              return lang === 'da' ? text.replace('.', ',') : text;
            }),
          );
          expect(rows.slice(-3).map((row) => row[1])).toEqual([
            language.totals.subTotal,
            language.totals.vat,
            language.totals.total,
          ]);
        },
      ),
    );
  });

  it('writes Danish amounts with a decimal comma and two decimals, and no decimal point anywhere', () => {
    fc.assert(
      fc.property(anyInvoice, viewOptions, (invoice, options) => {
        // Prepare
        const columns = invoiceCsvColumns('ADMIN');
        const amountColumns = ['amountCost', 'amountWholesale', 'amount'].map((column) =>
          columns.indexOf(column as never),
        );
        const numberColumns = ['units', 'unitCost', 'unitWholesale', 'unitPrice'].map((column) =>
          columns.indexOf(column as never),
        );

        // Act
        const rows = readCsv(invoiceCsv(invoice, 'ADMIN', options), ';').slice(1);

        // Assess
        for (const row of rows) {
          for (const index of amountColumns) expect(row[index]).toMatch(/^-?\d+,\d{2}$/);
        }
        for (const row of rows.slice(0, -3)) {
          for (const index of numberColumns) expect(row[index]).toMatch(/^-?\d+(,\d+)?$/);
        }
      }),
    );
  });

  it('reads every description back as it was', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'ø', ';', ',', '"', '\n', '\r', ' ', "'"), maxLength: 20 }),
        fc.constantFrom('da', 'en'),
        (description, lang) => {
          // Prepare
          const invoice = invoiceOf([line({ description })]);

          // Act
          const rows = readCsv(invoiceCsv(invoice, 'USER', { lang }), documentLanguage(lang).csvDelimiter);

          // Assess
          expect(rows[1]?.[2]).toBe(description.startsWith('\r') ? `'${description}` : description);
        },
      ),
    );
  });

  it('starts with a UTF-8 byte-order mark in both languages, for Excel', () => {
    expect(invoiceCsv(seed003Invoice(), 'USER', { lang: 'da' }).startsWith('\uFEFFVarenummer;')).toBe(true);
    expect(invoiceCsv(seed003Invoice(), 'USER', { lang: 'en' }).startsWith('\uFEFFProduct code,')).toBe(true);
  });

  it('splits into one record per line, whatever a description holds, and the parts make the file', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.string({ unit: fc.constantFrom('a', 'ø', ';', ',', '"', '\n', '\r', ' ', "'"), maxLength: 12 }),
          { minLength: 1, maxLength: 6 },
        ),
        fc.constantFrom('da', 'en'),
        (descriptions, lang) => {
          // Prepare
          const invoice = invoiceOf(descriptions.map((description) => line({ description })));

          // Act
          const parts = invoiceCsvParts(invoice, 'USER', { lang });
          const records = parts.lines(0, parts.lineCount);

          // Assess
          expect(records).toHaveLength(descriptions.length);
          records.forEach((record, index) => {
            expect(record.endsWith('\r\n')).toBe(true);
            expect(readCsv(record, documentLanguage(lang).csvDelimiter)[0]?.[2]).toBe(
              descriptions[index]!.startsWith('\r') ? `'${descriptions[index]}` : descriptions[index],
            );
          });
          expect(parts.head + records.join('') + parts.totals).toBe(invoiceCsv(invoice, 'USER', { lang }));
          expect(parts.lines(1, 3)).toEqual(records.slice(1, 3));
        },
      ),
    );
  });
});
