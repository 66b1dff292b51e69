import { describe, expect, it } from 'vitest';
import { decimalPlaces } from '../../src/economic/amounts.ts';
import {
  economicSchemaNames,
  flaggedFields,
  isFullDate,
  readEconomicSchema,
  toDraft07,
  validateRequest,
  validateResponse,
} from '../../src/economic/schemas.ts';

describe("e-conomic's draft-03 schemas", () => {
  it('are all read and compiled', () => {
    for (const name of economicSchemaNames) {
      expect(readEconomicSchema(name).$schema).toBe('http://json-schema.org/draft-03/schema#');
      expect(() => validateResponse(name, {})).not.toThrow();
    }
  });

  it('move "required": true to the parent, and exclusiveMinimum: true onto the bound', () => {
    // Prepare
    const draft03 = {
      $schema: 'http://json-schema.org/draft-03/schema#',
      type: 'object',
      properties: {
        a: { type: 'string', required: true },
        b: { type: 'integer', minimum: 0, exclusiveMinimum: true, required: false },
        c: { type: 'number', maxDecimals: 2 },
      },
    };

    // Act
    const converted = toDraft07(draft03, { repairPatterns: false });

    // Assess
    expect(converted).toEqual({
      type: 'object',
      properties: {
        a: { type: 'string' },
        b: { type: 'integer', exclusiveMinimum: 0 },
        c: { type: 'number', maxDecimal: 2 },
      },
      required: ['a'],
    });
  });

  it('read the required fields of a draft order from orders.drafts.post', () => {
    // Act
    const errors = validateRequest('orders.drafts.post', { recipient: {} });

    // Assess
    const missing = errors
      .filter((error) => error.keyword === 'required')
      .map(
        (error) => `${error.instancePath}/${(error.params as { missingProperty: string }).missingProperty}`,
      );
    expect(missing.sort()).toEqual([
      '/currency',
      '/customer',
      '/date',
      '/layout',
      '/paymentTerms',
      '/recipient/name',
      '/recipient/vatZone',
    ]);
  });

  it("enforce maxDecimal, e-conomic's own keyword", () => {
    // Act
    const errors = validateRequest('orders.drafts.post', {
      date: '2026-05-27',
      currency: 'DKK',
      exchangeRate: 7.4567891,
      customer: { customerNumber: 1 },
      paymentTerms: { paymentTermsNumber: 1 },
      layout: { layoutNumber: 19 },
      recipient: { name: 'A', vatZone: { vatZoneNumber: 1 } },
      lines: [{ quantity: 1.005, unitNetPrice: 10.1, discountPercentage: 12.5 }],
    });

    // Assess
    expect(errors.map((error) => [error.keyword, error.instancePath])).toEqual([
      ['maxDecimal', '/exchangeRate'],
      ['maxDecimal', '/lines/0/quantity'],
    ]);
  });

  it('list the filterable and sortable fields of a collection with their types', () => {
    const filterable = flaggedFields('orders.drafts.get', 'filterable');
    expect(filterable.get('references.other')).toBe('string');
    expect(filterable.get('customer.customerNumber')).toBe('integer');
    expect(filterable.get('notes.heading')).toBe('string');
    expect(filterable.has('lines')).toBe(false);
    expect(flaggedFields('products.get', 'filterable').get('barred')).toBe('boolean');
    expect(flaggedFields('layouts.get', 'filterable').size).toBe(0);
    expect(flaggedFields('customers.get', 'sortable').has('barred')).toBe(false);
  });
});

describe('formats and decimals', () => {
  it('takes full-date as a real YYYY-MM-DD day', () => {
    expect(isFullDate('2026-02-28')).toBe(true);
    expect(isFullDate('2028-02-29')).toBe(true);
    expect(isFullDate('2026-02-29')).toBe(false);
    expect(isFullDate('2026-13-01')).toBe(false);
    expect(isFullDate('2026-05-27T00:00:00')).toBe(false);
  });

  it('counts decimal places as written', () => {
    expect(decimalPlaces(100)).toBe(0);
    expect(decimalPlaces(2.5)).toBe(1);
    expect(decimalPlaces(49.95)).toBe(2);
    expect(decimalPlaces(10.12345)).toBe(5);
    expect(decimalPlaces(0.1 + 0.2)).toBe(17);
    expect(decimalPlaces(1e-7)).toBe(7);
    expect(decimalPlaces(-3.14)).toBe(2);
  });
});
