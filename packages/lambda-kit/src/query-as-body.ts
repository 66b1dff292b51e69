import * as z from 'zod/mini';
import { readQueryBoolean } from '#domain/query-boolean';
import { combine, type Refusal } from '#domain/refusal';
import type { BodyRule } from './http-handler.ts';
import { problemsOf } from './validation.ts';

type Def = {
  type: string;
  innerType?: z.core.$ZodType;
  in?: z.core.$ZodType;
  element?: z.core.$ZodType;
  shape?: object;
};

const defOf = (schema: z.core.$ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The type a field takes, past optional, default, nullable and pipes: 'number', 'boolean', 'array', … */
const coreOf = (schema: z.core.$ZodType): Def => {
  let def = defOf(schema);
  for (let depth = 0; depth < 10; depth += 1) {
    const inner = def.innerType ?? (def.type === 'pipe' ? def.in : undefined);
    if (!inner) break;
    def = defOf(inner);
  }
  return def;
};

/**
 * A body that may also be given as the query string, as the seeds' export examples do
 * (`…/invoice/draft?reseller=…&layout=24`, no body): one object schema, two ways to send it.
 *
 * The query's text is turned into what each field of the schema takes (a number field reads
 * `24` as 24; a boolean field reads `true/false/1/0` in any case; a list field reads a comma list,
 * which is also how API Gateway joins a repeated key, and `key[]` as `key`); text that does not
 * read as its field's type is passed on as it is, so the schema refuses it naming the field
 * (`layout=abc` → 422 `layout`). Then the query and the body are each checked with the schema,
 * every problem of both answered at once, and merged field by field: a field in the body wins.
 * No body and no query is the empty object. Every field is optional (a route that needs one
 * checks it itself), since either of the two may leave it to the other.
 */
export const queryOrBody = <Schema extends z.core.$ZodType>(schema: Schema): BodyRule<z.output<Schema>> => {
  // The query and the body are each checked with the whole schema, so a field the schema requires
  // would be refused as missing from whichever of the two left it to the other: refused here, when
  // the route is declared, rather than answered as a wrong 422 at run time.
  const shape = (coreOf(schema).shape ?? {}) as Record<string, z.core.$ZodType>;
  const required = Object.keys(shape).filter(
    (name) => (shape[name] as unknown as { _zod: { optin?: string } })._zod.optin === undefined,
  );
  if (required.length > 0)
    throw new Error(`queryOrBody takes optional fields only; required: ${required.join(', ')}`);
  return {
    schemas: [schema],
    optional: true,
    queryParameters: schema,
    read: (body, { query }) => parseQueryOrBody(schema, query, body),
  };
};

const fromText = (text: string, field: z.core.$ZodType): unknown => {
  const def = coreOf(field);
  if (def.type === 'number') return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
  if (def.type === 'boolean') return readQueryBoolean(text) ?? text;
  if (def.type === 'array' && def.element) {
    const element = def.element;
    return text === '' ? [] : text.split(',').map((each) => fromText(each.trim(), element));
  }
  return text;
};

/** The query as the schema's fields; a key not among them stays text, for the schema to refuse. */
const queryValues = (
  schema: z.core.$ZodType,
  query: Readonly<Record<string, string>>,
): Record<string, unknown> => {
  const shape = (coreOf(schema).shape ?? {}) as Record<string, z.core.$ZodType>;
  const values: Record<string, unknown> = {};
  for (const [key, text] of Object.entries(query)) {
    const name = key.endsWith('[]') && Object.hasOwn(shape, key.slice(0, -2)) ? key.slice(0, -2) : key;
    const field = Object.hasOwn(shape, name) ? shape[name] : undefined;
    const value = field ? fromText(text, field) : text;
    const earlier = values[name];
    // `key` and `key[]` both given: one list.
    values[name] = Array.isArray(earlier) && Array.isArray(value) ? [...earlier, ...value] : value;
  }
  return values;
};

/** Parses the query and the body with the one schema; the body's fields win. */
const parseQueryOrBody = <Schema extends z.core.$ZodType>(
  schema: Schema,
  query: Readonly<Record<string, string>>,
  body: Readonly<Record<string, unknown>> | undefined,
): z.output<Schema> => {
  const fromQuery = z.safeParse(schema, queryValues(schema, query));
  const fromBody = z.safeParse(schema, body ?? {});
  const problems: Refusal[] = [];
  const seen = new Set<string>();
  for (const problem of [
    ...(fromQuery.success ? [] : problemsOf(fromQuery.error, 'query')),
    ...(fromBody.success ? [] : problemsOf(fromBody.error, 'body')),
  ]) {
    if (seen.has(problem.key)) continue;
    seen.add(problem.key);
    problems.push(problem);
  }
  const refused = combine(problems);
  if (refused) throw refused;
  const given = new Set(Object.keys(body ?? {}));
  const bodyFields = Object.entries(fromBody.data as Record<string, unknown>).filter(([key]) =>
    given.has(key),
  );
  return { ...(fromQuery.data as object), ...Object.fromEntries(bodyFields) } as z.output<Schema>;
};
