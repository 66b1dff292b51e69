/**
 * The filter syntax of the export-tracking API's family (docs/seeds/004-export-tracking.txt, "Filters Syntax"):
 *
 *   filter_groups[0][filters][0][key]=created_at
 *   filter_groups[0][filters][0][value]=2026-11-01T00:00:00Z
 *   filter_groups[0][filters][0][operator]=gte
 *   filter_groups[0][filters][0][not]=1            (optional: negates the filter)
 *   filter_groups[0][or]=1                         (optional: the group's filters are OR-ed)
 *   filter_groups[0][filters][0][value][]=a        (repeated: the values of `in` and `bt`)
 *
 * Groups are AND-ed; inside a group filters are AND-ed, or OR-ed with `or`. Operators: eq, gt,
 * gte, lt, lte, ct (contains), sw (starts with), ew (ends with); in (any of the values), bt
 * (between two values, both ends included); null and notnull (whether the field has a value; they
 * take no value). `in` and `bt` take their values as `value[]` keys or as one comma-separated
 * `value`: API Gateway joins a repeated key's values with commas, so both arrive alike.
 * Anything else is a problem: parsing reports every one with the key the caller wrote, never
 * throws, and never drops part of a filter.
 */
import { parseInstant } from './export-tracking/instant.ts';
import { readQueryBoolean } from './query-boolean.ts';

export const filterOperators = [
  'eq',
  'gt',
  'gte',
  'lt',
  'lte',
  'in',
  'bt',
  'ct',
  'sw',
  'ew',
  'null',
  'notnull',
] as const;
export type FilterOperator = (typeof filterOperators)[number];

