/**
 * The filter syntax of the export-tracking API's family (docs/seeds/004-export-tracking.txt, "Filters Syntax"):
 *
 *   filter_groups[0][filters][0][key]=created_at
 *   filter_groups[0][filters][0][value]=2026-11-01T00:00:00Z
 *   filter_groups[0][filters][0][operator]=gte
 *   filter_groups[0][filters][0][not]=1            (optional: negates the filter)
 *   filter_groups[0][or]=1                         (optional: the group's filters are OR-ed)
 *
 * Groups are AND-ed; inside a group filters are AND-ed, or OR-ed with `or`. Operators: eq, gt,
 * gte, lt, lte, in (comma-separated values), ct (contains), sw (starts with), ew (ends with).
 * Parsing reports every problem with the key the caller wrote, never throws.
 */
export const filterOperators = ['eq', 'gt', 'gte', 'lt', 'lte', 'in', 'ct', 'sw', 'ew'] as const;
export type FilterOperator = (typeof filterOperators)[number];

export interface Filter {
  readonly key: string;
  readonly operator: FilterOperator;
  readonly value: string;
  readonly not: boolean;
}

export interface FilterGroup {
  readonly or: boolean;
  readonly filters: readonly Filter[];
}

export interface FilterProblem {
  readonly key: string;
  readonly description: string;
}

const truthy = (value: string | undefined): boolean => value === '1' || value === 'true';

/** `filter_groups[0][filters][1][key]` → ['0', 'filters', '1', 'key']; anything else → undefined. */
const path = (name: string): string[] | undefined => {
  const match = /^filter_groups((?:\[[^[\]]*\])+)$/.exec(name);
  return match ? [...match[1]!.matchAll(/\[([^[\]]*)\]/g)].map((part) => part[1]!) : undefined;
};

export const parseFilterGroups = (
  query: URLSearchParams,
  allowedKeys: readonly string[],
): { groups: FilterGroup[]; problems: FilterProblem[] } => {
  type RawGroup = { or?: string; filters: Map<number, Record<string, string>> };
  const raw = new Map<number, RawGroup>();
  const problems: FilterProblem[] = [];
  for (const [name, value] of query) {
    if (name !== 'filter_groups' && !name.startsWith('filter_groups[')) continue;
    const parts = path(name);
    const [group, field, filter, property] = parts ?? [];
    const groupIndex = Number(group);
    if (!parts || !/^\d{1,3}$/.test(group ?? '')) {
      problems.push({
        key: name,
        description: 'Use filter_groups[<n>][filters][<m>][key|value|operator|not] or filter_groups[<n>][or]',
      });
      continue;
    }
    const entry: RawGroup = raw.get(groupIndex) ?? { filters: new Map() };
    raw.set(groupIndex, entry);
    if (parts.length === 2 && field === 'or') entry.or = value;
    else if (
      parts.length === 4 &&
      field === 'filters' &&
      /^\d{1,3}$/.test(filter ?? '') &&
      ['key', 'value', 'operator', 'not'].includes(property!)
    ) {
      const target = entry.filters.get(Number(filter)) ?? {};
      target[property!] = value;
      entry.filters.set(Number(filter), target);
    } else {
      problems.push({
        key: name,
        description: 'Use filter_groups[<n>][filters][<m>][key|value|operator|not] or filter_groups[<n>][or]',
      });
    }
  }

  const groups: FilterGroup[] = [];
  for (const [groupIndex, entry] of [...raw.entries()].sort(([a], [b]) => a - b)) {
    const filters: Filter[] = [];
    for (const [filterIndex, given] of [...entry.filters.entries()].sort(([a], [b]) => a - b)) {
      const at = `filter_groups[${groupIndex}][filters][${filterIndex}]`;
      if (!given.key || !allowedKeys.includes(given.key)) {
        problems.push({
          key: `${at}[key]`,
          description: `Filtering is allowed on: ${allowedKeys.join(', ')}`,
        });
        continue;
      }
      const operator = (given.operator ?? 'eq') as FilterOperator;
      if (!filterOperators.includes(operator)) {
        problems.push({
          key: `${at}[operator]`,
          description: `Operator must be one of: ${filterOperators.join(', ')}`,
        });
        continue;
      }
      if (given.value === undefined) {
        problems.push({ key: `${at}[value]`, description: 'A filter needs a value' });
        continue;
      }
      filters.push({ key: given.key, operator, value: given.value, not: truthy(given.not) });
    }
    if (filters.length > 0) groups.push({ or: truthy(entry.or), filters });
  }
  return { groups, problems };
};

const compare = (left: string, operator: FilterOperator, right: string): boolean => {
  switch (operator) {
    case 'eq':
      return left === right;
    case 'gt':
      return left > right;
    case 'gte':
      return left >= right;
    case 'lt':
      return left < right;
    case 'lte':
      return left <= right;
    case 'in':
      return right.split(',').includes(left);
    case 'ct':
      return left.includes(right);
    case 'sw':
      return left.startsWith(right);
    case 'ew':
      return left.endsWith(right);
  }
};

/**
 * Whether a record passes every group. Values are compared as strings: for the timestamps this
 * API filters on (ISO 8601, UTC) string order is time order, and a date-only value like
 * `2026-11-01` compares as the start of that day.
 */
export const matchesFilterGroups = (
  record: Readonly<Record<string, string>>,
  groups: readonly FilterGroup[],
): boolean =>
  groups.every((group) => {
    const results = group.filters.map((filter) => {
      const value = record[filter.key];
      const hit = value !== undefined && compare(value, filter.operator, filter.value);
      return filter.not ? !hit : hit;
    });
    return group.or ? results.some(Boolean) : results.every(Boolean);
  });
