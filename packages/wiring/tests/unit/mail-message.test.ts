import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MalformedMailMessage, mailMessageBody, readMailMessage } from '../../src/mail-message.ts';

describe('mail message', () => {
  it('reads back every e-mail it writes, whatever its text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.emailAddress(), { minLength: 1, maxLength: 3 }),
        fc.string(),
        fc.string(),
        fc.string(),
        (to, subject, text, html) => {
          const body = mailMessageBody({ to, subject, text, html });
          const read = readMailMessage(JSON.parse(body));
          return JSON.stringify(read) === JSON.stringify({ to, subject, text, html });
        },
      ),
    );
  });

  it('names every field that is wrong', () => {
    // Act & Assess
    expect(() => readMailMessage({ to: [], subject: 'Eksport', text: 1 })).toThrow(
      new MalformedMailMessage(
        'The e-mail is malformed: to is not a list of addresses; text is not text; html is not text',
      ),
    );
  });

  it.each([null, 'mail', [], { to: ['a@example.com', 7], subject: '', text: '', html: '' }])(
    'refuses %j',
    (body) => {
      // Act & Assess
      expect(() => readMailMessage(body)).toThrow(MalformedMailMessage);
    },
  );
});
