import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchesFilterGroups, parseFilterGroups } from '../../src/filter-groups.ts';

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
      { or: false, filters: [{ key: 'created_at', operator: 'gte', value: '2026-11-01', not: false }] },
      {
        or: true,
        filters: [
          { key: 'updated_at', operator: 'lt', value: '2026-11-05', not: false },
          { key: 'updated_at', operator: 'gt', value: '2026-11-20', not: true },
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

  it('negates with not', () => {
    const groups = parse(
      'filter_groups[0][filters][0][key]=created_at&filter_groups[0][filters][0][operator]=sw&filter_groups[0][filters][0][value]=2026&filter_groups[0][filters][0][not]=1',
    ).groups;

    expect(matchesFilterGroups(record, groups)).toBe(false);
  });
});
