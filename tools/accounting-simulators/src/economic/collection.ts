import type { Clock } from '../kit/clock.ts';
import type { SimRequest, SimResponse } from '../kit/http.ts';
import { legacyError } from './errors.ts';
import { compare, compileFilter, FilterError } from './filter.ts';
import type { FieldType } from './schemas.ts';

/**
 * A legacy REST collection answer (contract §9): `skippages`/`pagesize` paging (default 20, at
 * most 1000; outside 1..1000 → 400 `E04810`; past the end → 200 with an empty collection),
 * `filter`, `sort` (`name`, `-name`, `~name`, comma-separated; only `sortable` fields), and the
 * body `{collection, pagination, self}`.
 */
export interface CollectionSpec {
  /** The collection's path, e.g. `/customers`. */
  readonly path: string;
  readonly filterable: ReadonlyMap<string, FieldType>;
  readonly sortable: ReadonlyMap<string, FieldType>;
  /** Filters that crash the real API (a 500), e.g. orders by `paymentTerms.paymentTermsNumber`. */
  readonly crashingFilterFields?: readonly string[];
}

export const maxPageSize = 1000;
export const defaultPageSize = 20;

const param = (request: SimRequest, name: string): string | undefined => {
  for (const [key, value] of request.query) if (key.toLowerCase() === name) return value;
  return undefined;
};

/**
 * A collection's items before rendering, for one large enough that rendering every item for each
 * read costs (a month-end agreement's 20,000 customers held the simulator's one thread, and every
 * call waiting on it, for half a second a read): only what the answer may hold is rendered.
 * Without a filter or a sort, that is the page asked for (the customers are read in twenty pages).
 * With a filter, the collection may name the only items it can match, found by key without
 * rendering the rest (how Faktura reads an export's customers: `customerNumber$in:[…]`, fifty to
 * two hundred at a time); the filter still runs on what is rendered, so the answer is the same.
 */
export interface UnrenderedItems<T> {
  /** How many items the collection holds (`resultsWithoutFilter`). */
  readonly size: number;
  /**
   * The items, in the collection's order, that can answer a request with this filter (undefined
   * when it has none): all of them, or for a filter the collection can look up by key, only those
   * the filter names.
   */
  readonly itemsFor: (filter: string | undefined) => readonly T[];
  readonly render: (item: T) => Record<string, unknown>;
}

