import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { Refusal } from '#domain/refusal';
import { parseWith } from '../../src/validation.ts';

describe('parseWith', () => {
  it('words a field without a message of its own in zod’s English, which zod/mini does not load by itself', () => {
    // Prepare: only zod/mini in this file's modules, as in a Lambda bundle
    const schema = z.object({ headline: z.string().check(z.maxLength(3)) });

    // Act
    const read = () => parseWith(schema, { headline: 'Månedens faktura' }, 'body');

    // Assess
    expect(read).toThrowError(Refusal);
    expect(read).toThrowError(
      expect.objectContaining({
        status: 422,
        key: 'headline',
        description: 'Too big: expected string to have <=3 characters',
      }),
    );
  });

  it('answers the schema’s own message when it has one', () => {
    // Prepare
    const schema = z.object({ name: z.string({ error: 'Name is invalid' }) });

    // Act
    const read = () => parseWith(schema, { name: 7 }, 'body');

    // Assess
    expect(read).toThrowError(expect.objectContaining({ key: 'name', description: 'Name is invalid' }));
  });
});
