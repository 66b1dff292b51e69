import { describe, expect, it } from 'vitest';
import {
  type CompanyOptions,
  lineTextLimits,
  orderTextLimits,
  UnicontaCompany,
} from '../../src/uniconta/company.ts';

const options: CompanyOptions = { orderNumbers: 'series', deleteOrderWithLines: 'refuse' };

const company = (): UnicontaCompany => {
  const result = new UnicontaCompany(12345, 'Test ApS');
  result.addDebtor({ Account: '1001', Name: 'Kunde A/S' });
  result.addDebtor({ Account: '1002', Name: 'Spærret', Blocked: true });
  result.addItem({ Item: 'MOB-ABON', Name: 'Mobil' });
  result.addItem({ Item: 'OLD', Name: 'Udgået', Blocked: true });
  return result;
};

describe('UnicontaCompany orders', () => {
  it('assigns the next order number, and never reuses one in the series mode', () => {
    // Prepare
    const books = company();

    // Act
    const first = books.insertOrder({ Account: '1001', YourRef: 'A' }, options);
    books.deleteOrders([{ OrderNumber: 1 }], options);
    const second = books.insertOrder({ Account: '1001', YourRef: 'B' }, options);

    // Assess
    expect(first).toEqual({
      ok: true,
      value: { Account: '1001', YourRef: 'A', OrderNumber: 1, RowId: 5, OrderTotal: 0 },
    });
    expect(second.ok && second.value.OrderNumber).toBe(2);
  });

  it('reuses the highest number plus one in the reuse mode', () => {
    const books = company();
    books.insertOrder({ Account: '1001' }, { ...options, orderNumbers: 'reuse' });
    books.deleteOrders([{ OrderNumber: 1 }], options);
    const again = books.insertOrder({ Account: '1001' }, { ...options, orderNumbers: 'reuse' });
    expect(again.ok && again.value.OrderNumber).toBe(1);
  });

  it('refuses a missing, unknown or blocked Account, a taken OrderNumber and a wrong type', () => {
    const books = company();
    books.insertOrder({ Account: '1001', OrderNumber: 50 }, options);
    expect(books.insertOrder({ YourRef: 'x' }, options)).toMatchObject({
      ok: false,
      failure: { status: 400, code: 'AccountIsMissing', property: 'Account' },
    });
    expect(books.insertOrder({ Account: '9999' }, options)).toMatchObject({
      failure: { status: 400, code: 'CouldNotFind', property: 'Account', value: '9999' },
    });
    expect(books.insertOrder({ Account: '1002' }, options)).toMatchObject({
      failure: { code: 'CouldNotCreate' },
    });
    expect(books.insertOrder({ Account: '1001', OrderNumber: 50 }, options)).toMatchObject({
      failure: { status: 409, code: 'KeyExists' },
    });
    expect(books.insertOrder({ Account: 1001 }, options)).toMatchObject({
      failure: { status: 400, code: 'Exception', property: 'Account' },
    });
  });
});