export interface Filter {
  readonly key: string;
  readonly operator: FilterOperator;
  /** One value; the values of `in`; the two ends of `bt`; none for `null` and `notnull`. */
  readonly values: readonly string[];
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

type RawFilter = { key?: string; operator?: string; not?: string; value?: string; list?: string[] };

const usage =
  'Use filter_groups[<n>][filters][<m>][key|value|value[]|operator|not] or filter_groups[<n>][or]';

/** A filter's yes/no (`not`, `or`) by the one rule for query booleans; absent is no. */
const flag = (value: string | undefined): boolean | undefined =>
  value === undefined ? false : readQueryBoolean(value);

const flagUsage = 'must be true or false (or 1/0)';

/** `filter_groups[0][filters][1][key]` → ['0', 'filters', '1', 'key']; anything else → undefined. */
const path = (name: string): string[] | undefined => {
  const match = /^filter_groups((?:\[[^[\]]*\])+)$/.exec(name);
  return match ? [...match[1]!.matchAll(/\[([^[\]]*)\]/g)].map((part) => part[1]!) : undefined;
};

export const parseFilterGroups = (
  query: URLSearchParams,
  allowedKeys: readonly string[],
): { groups: FilterGroup[]; problems: FilterProblem[] } => {
  type RawGroup = { or?: string; filters: Map<number, RawFilter> };
  const raw = new Map<number, RawGroup>();
  const problems: FilterProblem[] = [];
  for (const [name, value] of query) {
    if (name !== 'filter_groups' && !name.startsWith('filter_groups[')) continue;
    const parts = path(name);
    const [group, field, filter, property] = parts ?? [];
    const groupIndex = Number(group);
    if (!parts || !/^\d{1,3}$/.test(group ?? '')) {
      problems.push({ key: name, description: usage });
      continue;
    }
    const entry: RawGroup = raw.get(groupIndex) ?? { filters: new Map() };
    raw.set(groupIndex, entry);
    if (parts.length === 2 && field === 'or') entry.or = value;
    else if (field === 'filters' && /^\d{1,3}$/.test(filter ?? '') && parts.length <= 5) {
      const target = entry.filters.get(Number(filter)) ?? {};
      entry.filters.set(Number(filter), target);
      const list = parts.length === 5 && property === 'value' && parts[4] === '';
      if (list) target.list = [...(target.list ?? []), ...value.split(',')];
      else if (
        parts.length === 4 &&
        (['key', 'value', 'operator', 'not'] as const).includes(property as 'key')
      )
        target[property as 'key' | 'value' | 'operator' | 'not'] = value;
      else problems.push({ key: name, description: usage });
    } else {
      problems.push({ key: name, description: usage });
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
      const values = valuesOf(given, operator);
      if (typeof values === 'string') {
        problems.push({ key: `${at}[value]`, description: values });
        continue;
      }
      const not = flag(given.not);
      if (not === undefined) {
        problems.push({ key: `${at}[not]`, description: `not ${flagUsage}` });
        continue;
      }
      filters.push({ key: given.key, operator, values, not });
    }
    const or = flag(entry.or);
    if (or === undefined)
      problems.push({ key: `filter_groups[${groupIndex}][or]`, description: `or ${flagUsage}` });
    else if (filters.length > 0) groups.push({ or, filters });
  }
  return { groups, problems };
};

/** A filter's values, or why it has none it can use. */
const valuesOf = (given: RawFilter, operator: FilterOperator): readonly string[] | string => {
  if (given.value !== undefined && given.list !== undefined)
    return 'Give the values either as value or as value[], not both';
  if (operator === 'null' || operator === 'notnull')
    return (given.value ?? '') === '' && given.list === undefined
      ? []
      : `The ${operator} operator takes no value`;
  if (operator === 'in' || operator === 'bt') {
    const values = given.list ?? given.value?.split(',') ?? [];
    if (values.length === 0 || values.some((value) => value === ''))
      return `The ${operator} operator needs values`;
    if (operator === 'bt' && values.length !== 2)
      return 'The bt operator needs two values, the lower and the upper end: value[]=a&value[]=b or value=a,b';
    return values;
  }
  if (given.list !== undefined)
    return given.list.length === 1 ? given.list : `The ${operator} operator takes one value`;
  return given.value === undefined ? 'A filter needs a value' : [given.value];
};

const compare = (left: string | undefined, operator: FilterOperator, right: readonly string[]): boolean => {
  if (operator === 'null') return left === undefined || left === '';
  if (operator === 'notnull') return left !== undefined && left !== '';
  if (left === undefined) return false;
  const [first = ''] = right;
  switch (operator) {
    case 'eq':
      return left === first;
    case 'gt':
      return left > first;
    case 'gte':
      return left >= first;
    case 'lt':
      return left < first;
    case 'lte':
      return left <= first;
    case 'in':
      return right.includes(left);
    case 'bt':
      return left >= first && left <= right[1]!;
    case 'ct':
      return left.includes(first);
    case 'sw':
      return left.startsWith(first);
    case 'ew':
      return left.endsWith(first);
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
      const hit = compare(record[filter.key], filter.operator, filter.values);
      return filter.not ? !hit : hit;
    });
    return group.or ? results.some(Boolean) : results.every(Boolean);
  });

/** The operators that order values; the others (ct, sw, ew) look at the text as written. */
const ordering: readonly FilterOperator[] = ['eq', 'gt', 'gte', 'lt', 'lte', 'in', 'bt'];

/**
 * Filters on timestamp keys with their values read as instants where they are written as one
 * (`2026-11-01 13:45:00`, any ISO offset, a date), so that a time in another zone compares as the
 * time it names, not as text. A value that names no instant (a prefix such as `2026-11`) stays text.
 */
export const withInstantValues = (groups: readonly FilterGroup[], keys: readonly string[]): FilterGroup[] =>
  groups.map((group) => ({
    ...group,
    filters: group.filters.map((filter) =>
      keys.includes(filter.key) && ordering.includes(filter.operator)
        ? { ...filter, values: filter.values.map((value) => parseInstant(value) ?? value) }
        : filter,
    ),
  }));
