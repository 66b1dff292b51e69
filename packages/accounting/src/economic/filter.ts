/**
 * e-conomic's collection filters (contract §9): `?filter=<property>$<operator>:<value>`.
 *
 * In a value, `$ ( ) * ,` are escaped with a `$` (`$` → `$$`, `(` → `$(` …), as the reference
 * documentation says; `[` and `]` are NOT escaped, which a live probe showed the docs get wrong.
 * The whole filter is then percent-encoded by the HTTP client (query values always are). String
 * filters are case-insensitive, so callers compare what comes back exactly.
 */
export const escapeFilterValue = (value: string): string => value.replace(/[$()*,]/g, (c) => `$${c}`);

export const equalsFilter = (property: string, value: string): string =>
  `${property}$eq:${escapeFilterValue(value)}`;
