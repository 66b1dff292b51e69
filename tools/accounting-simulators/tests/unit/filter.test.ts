import { describe, expect, it } from 'vitest';
import { compileFilter, FilterError } from '../../src/economic/filter.ts';
import type { FieldType } from '../../src/economic/schemas.ts';

const fields = new Map<string, FieldType>([
  ['customerNumber', 'integer'],
  ['name', 'string'],
  ['barred', 'boolean'],
  ['customerGroup.customerGroupNumber', 'integer'],
  ['email', 'string'],
]);

const customers = [
  { customerNumber: 1, name: 'Jensen (ApS)', customerGroup: { customerGroupNumber: 1 }, email: 'a@x.dk' },
  { customerNumber: 2, name: 'Hansen & Co', barred: true, customerGroup: { customerGroupNumber: 2 } },
  { customerNumber: 3, name: '50$ Shop, Kbh', customerGroup: { customerGroupNumber: 1 } },
  { customerNumber: 4, name: 'Star*Telecom', customerGroup: { customerGroupNumber: 2 }, email: 'b@y.dk' },
];

const select = (filter: string) =>
  customers.filter(compileFilter(filter, fields)).map((c) => c.customerNumber);

const errorOf = (filter: string): FilterError => {
  try {
    compileFilter(filter, fields);
  } catch (error) {
    return error as FilterError;
  }
  throw new Error(`"${filter}" was accepted`);
};

describe('the legacy REST filter', () => {
  it('compares numbers by value and strings case-insensitively', () => {
    expect(select('customerNumber$eq:2')).toEqual([2]);
    expect(select('name$eq:HANSEN & CO')).toEqual([2]);
    expect(select('customerNumber$gte:3')).toEqual([3, 4]);
    expect(select('customerNumber$ne:1')).toEqual([2, 3, 4]);
    expect(select('customerGroup.customerGroupNumber$eq:1')).toEqual([1, 3]);
  });

  it('reads an absent boolean as false', () => {
    expect(select('barred$eq:false')).toEqual([1, 3, 4]);
    expect(select('barred$eq:true')).toEqual([2]);
  });

  it('combines with $and: (binding tighter) and $or:, and groups with parentheses', () => {
    expect(select('customerNumber$eq:1$or:customerNumber$eq:2$and:barred$eq:false')).toEqual([1]);
    expect(select('(customerNumber$eq:1$or:customerNumber$eq:2)$and:barred$eq:true')).toEqual([2]);
  });

  it('unescapes $$, $(, $), $* and $, in values', () => {
    expect(select('name$eq:Jensen $(ApS$)')).toEqual([1]);
    expect(select('name$eq:50$$ Shop$, Kbh')).toEqual([3]);
    expect(select('name$eq:Star$*Telecom')).toEqual([4]);
  });

  it('takes an unescaped ( , or * literally outside $like: and $in:', () => {
    expect(select('name$eq:50$$ Shop, Kbh')).toEqual([3]);
    expect(select('name$eq:Star*Telecom')).toEqual([4]);
  });

  it('matches $like: as contains without *, with * as wildcard, $* as a star and [..] as a class', () => {
    expect(select('name$like:sen')).toEqual([1, 2]);
    expect(select('name$like:h*co')).toEqual([2]);
    expect(select('name$like:*$*tel*')).toEqual([4]);
    expect(select('name$like:[hj]*')).toEqual([1, 2]);
  });

  it('selects absent properties with $null:', () => {
    expect(select('email$eq:$null:')).toEqual([2, 3]);
    expect(select('email$ne:$null:')).toEqual([1, 4]);
  });

  it('takes $in: and $nin: lists on numeric properties', () => {
    expect(select('customerNumber$in:[1,3]')).toEqual([1, 3]);
    expect(select('customerNumber$nin:[1,3]')).toEqual([2, 4]);
  });

  it('refuses a property that is not filterable, listing the allowed ones', () => {
    const error = errorOf('bogusProp$eq:1');
    expect(error).toBeInstanceOf(FilterError);
    expect(error.errors).toEqual(["Filtering is not allowed on property 'bogusProp'."]);
    expect(error.allowedFilteringFields).toEqual([...fields.keys()]);
  });

  it('refuses what it cannot parse', () => {
    expect(errorOf('name$eq:a$b').errors[0]).toMatch(/Unexpected '\$b'/);
    expect(errorOf('name$eq:$[x$]').errors[0]).toMatch(/Unexpected '\$\['/);
    expect(errorOf('name$foo:1').errors[0]).toMatch(/Expected an operator/);
    expect(errorOf('(name$eq:a').errors[0]).toMatch(/Missing '\)'/);
    expect(errorOf('name$eq:a)').errors[0]).toMatch(/Unexpected '\)'/);
    expect(errorOf('customerNumber$eq:abc').errors[0]).toMatch(/not a number/);
    expect(errorOf('barred$eq:maybe').errors[0]).toMatch(/not a boolean/);
    expect(errorOf('name$in:[a,b]').errors[0]).toMatch(/only allowed on numeric properties/);
    expect(
      errorOf(`customerNumber$in:[${Array.from({ length: 201 }, (_, i) => i).join(',')}]`).errors[0],
    ).toMatch(/at most 200/);
  });
});
