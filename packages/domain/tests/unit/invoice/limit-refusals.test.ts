import { describe, expect, it } from 'vitest';
import { lineBeyondLimit, linesBeyondLimit } from '../../../src/invoice/limit-refusals.ts';

const key = (field: string) => `lines[3].${field}`;
const none = () => false;

describe('lineBeyondLimit', () => {
  it('passes a line within the limit', () => {
    // Act
    const refusal = lineBeyondLimit(
      { units: 10, unitCost: 1, unitWholesale: 2, unitPrice: 3 },
      'ADMIN',
      none,
      key,
    );

    // Assess
    expect(refusal).toBeUndefined();
  });

  it('names the price field the request set when that price makes the line too large', () => {
    // Act
    const refusal = lineBeyondLimit(
      { units: 100, unitCost: 1, unitWholesale: 2, unitPrice: 1_000_000_000 },
      'RESELLER',
      (column) => column === 'unitPrice',
      key,
    );

    // Assess
    expect(refusal?.toBody()).toEqual({
      status: 422,
      message: 'lines[3].unitPrice',
      description: 'Line amount is beyond 10000000000 kr (units × unit price)',
    });
  });

  it('names units, and no column, when only a column the caller may not see is beyond', () => {
    // Act
    const refusal = lineBeyondLimit(
      { units: 100, unitCost: 1_000_000_000, unitWholesale: 2, unitPrice: 3 },
      'RESELLER',
      none,
      key,
    );

    // Assess
    expect(refusal?.toBody()).toEqual({
      status: 422,
      message: 'lines[3].units',
      description: 'Line amount is beyond 10000000000 kr',
    });
  });

  it('names the cost column to ADMIN', () => {
    // Act
    const refusal = lineBeyondLimit(
      { units: 100, unitCost: 1_000_000_000, unitWholesale: 2, unitPrice: 3 },
      'ADMIN',
      none,
      key,
    );

    // Assess
    expect(refusal?.description).toBe('Line amount is beyond 10000000000 kr (units × unit cost)');
  });
});

describe('linesBeyondLimit', () => {
  it('names the column only to a role that may see it', () => {
    // Act
    const [toAdmin, toReseller] = [
      linesBeyondLimit('ADMIN', 'unitCost'),
      linesBeyondLimit('RESELLER', 'unitCost'),
    ];

    // Assess
    expect(toAdmin.toBody()).toEqual({
      status: 422,
      message: 'lines',
      description: 'The lines add up to more than 100000000000 kr (unit cost column)',
    });
    expect(toReseller.description).toBe('The lines add up to more than 100000000000 kr');
  });
});
