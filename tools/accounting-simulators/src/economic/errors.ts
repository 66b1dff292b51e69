import { randomBytes } from 'node:crypto';
import type { Clock } from '../kit/clock.ts';
import type { SimResponse } from '../kit/http.ts';

/**
 * e-conomic's legacy REST error bodies (contract §7): `message`, `developerHint`, `logId`,
 * `httpStatusCode`, `logTime`, optionally `errorCode`, `errors` (an annotated object mirroring
 * the payload, or a list of strings) and `allowedFilteringFields`.
 */
export interface FieldError {
  readonly errorCode?: string;
  readonly message: string;
  readonly value?: unknown;
  readonly developerHint?: string;
}

export type ErrorPath = readonly (string | number)[];

/** `a2a282a789f20523-CPH`, the shape of live 2026 log ids. */
export const newLogId = (): string => `${randomBytes(8).toString('hex')}-CPH`;

/** `2026-08-12T23:18:03`: seconds, no zone, as e-conomic writes it (UTC here). */
export const logTime = (clock: Clock): string => new Date(clock.now()).toISOString().slice(0, 19);

export interface LegacyErrorOptions {
  readonly errorCode?: string;
  readonly errors?: unknown;
  readonly allowedFilteringFields?: readonly string[];
  readonly allowedSortingFields?: readonly string[];
  readonly headers?: Readonly<Record<string, string>>;
}

export const legacyError = (
  clock: Clock,
  status: number,
  message: string,
  developerHint: string,
  options: LegacyErrorOptions = {},
): SimResponse => ({
  status,
  ...(options.headers ? { headers: options.headers } : {}),
  json: {
    message,
    developerHint,
    ...(options.errorCode ? { errorCode: options.errorCode } : {}),
    logId: newLogId(),
    httpStatusCode: status,
    ...(options.errors !== undefined ? { errors: options.errors } : {}),
    logTime: logTime(clock),
    ...(options.allowedFilteringFields ? { allowedFilteringFields: options.allowedFilteringFields } : {}),
    ...(options.allowedSortingFields ? { allowedSortingFields: options.allowedSortingFields } : {}),
  },
});

type Node = { errors?: FieldError[]; [key: string]: unknown };

const isObject = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The annotated `errors` object: each error sits where its property sits in the payload, under
 * `{"errors": [...]}`; array elements become `{"arrayIndex": i, ...}` entries (RD "Annotated errors").
 */
export class AnnotatedErrors {
  private readonly root: Node = {};
  private readonly paths = new Set<string>();
  private count = 0;

  public add(path: ErrorPath, error: FieldError): void {
    this.count += 1;
    this.paths.add(path.join('/'));
    let node = this.root;
    for (const [index, key] of path.entries()) {
      const next = path[index + 1];
      if (typeof key === 'number') continue;
      if (typeof next === 'number') {
        if (!Array.isArray(node[key])) node[key] = [];
        const list = node[key] as Node[];
        let entry = list.find((item) => item.arrayIndex === next);
        if (!entry) {
          entry = { arrayIndex: next };
          list.push(entry);
          list.sort((a, b) => (a.arrayIndex as number) - (b.arrayIndex as number));
        }
        node = entry;
      } else {
        if (!isObject(node[key])) node[key] = {};
        node = node[key] as Node;
      }
    }
    if (!node.errors) node.errors = [];
    node.errors.push(error);
  }

  /** Whether an error was added at `path` or below it. */
  public has(path: ErrorPath): boolean {
    const prefix = path.join('/');
    for (const known of this.paths) if (known === prefix || known.startsWith(`${prefix}/`)) return true;
    return false;
  }

  public get size(): number {
    return this.count;
  }

  public toJSON(): Node {
    return this.root;
  }
}

export const validationFailed = (clock: Clock, errors: AnnotatedErrors): SimResponse =>
  legacyError(clock, 400, 'Validation error.', 'Inspect validation errors and correct your request.', {
    errors: errors.toJSON(),
  });
