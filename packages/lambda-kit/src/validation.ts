import { en } from 'zod/locales';
import * as z from 'zod/mini';
import { badRequest, combine, Refusal } from '#domain/refusal';
import { fieldKey } from './field-path.ts';

/**
 * Where a value came from decides how a failure reads: a malformed path parameter means the URL is
 * wrong (400), a bad field in the body or query is a 422 naming the field.
 */
export type Source = 'path' | 'query' | 'body';

// zod/mini words its problems through a locale it does not load by itself. A field without its own
// message has always been answered in zod's English ("Too big: expected string to have <=250
// characters"), the locale classic zod loads at import: loaded here, where every request is read.
z.config(en());

const describe = (issue: z.core.$ZodIssue, key: string): string => {
  // Schemas give field-specific messages ("Units is invalid"); zod's generic defaults are turned
  // into a sentence that at least names the field.
  if (issue.code === 'unrecognized_keys') return `Unknown field(s): ${issue.keys.join(', ')}`;
  if (issue.message && !issue.message.startsWith('Invalid input')) return issue.message;
  return `${key || 'Request'} is invalid`;
};

export const toApiError = (error: z.core.$ZodError, source: Source): Refusal => {
  if (source === 'path') {
    return badRequest(error.issues[0]?.message ?? 'Invalid path parameter');
  }
  return combine(problemsOf(error, source)) ?? badRequest('Invalid request');
};

/** Each field's problem (the first one: one is enough to fix it), as 422 naming the field. */
export const problemsOf = (error: z.core.$ZodError, source: Source): Refusal[] => {
  const seen = new Set<string>();
  const problems: Refusal[] = [];
  for (const issue of error.issues) {
    const key = issue.code === 'unrecognized_keys' ? fieldKey(issue.path) || source : fieldKey(issue.path);
    const description = describe(issue, key);
    if (seen.has(key)) continue; // one problem per field is enough to fix it
    seen.add(key);
    problems.push(new Refusal(422, key || source, description));
  }
  return problems;
};

export const parseWith = <Schema extends z.core.$ZodType>(
  schema: Schema,
  value: unknown,
  source: Source,
): z.output<Schema> => {
  const result = z.safeParse(schema, value);
  if (!result.success) throw toApiError(result.error, source);
  return result.data;
};