export const collectionResponse = <T>(
  clock: Clock,
  baseUrl: string,
  request: SimRequest,
  spec: CollectionSpec,
  all: readonly Record<string, unknown>[] | UnrenderedItems<T>,
): SimResponse => {
  const pageSizeText = param(request, 'pagesize');
  const skipPagesText = param(request, 'skippages');
  const filterText = param(request, 'filter');
  const sortText = param(request, 'sort');

  const pageSize = pageSizeText === undefined ? defaultPageSize : Number(pageSizeText);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > maxPageSize) {
    return legacyError(
      clock,
      400,
      `The page size must be between 1 and ${maxPageSize}.`,
      "Use the querystring parameter 'pagesize' with a value from 1 to 1000.",
      { errorCode: 'E04810', errors: [`Page size ${pageSizeText} is not allowed.`] },
    );
  }
  const skipPages = skipPagesText === undefined ? 0 : Number(skipPagesText);
  if (!Number.isInteger(skipPages) || skipPages < 0) {
    return legacyError(
      clock,
      400,
      'Could not parse the querystring parameter skippages.',
      "Use the querystring parameter 'skippages' with a whole number of pages to skip, from 0.",
      { errors: [`skippages ${skipPagesText} is not a whole number from 0.`] },
    );
  }

  const countWithoutFilter = 'render' in all ? all.size : all.length;
  const filtered = filterText !== undefined && filterText !== '';
  if ('render' in all && !filtered && !sortText) {
    const page = all
      .itemsFor(undefined)
      .slice(skipPages * pageSize, (skipPages + 1) * pageSize)
      .map(all.render);
    return pageResponse(baseUrl, spec, { pageSize, skipPages, countWithoutFilter }, all.size, page);
  }
  let items = 'render' in all ? all.itemsFor(filtered ? filterText : undefined).map(all.render) : [...all];
  if (filtered) {
    try {
      const crashing = spec.crashingFilterFields?.find((field) => filterText.includes(`${field}$`));
      if (crashing) {
        return legacyError(clock, 500, 'An error occurred.', 'Either try again, or contact our support.');
      }
      const predicate = compileFilter(filterText, spec.filterable);
      items = items.filter(predicate);
    } catch (error) {
      if (!(error instanceof FilterError)) throw error;
      return legacyError(
        clock,
        400,
        'Could not parse query string filter.',
        "Filtering on collections can be done using the querystring parameter 'filter'.",
        {
          errors: error.errors,
          ...(error.allowedFilteringFields ? { allowedFilteringFields: error.allowedFilteringFields } : {}),
        },
      );
    }
  }

  if (sortText !== undefined && sortText !== '') {
    const keys = sortText.split(',').map((part) => {
      const descending = part.startsWith('-');
      const bare = part.replace(/^[-~]+/, '');
      const alphabetical = part.replace(/^-/, '').startsWith('~');
      return { field: bare, descending, alphabetical };
    });
    const unsortable = keys.find((key) => !spec.sortable.has(key.field));
    if (unsortable) {
      return legacyError(
        clock,
        400,
        'Could not parse query string sort.',
        "Sorting on collections can be done using the querystring parameter 'sort'.",
        {
          errors: [`Sorting is not allowed on property '${unsortable.field}'.`],
          allowedSortingFields: [...spec.sortable.keys()],
        },
      );
    }
    const read = (entity: Record<string, unknown>, field: string) =>
      field.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], entity);
    items.sort((a, b) => {
      for (const key of keys) {
        const left = read(a, key.field);
        const right = read(b, key.field);
        let order: number;
        if (left === undefined || right === undefined)
          order = left === right ? 0 : left === undefined ? -1 : 1;
        else order = key.alphabetical ? compare(String(left), String(right)) : compare(left, right);
        if (order !== 0) return key.descending ? -order : order;
      }
      return 0;
    });
  }

  const page = items.slice(skipPages * pageSize, (skipPages + 1) * pageSize);
  return pageResponse(
    baseUrl,
    spec,
    { pageSize, skipPages, countWithoutFilter, filterText, sortText },
    items.length,
    page,
  );
};

/** One page of the answer: the collection, its pagination links and its own URL. */
const pageResponse = (
  baseUrl: string,
  spec: CollectionSpec,
  paging: {
    readonly pageSize: number;
    readonly skipPages: number;
    readonly countWithoutFilter: number;
    readonly filterText?: string | undefined;
    readonly sortText?: string | undefined;
  },
  results: number,
  collection: readonly Record<string, unknown>[],
): SimResponse => {
  const { pageSize, skipPages, countWithoutFilter, filterText, sortText } = paging;
  const lastPageIndex = Math.max(0, Math.ceil(results / pageSize) - 1);
  const pageUrl = (skip: number) => {
    const query = [`skippages=${skip}`, `pagesize=${pageSize}`];
    if (filterText) query.push(`filter=${encodeURIComponent(filterText)}`);
    if (sortText) query.push(`sort=${encodeURIComponent(sortText)}`);
    return `${baseUrl}${spec.path}?${query.join('&')}`;
  };
  return {
    status: 200,
    json: {
      collection,
      pagination: {
        maxPageSizeAllowed: maxPageSize,
        skipPages,
        pageSize,
        results,
        resultsWithoutFilter: countWithoutFilter,
        firstPage: pageUrl(0),
        ...(skipPages > 0 ? { previousPage: pageUrl(Math.min(skipPages - 1, lastPageIndex)) } : {}),
        ...(skipPages < lastPageIndex ? { nextPage: pageUrl(skipPages + 1) } : {}),
        lastPage: pageUrl(lastPageIndex),
      },
      self: pageUrl(skipPages),
    },
  };
};
