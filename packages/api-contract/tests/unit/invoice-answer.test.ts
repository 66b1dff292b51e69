import { describe, expect, it } from 'vitest';
import { createInvoice } from '#domain/invoice/create-invoice';
import type { InvoiceLine } from '#domain/invoice/model';
import { defaultInvoiceView } from '../../src/invoice.ts';
import { invoiceAnswer, invoiceJsonAnswer } from '../../src/invoice-answer.ts';

const line = (index: number): InvoiceLine => ({
  product: '65f000000000000000000201',
  productCode: 'NUM01',
  name: `Linje ${index}`,
  description: 'x'.repeat(200),
  units: 1,
  type: 'UNITS',
  unitCost: 1,
  unitWholesale: 2,
  unitPrice: 3,
  vatExempt: false,
  kind: 'usage',
  included: false,
  externalLicense: false,
});

const invoice = createInvoice(
  {
    reseller: '65f000000000000000000001',
    customer: '65f000000000000000000101',
    invoiceNumber: '1001',
    lines: Array.from({ length: 20 }, (_, index) => line(index)),
  },
  { id: '65f000000000000000000501', now: new Date('2026-11-15T10:00:00.000Z') },
);

describe('invoiceAnswer', () => {
  it('answers an invoice that fits whole, without a page', () => {
    // Act
    const reply = invoiceAnswer(invoice, 'RESELLER', {}, 201);

    // Assess
    expect(reply).toMatchObject({ status: 201, contentType: 'application/json; charset=utf-8' });
    expect(reply.headers).toBeUndefined();
    const document = JSON.parse((reply as { text: string }).text);
    expect(document.lines).toHaveLength(20);
    expect(document).not.toHaveProperty('linesPage');
  });

  it('answers the lines that fit and where the next page begins when the whole does not fit', () => {
    // Act
    const reply = invoiceAnswer(invoice, 'RESELLER', {}, 200, 4_000);

    // Assess
    const { linesPage, lines } = (
      reply as { json: { linesPage: { count: number; nextOffset: number }; lines: unknown[] } }
    ).json;
    expect(lines.length).toBe(linesPage.count);
    expect(linesPage).toMatchObject({ offset: 0, total: 20, nextOffset: linesPage.count });
    expect(reply.headers).toMatchObject({ 'x-lines-offset': '0', 'x-lines-total': '20' });
  });

  it('answers the page asked for, and refuses an offset past the last line', () => {
    // Act
    const last = invoiceAnswer(invoice, 'USER', { linesOffset: 18, linesLimit: 5 });
    const refusal = (() => {
      try {
        return invoiceAnswer(invoice, 'USER', { linesOffset: 21 });
      } catch (error) {
        return (error as { toBody(): unknown }).toBody();
      }
    })();

    // Assess
    expect(last.headers).toEqual({ 'x-lines-offset': '18', 'x-lines-count': '2', 'x-lines-total': '20' });
    expect(refusal).toEqual({
      status: 422,
      message: 'linesOffset',
      description: 'Lines offset is past the last line (20 lines)',
    });
  });

  it('names a CSV file by the invoice number, in the language asked for', () => {
    // Act
    const reply = invoiceAnswer(invoice, 'RESELLER', { format: 'csv', lang: 'en' });

    // Assess
    expect(reply).toMatchObject({
      status: 200,
      contentType: 'text/csv; charset=utf-8',
      filename: 'invoice-1001.csv',
    });
  });
});

describe('invoiceJsonAnswer', () => {
  it('answers POST /invoice exactly as GET /invoice/{id} answers without options, for every role', () => {
    for (const role of ['ADMIN', 'RESELLER', 'USER'] as const) {
      // Act
      const created = invoiceJsonAnswer(invoice, role, defaultInvoiceView, 201);
      const read = invoiceAnswer(invoice, role, defaultInvoiceView, 201);

      // Assess
      expect(defaultInvoiceView.format).toBe('json');
      expect(created).toEqual(read);
    }
  });

  it('pages its lines as the JSON of GET does when the whole does not fit', () => {
    // Act
    const created = invoiceJsonAnswer(invoice, 'RESELLER', defaultInvoiceView, 201, 4_000);

    // Assess
    expect(created).toEqual(invoiceAnswer(invoice, 'RESELLER', defaultInvoiceView, 201, 4_000));
    expect(created.headers).toMatchObject({ 'x-lines-offset': '0' });
  });
});
