import { describe, expect, it } from 'vitest';
import { itemSize, itemsWritten, valueSize } from '../../lib/dynamodb-item-size.ts';

describe("DynamoDB's item-size rule", () => {
  it('counts attribute names and string values in UTF-8 bytes', () => {
    // Act & Assess: "pk" 2 + "T#1" 3; "navn" 4 + "Søren" 6 (ø is 2 bytes)
    expect(itemSize({ pk: { S: 'T#1' }, navn: { S: 'Søren' } })).toBe(15);
  });

  it('counts a number as one byte per two significant digits, plus one', () => {
    expect(valueSize({ N: '1' })).toBe(2);
    expect(valueSize({ N: '12345' })).toBe(4);
    expect(valueSize({ N: '-0.00120' })).toBe(2);
    expect(valueSize({ N: '1000000' })).toBe(2);
    expect(valueSize({ N: '123.456' })).toBe(4);
  });

  it('counts a binary as its raw bytes, not its base64', () => {
    expect(valueSize({ B: Buffer.alloc(300).toString('base64') })).toBe(300);
  });

  it('counts booleans and null as 1, lists and maps as 3 plus 1 per element plus the elements', () => {
    expect(valueSize({ BOOL: false })).toBe(1);
    expect(valueSize({ NULL: true })).toBe(1);
    expect(valueSize({ L: [] })).toBe(3);
    // 3 + (1 + 1 "a") + (1 + 2 for N "12")
    expect(valueSize({ L: [{ S: 'a' }, { N: '12' }] })).toBe(8);
    // 3 + (1 + "at" 2 + "x" 1)
    expect(valueSize({ M: { at: { S: 'x' } } })).toBe(7);
    expect(valueSize({ SS: ['ab', 'c'] })).toBe(3);
  });

  it('finds the items of each kind of write request', () => {
    // Prepare
    const item = { pk: { S: 'a' } };

    // Act & Assess
    expect(itemsWritten('PutItem', { TableName: 't', Item: item })).toEqual([item]);
    expect(
      itemsWritten('TransactWriteItems', {
        TransactItems: [{ Put: { Item: item } }, { Delete: { Key: item } }, { Put: { Item: item } }],
      }),
    ).toEqual([item, item]);
    expect(
      itemsWritten('BatchWriteItem', {
        RequestItems: { t: [{ PutRequest: { Item: item } }, { DeleteRequest: {} }] },
      }),
    ).toEqual([item]);
    expect(itemsWritten('Query', { TableName: 't' })).toEqual([]);
  });
});
