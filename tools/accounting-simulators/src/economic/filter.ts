import type { FieldType } from './schemas.ts';

/**
 * The legacy REST `filter` query parameter (contract §9, RD "Filtering"):
 * `prop$op:value`, operators `$eq: $ne: $gt: $gte: $lt: $lte: $like: $in: $nin:`, combined with
 * `$and:` / `$or:` (`$and:` binds tighter) and parentheses; `$null:` for an absent property.
 *
 * - Escapes in values: `$$` → `$`, `$(` → `(`, `$)` → `)`, `$*` → `*`, `$,` → `,`. As observed
 *   live, `[` and `]` are not escaped (`$[` is a parse error) and `$` and `)` must be; an unescaped
 *   `(`, `*` (outside `$like:`) or `,` (outside `$in:`) is taken literally.
 * - Strings compare case-insensitively; `$like:` without `*` means "contains"; in `$like:` a
 *   `[...]` is a character class, as in SQL.
 * - `$in:[1,2]` / `$nin:` only on numeric properties, at most 200 values.
 * - Only the properties a collection schema marks `filterable` may be filtered on; any other gives
 *   a 400 with `allowedFilteringFields`.
 * - A boolean that is absent (e-conomic omits `false`) compares as false.
 */
export class FilterError extends Error {
  public override readonly name = 'FilterError';
  public constructor(
    public readonly errors: readonly string[],
    /** Set when the problem is a property that may not be filtered on. */
    public readonly allowedFilteringFields?: readonly string[],
  ) {
    super(errors.join(' '));
  }
}

type Operator = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'like' | 'in' | 'nin';

type RawValue =
  | { readonly kind: 'null' }
  | { readonly kind: 'text'; readonly text: string; readonly like?: RegExp }
  | { readonly kind: 'list'; readonly items: readonly (string | null)[] };

type Expression =
  | { readonly kind: 'and' | 'or'; readonly left: Expression; readonly right: Expression }
  | {
      readonly kind: 'predicate';
      readonly field: string;
      readonly operator: Operator;
      readonly value: RawValue;
    };

const operators: readonly Operator[] = ['eq', 'ne', 'gte', 'gt', 'lte', 'lt', 'like', 'in', 'nin'];
const escapes: Record<string, string> = { $: '$', '(': '(', ')': ')', '*': '*', ',': ',' };

class Parser {
  private position = 0;

  public constructor(private readonly source: string) {}

  public parse(): Expression {
    const expression = this.parseOr();
    if (this.position !== this.source.length) this.fail(`Unexpected '${this.source[this.position]}'`);
    return expression;
  }

  private parseOr(): Expression {
    let left = this.parseAnd();
    while (this.consume('$or:')) left = { kind: 'or', left, right: this.parseAnd() };
    return left;
  }

  private parseAnd(): Expression {
    let left = this.parseTerm();
    while (this.consume('$and:')) left = { kind: 'and', left, right: this.parseTerm() };
    return left;
  }

  private parseTerm(): Expression {
    if (this.consume('(')) {
      const inner = this.parseOr();
      if (!this.consume(')')) this.fail("Missing ')'");
      return inner;
    }
    return this.parsePredicate();
  }

  private parsePredicate(): Expression {
    const start = this.position;
    while (this.position < this.source.length && /[A-Za-z0-9._]/.test(this.source[this.position] as string)) {
      this.position += 1;
    }
    const field = this.source.slice(start, this.position);
    if (field === '') this.fail('Expected a property name');
    const operator = operators.find((candidate) => this.consume(`$${candidate}:`));
    if (!operator) this.fail(`Expected an operator after '${field}'`);
    const value = this.parseValue(operator as Operator);
    return { kind: 'predicate', field, operator: operator as Operator, value };
  }

  private parseValue(operator: Operator): RawValue {
    if (this.consume('$null:')) return { kind: 'null' };
    if (operator === 'in' || operator === 'nin') return this.parseList();
    let text = '';
    let regex = '';
    for (;;) {
      if (this.atValueEnd()) break;
      const char = this.source[this.position] as string;
      if (char === '$') {
        const escaped = this.source[this.position + 1];
        if (escaped === undefined || escapes[escaped] === undefined) {
          this.fail(`Unexpected '$${escaped ?? ''}' in a value; write '$' as '$$'`);
        }
        text += escaped;
        regex += escapeRegex(escaped as string);
        this.position += 2;
        continue;
      }
      if (operator === 'like' && char === '*') {
        text += char;
        regex += '.*';
        this.position += 1;
        continue;
      }
      if (operator === 'like' && char === '[') {
        const close = this.source.indexOf(']', this.position + 1);
        if (close < 0) this.fail("Missing ']' in a $like: character class");
        const members = this.source.slice(this.position + 1, close).replace(/[\\\]]/g, '\\$&');
        text += this.source.slice(this.position, close + 1);
        regex += `[${members}]`;
        this.position = close + 1;
        continue;
      }
      text += char;
      regex += escapeRegex(char);
      this.position += 1;
    }
    if (operator !== 'like') return { kind: 'text', text };
    const pattern = text.includes('*') || /\[/.test(text) ? regex : `.*${regex}.*`;
    return { kind: 'text', text, like: new RegExp(`^${pattern}$`, 'is') };
  }

