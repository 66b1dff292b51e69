import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MailContent } from '../../../src/mail/mail-content.ts';
import { renderMail } from '../../../src/mail/render-mail.ts';
import { shown } from './html-reading.ts';

/** Any text a value can hold, one line (the text part lays lines out itself), never empty. */
const value = fc.string({ minLength: 1, maxLength: 30 }).filter((text) => !/[\r\n]/.test(text));

const content: fc.Arbitrary<MailContent> = fc
  .record({
    language: fc.constantFrom('da' as const, 'en' as const),
    title: value,
    greeting: value,
    paragraphs: fc.array(value, { minLength: 1, maxLength: 3 }),
    headings: fc.array(value, { minLength: 2, maxLength: 5 }),
    cells: fc.array(fc.array(value, { minLength: 5, maxLength: 5 }), { maxLength: 4 }),
    total: value,
    steps: fc.array(value, { minLength: 1, maxLength: 3 }),
    footer: value,
  })
  .map(({ headings, cells, total, steps, ...rest }) => ({
    ...rest,
    table: {
      headings,
      rows: cells.map((row) => row.slice(0, headings.length)),
      numeric: [1],
      total: { label: headings[0]!, value: total, column: 1 },
    },
    nextSteps: { heading: headings[0]!, steps },
  }));

/** Every text the content holds. */
const textsOf = (mail: MailContent): string[] => [
  mail.title,
  mail.greeting,
  ...mail.paragraphs,
  ...(mail.table?.headings ?? []),
  ...(mail.table?.rows.flat() ?? []),
  ...(mail.table?.total ? [mail.table.total.label, mail.table.total.value] : []),
  ...(mail.nextSteps ? [mail.nextSteps.heading, ...mail.nextSteps.steps] : []),
  mail.footer,
];

describe('renderMail', () => {
  it('tags the subject as Faktura’s', () => {
    expect(
      renderMail({ language: 'da', title: 'Eksport gennemført', greeting: 'Hej', paragraphs: [], footer: '' })
        .subject,
    ).toBe('Faktura: Eksport gennemført');
  });

  it('says everything the content says in both parts, so they cannot disagree (property)', () => {
    fc.assert(
      fc.property(content, (mail) => {
        // Act
        const { text, html } = renderMail(mail);

        // Assess
        for (const said of textsOf(mail).filter((said) => said !== mail.title)) {
          expect(text).toContain(said);
          expect(shown(html)).toContain(said);
        }
        expect(shown(html)).toContain(mail.title);
      }),
    );
  });
});
