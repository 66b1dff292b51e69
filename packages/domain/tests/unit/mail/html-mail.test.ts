import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderHtmlMail } from '../../../src/mail/html-mail.ts';
import { mailContent } from './content-fixture.ts';
import { markupOf, shown, tableRows } from './html-reading.ts';

describe('renderHtmlMail', () => {
  it('renders the title, paragraphs, the table with its total right-aligned where numeric, and the steps', () => {
    // Act
    const html = renderHtmlMail(mailContent());

    // Assess
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="da">/);
    expect(html).toContain('<title>Eksport gennemført</title>');
    expect(html).toContain('<h1 style="font-size:20px;margin:0 0 16px 0;">Eksport gennemført</h1>');
    expect(html).toMatch(/<td style="[^"]*text-align:right;">100,00 kr\.<\/td>/);
    expect(html).toMatch(/<td style="[^"]*text-align:left;font-weight:bold;">I alt<\/td>/);
    expect(html).toContain('<li style="margin:0 0 4px 0;">Bogfør kladderne.</li>');
    expect(tableRows(html)).toEqual([
      ['Kunde', 'Beløb'],
      ['Fjordkraft', '100,00 kr.'],
      ['I alt', '100,00 kr.'],
    ]);
  });

  it('puts the total under the column it adds up, the other cells of its row empty', () => {
    // Prepare
    const content = mailContent({
      table: {
        headings: ['Kunde', 'Faktura', 'Beløb', 'Kladde'],
        rows: [['A', '1', '5,00 kr.', '7']],
        numeric: [2],
        total: { label: 'I alt', value: '5,00 kr.', column: 2 },
      },
    });

    // Act
    const rows = tableRows(renderHtmlMail(content));

    // Assess
    expect(rows.at(-1)).toEqual(['I alt', '', '5,00 kr.', '']);
  });

  it('is a mail client’s HTML: no stylesheet, script, image or anything else fetched', () => {
    // Act
    const html = renderHtmlMail(mailContent({ table: { ...mailContent().table!, note: 'Og 5 mere.' } }));

    // Assess
    expect(html).not.toMatch(/<(link|img|script|style|iframe|object)\b/);
    expect(html).not.toMatch(/\b(src|href|class)=/);
  });

  it('leaves out the table, its total and the steps when there are none', () => {
    // Act
    const bare = renderHtmlMail(mailContent({ table: undefined, nextSteps: undefined }));
    const noTotal = renderHtmlMail(mailContent({ table: { ...mailContent().table!, total: undefined } }));

    // Assess
    expect(bare).not.toContain('<table cellpadding');
    expect(bare).not.toContain('<ol');
    expect(tableRows(noTotal)).toEqual([
      ['Kunde', 'Beløb'],
      ['Fjordkraft', '100,00 kr.'],
    ]);
  });

  it('escapes every value: whatever a customer, reason or step says, it is shown as typed and adds no markup (property)', () => {
    const blank = renderHtmlMail(
      mailContent({
        title: '',
        greeting: '',
        paragraphs: [''],
        table: {
          headings: ['', ''],
          rows: [['', '']],
          numeric: [1],
          total: { label: '', value: '', column: 1 },
          // A table's note is said when there is one: this e-mail has one, like those below.
          note: ' ',
        },
        nextSteps: { heading: '', steps: [''] },
        footer: '',
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1 }), { minLength: 12, maxLength: 12 }), (values) => {
        // Prepare
        const [
          title,
          greeting,
          paragraph,
          heading,
          cell,
          amount,
          label,
          total,
          note,
          stepsHeading,
          step,
          footer,
        ] = values as [
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
        ];

        // Act
        const html = renderHtmlMail(
          mailContent({
            title,
            greeting,
            paragraphs: [paragraph],
            table: {
              headings: [heading, heading],
              rows: [[cell, amount]],
              numeric: [1],
              total: { label, value: total, column: 1 },
              note,
            },
            nextSteps: { heading: stepsHeading, steps: [step] },
            footer,
          }),
        );

        // Assess: the markup is the template's, character for character; each value is there as typed
        expect(markupOf(html)).toBe(markupOf(blank));
        for (const value of values) expect(shown(html)).toContain(value);
      }),
    );
  });

  it('escapes the characters that could end a text or an attribute', () => {
    // Act
    const html = renderHtmlMail(mailContent({ greeting: `Hej <script>alert("x")</script> & 'Co' \`=\`` }));

    // Assess
    expect(html).toContain(
      'Hej &lt;script&gt;alert(&quot;x&quot;)&lt;&#x2F;script&gt; &amp; &#39;Co&#39; &#x60;&#x3D;&#x60;',
    );
    expect(html).not.toContain('<script');
  });
});
