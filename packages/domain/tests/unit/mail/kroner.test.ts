import { describe, expect, it } from 'vitest';
import { formatKroner } from '../../../src/mail/kroner.ts';

describe('formatKroner', () => {
  it('writes an amount as a Danish and an English reader expect it', () => {
    expect(formatKroner(1234.5, 'da')).toBe('1.234,50 kr.');
    expect(formatKroner(-0.05, 'da')).toBe('-0,05 kr.');
    expect(formatKroner(1234.5, 'en')).toBe('DKK 1,234.50');
    expect(formatKroner(-1234567.891, 'en')).toBe('DKK -1,234,567.89');
  });
});
