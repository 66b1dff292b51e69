import { describe, expect, it } from 'vitest';
import { renderTextMail } from '../../../src/mail/text-mail.ts';
import { mailContent } from './content-fixture.ts';

describe('renderTextMail', () => {
  it('says what the HTML part says, in blocks: greeting, paragraphs, the table as a list, the steps, the footer', () => {
    // Prepare
    const content = mailContent({
      paragraphs: ['Eksporten er gennemført.', '2 fakturaer er oprettet som kladdeordrer: 7, 9.'],
      table: {
        headings: ['Kunde', 'Kladde', 'Beløb'],
        rows: [
          ['Fjord & Co', '7', '100,00 kr.'],
          ['Nordvej', '', '5,50 kr.'],
        ],
        numeric: [2],
        total: { label: 'I alt', value: '105,50 kr.', column: 2 },
        note: 'Og 3 fakturaer mere.',
      },
      nextSteps: { heading: 'Hvad nu', steps: ['Gennemse kladderne.', 'Bogfør dem.'] },
    });

    // Act
    const text = renderTextMail(content);

    // Assess
    expect(text.split('\n')).toEqual([
      'Hej Nordlys',
      '',
      'Eksporten er gennemført.',
      '2 fakturaer er oprettet som kladdeordrer: 7, 9.',
      '',
      'Kunde | Kladde | Beløb:',
      '- Fjord & Co | 7 | 100,00 kr.',
      '- Nordvej | – | 5,50 kr.',
      'I alt: 105,50 kr.',
      'Og 3 fakturaer mere.',
      '',
      'Hvad nu:',
      '1. Gennemse kladderne.',
      '2. Bogfør dem.',
      '',
      'Eksport-id: e1',
    ]);
  });

  it('leaves out the blocks the e-mail has not', () => {
    // Act
    const text = renderTextMail(mailContent({ table: undefined, nextSteps: undefined }));

    // Assess
    expect(text).toBe('Hej Nordlys\n\nAlle fakturaer er oprettet.\n\nEksport-id: e1');
  });
});
