import type { MailContent } from '../../../src/mail/mail-content.ts';

/** A short Danish e-mail with a two-column table and its total; tests override what they need. */
export const mailContent = (overrides: Partial<MailContent> = {}): MailContent => ({
  language: 'da',
  title: 'Eksport gennemført',
  greeting: 'Hej Nordlys',
  paragraphs: ['Alle fakturaer er oprettet.'],
  table: {
    headings: ['Kunde', 'Beløb'],
    rows: [['Fjordkraft', '100,00 kr.']],
    numeric: [1],
    total: { label: 'I alt', value: '100,00 kr.', column: 1 },
  },
  nextSteps: { heading: 'Hvad nu', steps: ['Bogfør kladderne.'] },
  footer: 'Eksport-id: e1',
  ...overrides,
});
