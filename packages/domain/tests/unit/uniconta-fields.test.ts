import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type UnicontaTextField,
  unicontaField,
  unicontaFieldExportProblems,
  unicontaFieldLimits,
  unicontaOrderProblems,
} from '../../src/uniconta-fields.ts';

const fields: UnicontaTextField[] = ['YourRef', 'Remark', 'Text'];
const space = fc.constantFrom(' ', '\t', '\u00a0', '\n', '  ');
const padding = fc.array(space, { maxLength: 4 }).map((parts) => parts.join(''));
// Printable text with no surrounding white space: letters, digits, Danish letters, inner spaces.
const printable = fc
  .array(fc.constantFrom('a', 'Z', '7', 'æ', 'ø', 'Å', '-', '.', ' ', '€'), { minLength: 1, maxLength: 300 })
  .map((chars) => chars.join('').trim())
  .filter((text) => text !== '');

describe('unicontaField', () => {
  it('trims surrounding white space silently and sends what fits', () => {
    fc.assert(
      fc.property(fc.constantFrom(...fields), padding, printable, padding, (field, before, text, after) => {
        // Act
        const outcome = unicontaField(field, `${before}${text}${after}`);

        // Assess
        if (text.length <= unicontaFieldLimits[field]) expect(outcome).toEqual({ ok: true, value: text });
        else expect(outcome).toEqual({ ok: false, fault: 'too-long', length: text.length });
      }),
    );
  });

  it('refuses, never cuts, any value longer than the field once trimmed', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...fields),
        fc.integer({ min: 1, max: 500 }),
        padding,
        (field, extra, pad) => {
          // Prepare
          const limit = unicontaFieldLimits[field];
          const text = 'x'.repeat(limit + extra);

          // Act
          const over = unicontaField(field, `${pad}${text}${pad}`);
          const exact = unicontaField(field, `${pad}${'x'.repeat(limit)}${pad}`);

          // Assess
          expect(over).toEqual({ ok: false, fault: 'too-long', length: limit + extra });
          expect(exact).toEqual({ ok: true, value: 'x'.repeat(limit) });
        },
      ),
    );
  });

  it('counts UTF-16 code units, as .NET does: an emoji is 2', () => {
    // Prepare
    const limit = unicontaFieldLimits.Text;

    // Act
    const fits = unicontaField('Text', `${'a'.repeat(limit - 2)}📞`);
    const over = unicontaField('Text', `${'a'.repeat(limit - 1)}📞`);

    // Assess
    expect(fits.ok).toBe(true);
    expect(over).toEqual({ ok: false, fault: 'too-long', length: limit + 1 });
  });

  it('leaves out a value that is only white space', () => {
    fc.assert(
      fc.property(fc.constantFrom(...fields), padding, (field, pad) => {
        expect(unicontaField(field, pad)).toEqual({ ok: true, value: undefined });
      }),
    );
  });

  it('refuses a control character inside a one-line field, and takes a line break only in the remark', () => {
    fc.assert(
      fc.property(
        printable,
        fc.constantFrom('\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\n', '\r', '\t'),
        printable,
        (before, control, after) => {
          // Act
          const line = unicontaField('Text', `${before}${control}${after}`);
          const remark = unicontaField('Remark', `${before}${control}${after}`);

          // Assess
          expect(line).toMatchObject({ ok: false, fault: 'invalid-character' });
          if (['\n', '\r', '\t'].includes(control))
            expect(remark).not.toMatchObject({ fault: 'invalid-character' });
          else expect(remark).toMatchObject({ ok: false, fault: 'invalid-character' });
        },
      ),
    );
  });

  it('refuses half a surrogate pair', () => {
    expect(unicontaField('Text', 'Mobil \ud83d abonnement')).toMatchObject({
      ok: false,
      fault: 'invalid-character',
    });
    expect(unicontaField('YourRef', '\ude00FK-1')).toMatchObject({ ok: false, fault: 'invalid-character' });
  });
});

describe('unicontaOrderProblems', () => {
  it('names every field of the order that cannot be sent, lines by their index', () => {
    // Prepare
    const order = {
      reference: 'FK-65f0a1b2c3d4e5f6a7b8c9d0-65f0a1b2c3d4e5f6a7b8c9d1',
      heading: `Faktura 1001 - ${'h'.repeat(250)}`,
      lines: [{ description: 'Nummerleje' }, { description: ` ${'t'.repeat(251)} ` }, { description: '' }],
    };

    // Act
    const problems = unicontaOrderProblems(order);

    // Assess
    expect(problems).toEqual([
      { field: 'Remark', fault: 'too-long', length: 265, limit: 250 },
      { field: 'lines[1].Text', fault: 'too-long', length: 251, limit: 250 },
    ]);
  });

  it('finds nothing wrong with our own reference, at its full length', () => {
    // Prepare: FK-<24 hex>-<24 hex>, as draftReference makes it
    const reference = `FK-${'a'.repeat(24)}-${'b'.repeat(24)}`;

    // Act
    const problems = unicontaOrderProblems({ reference, heading: 'Faktura 1', lines: [] });

    // Assess
    expect(problems).toEqual([]);
  });
});

describe('unicontaFieldExportProblems', () => {
  it('is one uniconta.field problem per field, naming the field, the invoice and the trimmed customer name', () => {
    // Act
    const problems = unicontaFieldExportProblems('inv1', '  Hansen ApS  ', {
      reference: 'FK-1-inv1',
      heading: 'Faktura 1',
      lines: [{ description: 'x'.repeat(300) }, { description: 'bell\u0007' }],
    });

    // Assess
    expect(problems).toEqual([
      {
        key: 'uniconta.field',
        description:
          'Field lines[0].Text of invoice inv1 (Hansen ApS) cannot be sent to Uniconta: 300 characters, Uniconta takes at most 250',
      },
      {
        key: 'uniconta.field',
        description:
          'Field lines[1].Text of invoice inv1 (Hansen ApS) cannot be sent to Uniconta: it holds a control character or a broken character, which Uniconta cannot store',
      },
    ]);
  });
});
