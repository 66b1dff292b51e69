/**
 * A yes/no value in a query string, one rule for every route and filter: `true`/`false`/`1`/`0` in
 * any case. A URL is typed by people and written by clients that send `True` or `1`; anything else
 * is refused, never guessed. Spelled out letter by letter so the API reference's JSON Schema (which
 * has no case-insensitive flag) states exactly what is accepted.
 */
export const queryBooleanForms = '[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee]|1|0';

const queryBooleanPattern = new RegExp(`^(?:${queryBooleanForms})$`);

/** The value as a boolean, or undefined when it is none of the accepted forms. */
export const readQueryBoolean = (value: unknown): boolean | undefined =>
  typeof value === 'string' && queryBooleanPattern.test(value)
    ? value === '1' || value.toLowerCase() === 'true'
    : undefined;
