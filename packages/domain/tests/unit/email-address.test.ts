import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMailboxAddress } from '../../src/email-address.ts';

describe('isMailboxAddress', () => {
  it.each(['bogholderi@nordlys-telecom.dk', 'first.last+invoices@example.co.uk', "o'brien@example.ie"])(
    'takes one plain address: %s',
    (address) => {
      expect(isMailboxAddress(address)).toBe(true);
    },
  );

  it.each([
    ['no @', 'staff.example.dk'],
    ['a list', 'a@example.dk,b@example.dk'],
    ['a line break (header injection)', 'a@example.dk\r\nBcc: x@evil.example'],
    ['a display name', 'Staff <staff@example.dk>'],
    ['a leading dot', '.staff@example.dk'],
    ['two dots in a row', 'st..aff@example.dk'],
    ['no top-level domain', 'staff@localhost'],
    ['white space', 'staff @example.dk'],
    ['too long', `${'a'.repeat(250)}@example.dk`],
    ['not text', 42],
  ])('refuses %s', (_why, value) => {
    expect(isMailboxAddress(value)).toBe(false);
  });

  it('never takes a value with a control character or white space in it', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.constantFrom('\n', '\r', '\t', ' ', '\u0000', '\u0085', ','),
        fc.string(),
        (before, bad, after) => {
          expect(isMailboxAddress(`${before}${bad}${after}@example.dk`)).toBe(false);
          expect(isMailboxAddress(`staff@${before}${bad}${after}.dk`)).toBe(false);
        },
      ),
    );
  });
});
