import { combine, Refusal } from '#domain/refusal';
import { fieldKey } from './field-path.ts';

/**
 * One rule for every text a request carries: no control characters. Names, notes and line texts
 * end up in CSV files, e-mails and the accounting systems' drafts, where a NUL, an escape sequence,
 * a carriage return or half a UTF-16 pair corrupts the file or is refused far from the request that
 * sent it. Tab and line feed are the only control characters kept: a multi-line note is ordinary.
 *
 * Refused: U+0000–U+001F but tab (U+0009) and line feed (U+000A), U+007F, U+0080–U+009F (C1) and a
 * surrogate (U+D800–U+DFFF) that is not half of a pair.
 */

/** The first code point that is refused in `text`, as `U+XXXX`; undefined when there is none. */
export const firstControlCharacter = (text: string): string | undefined => {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        index += 1; // a whole pair: one character outside the BMP
        continue;
      }
      return codePoint(code);
    }
    if (code >= 0xdc00 && code <= 0xdfff) return codePoint(code);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a) || (code >= 0x7f && code <= 0x9f))
      return codePoint(code);
  }
  return undefined;
};

const codePoint = (code: number): string => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

const refusal = (key: string, what: string, found: string): Refusal =>
  new Refusal(
    422,
    key,
    `${what} contains a control character (${found}); only tab and line feed are allowed in text`,
  );

/** More than this many are not listed: the request is refused all the same. */
const maxReported = 100;

/**
 * Every string in a parsed JSON value, and every object key, checked; one problem per offending
 * field, keyed by its path as the seeds write it (`lines[2].description`). Iterative, so a deeply
 * nested body cannot overflow the stack.
 */
const problemsIn = (value: unknown, root: string): Refusal[] => {
  const problems: Refusal[] = [];
  // Each entry keeps its parent's path by reference: copying paths would cost the square of the depth.
  const pending: [unknown, PathNode | undefined][] = [[value, undefined]];
  while (pending.length > 0 && problems.length < maxReported) {
    const [current, path] = pending.pop()!;
    if (typeof current === 'string') {
      const found = firstControlCharacter(current);
      if (found) {
        const key = keyOf(path, root);
        problems.push(refusal(key, key, found));
      }
    } else if (Array.isArray(current)) {
      for (let index = current.length - 1; index >= 0; index -= 1)
        pending.push([current[index], { parent: path, segment: index }]);
    } else if (current !== null && typeof current === 'object') {
      const entries = Object.entries(current);
      for (let index = entries.length - 1; index >= 0; index -= 1) {
        const [name, child] = entries[index]!;
        const found = firstControlCharacter(name);
        // The name itself cannot be the key of the answer: it would carry the character back.
        if (found) problems.push(refusal(keyOf(path, root), 'A field name', found));
        else pending.push([child, { parent: path, segment: name }]);
      }
    }
  }
  return problems;
};

interface PathNode {
  readonly parent: PathNode | undefined;
  readonly segment: string | number;
}

const keyOf = (node: PathNode | undefined, root: string): string => {
  const segments: (string | number)[] = [];
  for (let at = node; at; at = at.parent) segments.push(at.segment);
  return fieldKey(segments.reverse()) || root;
};

/** The request headers whose value a handler reads as text, and the key a refusal names. */
export const textHeaders: Readonly<Record<string, string>> = { 'idempotency-key': 'Idempotency-Key' };

export interface RequestTexts {
  readonly body?: unknown;
  readonly query?: Readonly<Record<string, string | undefined>>;
  readonly headers?: Readonly<Record<string, string | undefined>>;
}

/**
 * The one 422 (a single problem, or `multiple`) for every control character in the body, the query
 * values and the text headers of a request; undefined when there is none.
 */
export const controlCharacterError = ({ body, query, headers }: RequestTexts): Refusal | undefined => {
  const problems = [
    ...Object.entries(headers ?? {}).flatMap(([name, value]) => {
      const key = textHeaders[name.toLowerCase()];
      const found = key && value !== undefined ? firstControlCharacter(value) : undefined;
      return key && found ? [refusal(key, key, found)] : [];
    }),
    ...Object.entries(query ?? {}).flatMap(([name, value]) => {
      const inName = firstControlCharacter(name);
      if (inName) return [refusal('query', 'A query parameter name', inName)];
      const inValue = value === undefined ? undefined : firstControlCharacter(value);
      return inValue ? [refusal(name, name, inValue)] : [];
    }),
    ...(body === undefined ? [] : problemsIn(body, 'body')),
  ];
  // One problem per key is enough to fix it (two bad names in one object are one key).
  const byKey = new Map(problems.map((problem) => [problem.key, problem] as const));
  return combine([...byKey.values()].slice(0, maxReported));
};

/** Throws the 422 of {@link controlCharacterError} when there is one. */
export const throwIfControlCharacters = (texts: RequestTexts): void => {
  const error = controlCharacterError(texts);
  if (error) throw error;
};