  private parseList(): RawValue {
    if (!this.consume('[')) this.fail('$in: and $nin: take a list in brackets: [1,2,3]');
    const items: (string | null)[] = [];
    let current = '';
    let isNull = false;
    for (;;) {
      if (this.position >= this.source.length) this.fail("Missing ']'");
      const char = this.source[this.position] as string;
      if (char === ']' || char === ',') {
        items.push(isNull ? null : current);
        current = '';
        isNull = false;
        this.position += 1;
        if (char === ']') break;
        continue;
      }
      if (this.consume('$null:')) {
        isNull = true;
        continue;
      }
      if (char === '$') {
        const escaped = this.source[this.position + 1];
        if (escaped === undefined || escapes[escaped] === undefined)
          this.fail(`Unexpected '$${escaped ?? ''}'`);
        current += escaped;
        this.position += 2;
        continue;
      }
      current += char;
      this.position += 1;
    }
    return { kind: 'list', items };
  }

  private atValueEnd(): boolean {
    return (
      this.position >= this.source.length ||
      this.source[this.position] === ')' ||
      this.source.startsWith('$and:', this.position) ||
      this.source.startsWith('$or:', this.position)
    );
  }

  private consume(token: string): boolean {
    if (!this.source.startsWith(token, this.position)) return false;
    this.position += token.length;
    return true;
  }

  private fail(reason: string): never {
    throw new FilterError([`${reason} at position ${this.position} of the filter.`]);
  }
}

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A filter checked against the collection's filterable fields, ready to test entities. */
export type EntityPredicate = (entity: Record<string, unknown>) => boolean;

export const compileFilter = (source: string, fields: ReadonlyMap<string, FieldType>): EntityPredicate => {
  const expression = new Parser(source).parse();
  return compileExpression(expression, fields);
};

const compileExpression = (
  expression: Expression,
  fields: ReadonlyMap<string, FieldType>,
): EntityPredicate => {
  if (expression.kind !== 'predicate') {
    const left = compileExpression(expression.left, fields);
    const right = compileExpression(expression.right, fields);
    return expression.kind === 'and' ? (e) => left(e) && right(e) : (e) => left(e) || right(e);
  }
  const type = fields.get(expression.field);
  if (!type) {
    throw new FilterError(
      [`Filtering is not allowed on property '${expression.field}'.`],
      [...fields.keys()],
    );
  }
  const { field, operator, value } = expression;
  const read = (entity: Record<string, unknown>): unknown => {
    const found = field
      .split('.')
      .reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], entity);
    return found === undefined && type === 'boolean' ? false : found;
  };
  if (operator === 'in' || operator === 'nin') {
    if (value.kind !== 'list') throw new FilterError([`$${operator}: takes a list in brackets.`]);
    if (type !== 'integer' && type !== 'number') {
      throw new FilterError([
        `The $${operator}: operator is only allowed on numeric properties ('${field}' is not).`,
      ]);
    }
    if (value.items.length > 200) throw new FilterError([`$${operator}: takes at most 200 values.`]);
    const wanted = value.items.map((item) => (item === null ? null : coerce(item, type, field)));
    const contains = (entity: Record<string, unknown>) => {
      const actual = read(entity);
      return wanted.some((item) => (item === null ? actual === undefined : actual === item));
    };
    return operator === 'in' ? contains : (entity) => !contains(entity);
  }
  if (value.kind === 'list') throw new FilterError([`$${operator}: does not take a list.`]);
  if (value.kind === 'null') {
    if (operator === 'eq') return (entity) => read(entity) === undefined;
    if (operator === 'ne') return (entity) => read(entity) !== undefined;
    throw new FilterError([`$null: can only be used with $eq: and $ne:.`]);
  }
  if (operator === 'like') {
    const like = value.like as RegExp;
    return (entity) => {
      const actual = read(entity);
      return actual !== undefined && actual !== null && like.test(String(actual));
    };
  }
  const expected = coerce(value.text, type, field);
  return (entity) => {
    const actual = read(entity);
    if (actual === undefined || actual === null) return operator === 'ne';
    const order = compare(actual, expected);
    switch (operator) {
      case 'eq':
        return order === 0;
      case 'ne':
        return order !== 0;
      case 'gt':
        return order > 0;
      case 'gte':
        return order >= 0;
      case 'lt':
        return order < 0;
      case 'lte':
        return order <= 0;
    }
  };
};

const coerce = (text: string, type: FieldType, field: string): string | number | boolean => {
  if (type === 'integer' || type === 'number') {
    const number = Number(text);
    if (text.trim() === '' || !Number.isFinite(number)) {
      throw new FilterError([`The value '${text}' is not a number, as property '${field}' requires.`]);
    }
    return number;
  }
  if (type === 'boolean') {
    const lower = text.toLowerCase();
    if (lower !== 'true' && lower !== 'false') {
      throw new FilterError([`The value '${text}' is not a boolean, as property '${field}' requires.`]);
    }
    return lower === 'true';
  }
  return text;
};

/** Strings case-insensitively; numbers and booleans by value. */
export const compare = (actual: unknown, expected: unknown): number => {
  if (typeof actual === 'string' || typeof expected === 'string') {
    const a = String(actual).toLowerCase();
    const b = String(expected).toLowerCase();
    return a < b ? -1 : a > b ? 1 : 0;
  }
  const a = Number(actual);
  const b = Number(expected);
  return a < b ? -1 : a > b ? 1 : 0;
};