describe('UnicontaCompany lines', () => {
  it('inserts all lines or none, numbering them per order', () => {
    // Prepare
    const books = company();
    books.insertOrder({ Account: '1001' }, options);

    // Act
    const refused = books.insertLines([
      { OrderNumber: 1, Item: 'MOB-ABON', Qty: 1, Price: 99 },
      { OrderNumber: 1, Item: 'OLD', Qty: 1, Price: 5 },
    ]);
    const inserted = books.insertLines([
      { OrderNumber: 1, Item: 'MOB-ABON', Qty: 3, Price: 99.5, Text: 'Mobil' },
      { OrderNumber: 1, Text: 'Periode 01.05–31.05' },
    ]);

    // Assess
    expect(refused).toMatchObject({
      ok: false,
      failure: { code: 'ItemIsOnHold', property: 'Item', value: 'OLD' },
    });
    expect(inserted.ok && inserted.value.map((line) => line.LineNumber)).toEqual([1, 2]);
    expect(books.all('DebtorOrderLineClient')).toHaveLength(2);
    expect(books.all('DebtorOrderClient')[0]).toMatchObject({ OrderNumber: 1, OrderTotal: 298.5 });
  });

  it('refuses lines of an unknown order, an unknown item, and a line with neither Item nor Text', () => {
    const books = company();
    books.insertOrder({ Account: '1001' }, options);
    expect(books.insertLines([])).toMatchObject({ failure: { code: 'NoLinesFound' } });
    expect(books.insertLines([{ Item: 'MOB-ABON' }])).toMatchObject({
      failure: { code: 'FieldCannotBeBlank', property: 'OrderNumber' },
    });
    expect(books.insertLines([{ OrderNumber: 7, Item: 'MOB-ABON' }])).toMatchObject({
      failure: { code: 'CouldNotFind', property: 'OrderNumber', value: 7 },
    });
    expect(books.insertLines([{ OrderNumber: 1, Item: 'NOPE' }])).toMatchObject({
      failure: { code: 'CouldNotFind', property: 'Item', value: 'NOPE' },
    });
    expect(books.insertLines([{ OrderNumber: 1, Qty: 1 }])).toMatchObject({
      failure: { code: 'FieldCannotBeBlank', property: 'Item' },
    });
    expect(books.insertLines([{ OrderNumber: 1, Item: 'MOB-ABON', Qty: '1' }])).toMatchObject({
      failure: { code: 'Exception', property: 'Qty' },
    });
  });

  it('refuses to delete an order that still has lines, unless told to cascade', () => {
    const books = company();
    books.insertOrder({ Account: '1001' }, options);
    books.insertLines([{ OrderNumber: 1, Item: 'MOB-ABON', Qty: 1 }]);
    expect(books.deleteOrders([{ OrderNumber: 1 }], options)).toMatchObject({
      failure: { status: 409, code: 'CouldNotDeleteRecordThatIsReferred' },
    });
    expect(books.deleteOrders([{ OrderNumber: 1 }], { ...options, deleteOrderWithLines: 'cascade' })).toEqual(
      { ok: true, value: 1 },
    );
    expect(books.all('DebtorOrderLineClient')).toEqual([]);
  });

  it('deletes lines by RowId or by OrderNumber and LineNumber, all or none', () => {
    const books = company();
    books.insertOrder({ Account: '1001' }, options);
    const inserted = books.insertLines([
      { OrderNumber: 1, Item: 'MOB-ABON', Qty: 1 },
      { OrderNumber: 1, Item: 'MOB-ABON', Qty: 2 },
    ]);
    const [first] = inserted.ok ? inserted.value : [];
    expect(books.deleteLines([first, { RowId: 999 }])).toMatchObject({
      failure: { status: 404, code: 'CouldNotFind' },
    });
    expect(books.deleteLines([first, { OrderNumber: 1, LineNumber: 2 }])).toEqual({ ok: true, value: 2 });
    expect(books.deleteLines([{ Item: 'MOB-ABON' }])).toMatchObject({
      failure: { code: 'FieldCannotBeBlank' },
    });
  });
});

describe('UnicontaCompany text limits (docs/contracts/uniconta.md §3a)', () => {
  it.each([['YourRef'], ['Remark']])(
    'refuses an order whose %s is longer than the field, storing nothing',
    (field) => {
      // Prepare
      const books = company();
      const limit = orderTextLimits[field]!;

      // Act
      const over = books.insertOrder({ Account: '1001', [field]: 'x'.repeat(limit + 1) }, options);
      const exact = books.insertOrder({ Account: '1001', [field]: 'x'.repeat(limit) }, options);

      // Assess
      expect(over).toEqual({
        ok: false,
        failure: {
          status: 400,
          code: 'CouldNotSave',
          message: `${field} is ${limit + 1} characters long; the field holds at most ${limit}.`,
          property: field,
          value: 'x'.repeat(limit + 1),
        },
      });
      expect(exact.ok).toBe(true);
      expect(books.orders.size).toBe(1);
    },
  );

  it('refuses the whole line list when one Text is longer than the field, and counts UTF-16 units', () => {
    // Prepare
    const books = company();
    books.insertOrder({ Account: '1001' }, options);
    const limit = lineTextLimits.Text!;

    // Act
    const refused = books.insertLines([
      { OrderNumber: 1, Item: 'MOB-ABON', Text: 'Mobil', Qty: 1, Price: 1 },
      { OrderNumber: 1, Item: 'MOB-ABON', Text: `${'x'.repeat(limit - 1)}📞`, Qty: 1, Price: 1 },
    ]);
    const fits = books.insertLines([
      { OrderNumber: 1, Item: 'MOB-ABON', Text: `${'x'.repeat(limit - 2)}📞`, Qty: 1, Price: 1 },
    ]);

    // Assess
    expect(refused).toMatchObject({
      ok: false,
      failure: {
        status: 400,
        code: 'CouldNotSave',
        message: `Line 2 (index 1): Text is ${limit + 1} characters long; the field holds at most ${limit}.`,
        property: 'Text',
      },
    });
    expect(fits.ok).toBe(true);
    expect(books.lines).toHaveLength(1);
  });
});
