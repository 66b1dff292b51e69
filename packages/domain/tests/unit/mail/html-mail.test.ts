import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatKroner, type MailView, renderHtmlMail } from '../../../src/mail/html-mail.ts';

const view = (overrides: Partial<MailView> = {}): MailView => ({
  language: 'da',
  heading: 'Eksport gennemført',
  greeting: 'Hej Nordlys',
  paragraphs: ['Alle fakturaer er oprettet.'],
  table: {
    headings: ['Kunde', 'Beløb'],
    rows: [['Fjordkraft', '100,00 kr.']],
    numeric: [1],
    total: ['I alt', '100,00 kr.'],
  },
  nextSteps: { heading: 'Hvad nu', steps: ['Bogfør kladderne.'] },
  footer: 'Eksport-id: e1',
  ...overrides,
});

/** The text a mail client shows for the HTML's character references. */
const shown = (html: string) =>
  html
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&#x2F;', '/')
    .replaceAll('&#x60;', '`')
    .replaceAll('&#x3D;', '=')
    .replaceAll('&amp;', '&');

describe('renderHtmlMail', () => {
  it('renders the heading, paragraphs, the table with its total right-aligned where numeric, and the steps', () => {
    // Act
    const html = renderHtmlMail(view());

    // Assess
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="da">/);
    expect(html).toContain('<h1 style="font-size:20px;margin:0 0 16px 0;">Eksport gennemført</h1>');
    expect(html).toMatch(/<td style="[^"]*text-align:right;">100,00 kr\.<\/td>/);
    expect(html).toMatch(/<td style="[^"]*text-align:left;font-weight:bold;">I alt<\/td>/);
    expect(html).toContain('<li style="margin:0 0 4px 0;">Bogfør kladderne.</li>');
    expect(html).not.toMatch(/<(link|img|script|style)\b/);
  });

  it('leaves the table out when there is none', () => {
    expect(renderHtmlMail(view({ table: undefined }))).not.toContain('<thead>');
  });

  it('escapes every value: whatever a customer is called, it is shown as typed and adds no markup (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (name, reason) => {
        const html = renderHtmlMail(
          view({
            greeting: `Hej ${name}`,
            paragraphs: [reason],
            table: { headings: ['Kunde'], rows: [[name]], numeric: [] },
          }),
        );
        const template = renderHtmlMail(
          view({
            greeting: 'Hej ',
            paragraphs: [''],
            table: { headings: ['Kunde'], rows: [['']], numeric: [] },
          }),
        );
        // The values add no tag or attribute: the markup is the template's, character for character.
        expect(html.replace(/>[^<]*</g, '><')).toBe(template.replace(/>[^<]*</g, '><'));
        expect(shown(html)).toContain(`Hej ${name}`);
        expect(shown(html)).toContain(reason);
      }),
    );
  });
});

describe('formatKroner', () => {
  it('writes an amount as a Danish and an English reader expect it', () => {
    expect(formatKroner(1234.5, 'da')).toBe('1.234,50 kr.');
    expect(formatKroner(-0.05, 'da')).toBe('-0,05 kr.');
    expect(formatKroner(1234.5, 'en')).toBe('DKK 1,234.50');
  });
});
