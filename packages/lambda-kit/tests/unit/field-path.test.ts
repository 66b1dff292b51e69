import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldKey } from '../../src/field-path.ts';

describe('fieldKey', () => {
  it.each([
    [['customer'], 'customer'],
    [['lines', 2, 'units'], 'lines[2].units'],
    [['currentInvoices', 0], 'currentInvoices[0]'],
    [['finance', 'accountingSystemId'], 'finance.accountingSystemId'],
    [[], ''],
  ])('turns %j into %s', (path, key) => {
    expect(fieldKey(path)).toBe(key);
  });

  it('writes every index in brackets and every name after a dot', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.nat(), fc.stringMatching(/^[a-z]{1,8}$/)), { maxLength: 6 }),
        (path) => {
          const key = fieldKey(path);
          expect((key.match(/\[\d+\]/g) ?? []).length).toBe(path.filter((s) => typeof s === 'number').length);
        },
      ),
    );
  });
});
