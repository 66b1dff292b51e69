import { describe, expect, it } from 'vitest';
import { inRequestOrder } from '../../../src/invoice/request-order.ts';

describe('inRequestOrder', () => {
  it('orders problems as the request reads: fields in the seed’s order, lines by index, then line fields', () => {
    // Prepare
    const keys = [
      'currentInvoices[1]',
      'lines',
      'lines[10].units',
      'lines[2].unitPrice',
      'lines[2].product',
      'dueDate',
      'customer',
      'body',
      'currentInvoices',
      'lines[2]',
    ];

    // Act
    const ordered = inRequestOrder(keys.map((key) => ({ key }))).map(({ key }) => key);

    // Assess
    expect(ordered).toEqual([
      'customer',
      'dueDate',
      'lines',
      'lines[2]',
      'lines[2].product',
      'lines[2].unitPrice',
      'lines[10].units',
      'currentInvoices',
      'currentInvoices[1]',
      'body',
    ]);
  });

  it('keeps problems of the same key in the order they were found', () => {
    // Prepare
    const problems = [
      { key: 'lines[0].units', found: 1 },
      { key: 'customer', found: 2 },
      { key: 'lines[0].units', found: 3 },
    ];

    // Act
    const ordered = inRequestOrder(problems).map(({ found }) => found);

    // Assess
    expect(ordered).toEqual([2, 1, 3]);
  });
});
