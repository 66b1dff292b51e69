import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchesFilterGroups, parseFilterGroups, withInstantValues } from '../../src/filter-groups.ts';

const allowed = ['created_at', 'updated_at'];
const parse = (query: string) => parseFilterGroups(new URLSearchParams(query), allowed);

describe('parseFilterGroups', () => {
  it('reads groups and filters in the seed family’s bracket syntax', () => {
    const { groups, problems } = parse(
      'filter_groups[0][filters][0][key]=created_at&filter_groups[0][filters][0][value]=2026-11-01&filter_groups[0][filters][0][operator]=gte' +
        '&filter_groups[1][or]=1&filter_groups[1][filters][0][key]=updated_at&filter_groups[1][filters][0][value]=2026-11-05&filter_groups[1][filters][0][operator]=lt' +
        '&filter_groups[1][filters][1][key]=updated_at&filter_groups[1][filters][1][value]=2026-11-20&filter_groups[1][filters][1][operator]=gt&filter_groups[1][filters][1][not]=1',
    );

    expect(problems).toEqual([]);
    expect(groups).toEqual([
      { or: false, filters: [{ key: 'created_at', operator: 'gte', values: ['2026-11-01'], not: false }] },
      {
        or: true,
        filters: [
          { key: 'updated_at', operator: 'lt', values: ['2026-11-05'], not: false },
          { key: 'updated_at', operator: 'gt', values: ['2026-11-20'], not: true },
        ],
      },
    ]);
  });

  it('names every problem by the parameter the caller wrote', () => {
    const { problems } = parse(
      'filter_groups[0][filters][0][key]=total&filter_groups[0][filters][0][value]=1&filter_groups[0][filters][1][key]=created_at&filter_groups[0][filters][1][operator]=like&filter_groups[0][filters][1][value]=x&filter_groups[x]=1',
    );

    expect(problems).toEqual([
      { key: 'filter_groups[x]', description: expect.stringContaining('Use filter_groups') },
      {
        key: 'filter_groups[0][filters][0][key]',
        description: 'Filtering is allowed on: created_at, updated_at',
      },
      { key: 'filter_groups[0][filters][1][operator]', description: expect.stringContaining('eq, gt, gte') },
    ]);
  });

  it('never throws, whatever the query', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.oneof(
              fc.string(),
              fc.constantFrom('filter_groups[0][or]', 'filter_groups[1][filters][2][key]', 'filter_groups['),
            ),
            fc.string(),
          ),
        ),
        (pairs) => {
          parseFilterGroups(new URLSearchParams(pairs), allowed);
        },
      ),
    );
  });
});

describe('matchesFilterGroups', () => {
  const record = { created_at: '2026-11-10T08:00:00.000Z', updated_at: '2026-11-12T08:00:00.000Z' };

  it('ANDs groups, and ANDs or ORs inside a group', () => {
    const and = parse(
      'filter_groups[0][filters][0][key]=created_at&filter_groups[0][filters][0][value]=2026-11-01&filter_groups[0][filters][0][operator]=gte&filter_groups[0][filters][1][key]=created_at&filter_groups[0][filters][1][value]=2026-11-05&filter_groups[0][filters][1][operator]=lt',
    ).groups;
    const or = parse(
      'filter_groups[0][or]=1&filter_groups[0][filters][0][key]=created_at&filter_groups[0][filters][0][value]=2026-11-01&filter_groups[0][filters][0][operator]=gte&filter_groups[0][filters][1][key]=created_at&filter_groups[0][filters][1][value]=2026-11-05&filter_groups[0][filters][1][operator]=lt',
    ).groups;

    expect(matchesFilterGroups(record, and)).toBe(false);
    expect(matchesFilterGroups(record, or)).toBe(true);
  });

  it.each([
    ['eq', '2026-11-10T08:00:00.000Z', true],
    ['in', 'a,2026-11-10T08:00:00.000Z', true],
    ['ct', '11-10', true],
    ['sw', '2026-11', true],
    ['ew', '.000Z', true],
    ['lte', '2026-11-09', false],
  ])('%s %s → %s', (operator, value, expected) => {
    const groups = parse(
      `filter_groups[0][filters][0][key]=created_at&filter_groups[0][filters][0][operator]=${operator}&filter_groups[0][filters][0][value]=${value}`,
    ).groups;

    expect(matchesFilterGroups(record, groups)).toBe(expected);
  });

  it('reads not and or by the one query-boolean rule, and refuses any other word naming it', () => {
    // Prepare
    const at = 'filter_groups[0][filters][0]';
    const filter = `${at}[key]=created_at&${at}[operator]=eq&${at}[value]=2026-11-01`;

    // Act
    const upper = parse(`filter_groups[0][or]=TRUE&${filter}&${at}[not]=True`);
    const zero = parse(`${filter}&${at}[not]=0`);
    const words = parse(`filter_groups[0][or]=yes&${filter}&${at}[not]=maybe`);

    // Assess
    expect(upper.problems).toEqual([]);
    expect(upper.groups).toEqual([
      { or: true, filters: [{ key: 'created_at', operator: 'eq', values: ['2026-11-01'], not: true }] },
    ]);
    expect(zero.groups[0]?.filters[0]?.not).toBe(false);
    expect(words.groups).toEqual([]);
    expect(words.problems.map((problem) => problem.key)).toEqual([`${at}[not]`, 'filter_groups[0][or]']);
  });

  it('negates with not', () => {
    const groups = parse(
      'filter_groups[0][filters][0][key]=created_at&filter_groups[0][filters][0][operator]=sw&filter_groups[0][filters][0][value]=2026&filter_groups[0][filters][0][not]=1',
    ).groups;

    expect(matchesFilterGroups(record, groups)).toBe(false);
  });
});

describe('in, bt and the null tests', () => {
  const record = { created_at: '2026-11-10T08:00:00.000Z', updated_at: '2026-11-10T08:00:00.000Z' };
  const at = 'filter_groups[0][filters][0]';
  const one = (operator: string, values: string) =>
    parse(`${at}[key]=created_at&${at}[operator]=${operator}${values}`);

  it.each([
    ['bt', '&f[value][]=2026-11-01&f[value][]=2026-11-11', true],
    ['bt', '&f[value]=2026-11-01,2026-11-11', true],
    ['bt', '&f[value][]=2026-11-01,2026-11-11', true],
    ['bt', '&f[value][]=2026-11-11&f[value][]=2026-11-30', false],
    ['bt', '&f[value][]=2026-11-10T08:00:00.000Z&f[value][]=2026-11-10T08:00:00.000Z', true],
    ['in', '&f[value][]=x&f[value][]=2026-11-10T08:00:00.000Z', true],
    ['in', '&f[value][]=x&f[value][]=y', false],
    ['null', '', false],
    ['notnull', '', true],
    ['null', '&f[value]=', false],
  ])('%s%s → %s', (operator, values, expected) => {
    // Prepare: `f` stands for the filter's prefix, as a value[] key arrives once per value or comma-joined (API Gateway)
    const { groups, problems } = one(operator, values.replaceAll('f[', `${at}[`));

    // Act
    const matches = matchesFilterGroups(record, groups);

    // Assess
    expect(problems).toEqual([]);
    expect(matches).toBe(expected);
  });

  it('tests for a missing value with null and notnull, and negates them with not', () => {
    // Prepare
    const isNull = one('null', '').groups;
    const notNotNull = one('notnull', `&${at}[not]=1`).groups;

    // Act / Assess
    expect(matchesFilterGroups({ created_at: '' }, isNull)).toBe(true);
    expect(matchesFilterGroups({}, notNotNull)).toBe(true);
    expect(matchesFilterGroups(record, notNotNull)).toBe(false);
  });

  it.each([
    ['bt', '&f[value]=2026-11-01', 'two values'],
    ['bt', '&f[value][]=a&f[value][]=b&f[value][]=c', 'two values'],
    ['in', '&f[value]=', 'needs values'],
    ['null', '&f[value]=x', 'takes no value'],
    ['eq', '&f[value][]=a&f[value][]=b', 'takes one value'],
    ['eq', '&f[value]=a&f[value][]=b', 'not both'],
  ])('refuses %s%s naming the value', (operator, values, description) => {
    // Act
    const { groups, problems } = one(operator, values.replaceAll('f[', `${at}[`));

    // Assess
    expect(groups).toEqual([]);
    expect(problems).toEqual([{ key: `${at}[value]`, description: expect.stringContaining(description) }]);
  });

  it('refuses what it does not read, by the key written: never drops it', () => {
    // Act
    const { problems } = parse(
      `${at}[key]=created_at&${at}[value]=1&${at}[value][0]=2&${at}[operator]=between&filter_groups[0][filters][1][key]=created_at&filter_groups[0][filters][1][operator]=null&filter_groups[0][filters][1][x]=1`,
    );

    // Assess
    expect(problems.map((problem) => problem.key)).toEqual([
      `${at}[value][0]`,
      'filter_groups[0][filters][1][x]',
      `${at}[operator]`,
    ]);
  });

  it('a value list read as value[] keys or comma-joined by API Gateway is the same filter', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[0-9A-Za-z:.-]{1,12}$/), { minLength: 1, maxLength: 6 }),
        (values) => {
          // Prepare
          const repeated = new URLSearchParams([
            [`${at}[key]`, 'created_at'],
            [`${at}[operator]`, 'in'],
            ...values.map((value): [string, string] => [`${at}[value][]`, value]),
          ]);
          const joined = new URLSearchParams([
            [`${at}[key]`, 'created_at'],
            [`${at}[operator]`, 'in'],
            [`${at}[value][]`, values.join(',')],
          ]);

          // Act / Assess
          expect(parseFilterGroups(repeated, allowed)).toEqual(parseFilterGroups(joined, allowed));
          expect(parseFilterGroups(repeated, allowed).groups[0]!.filters[0]!.values).toEqual(values);
        },
      ),
    );
  });
});

describe('withInstantValues', () => {
  const record = { created_at: '2026-11-10T08:00:00.000Z' };
  const at = 'filter_groups[0][filters][0]';
  const groupsOf = (operator: string, value: string) =>
    withInstantValues(
      parse(`${at}[key]=created_at&${at}[operator]=${operator}&${at}[value]=${encodeURIComponent(value)}`)
        .groups,
      ['created_at'],
    );

  it.each([
    ['eq', '2026-11-10T09:00:00+01:00', true],
    ['gte', '2026-11-10 08:00:00', true],
    ['lt', '2026-11-10T08:30:00+01:00', false],
    ['bt', '2026-11-10T00:00:00-05:00,2026-11-10 08:00:00', true],
    ['gte', '2026-11', true],
    ['sw', '2026-11-10', true],
  ])('%s %s → %s: a time in any zone compares as the instant it names', (operator, value, expected) => {
    // Act
    const matches = matchesFilterGroups(record, groupsOf(operator, value));

    // Assess
    expect(matches).toBe(expected);
  });
});
