/**
 * A small router: `METHOD /path/:param` patterns matched segment by segment on the raw path, each
 * parameter percent-decoded on its own (so `%2F` inside a product number stays inside it).
 */
export type RouteMatch<H> =
  | {
      readonly kind: 'found';
      readonly handler: H;
      readonly params: Record<string, string>;
      readonly route: string;
    }
  | { readonly kind: 'method-not-allowed'; readonly allow: readonly string[] }
  | { readonly kind: 'not-found' };

interface Route<H> {
  readonly method: string;
  readonly pattern: string;
  readonly segments: readonly string[];
  readonly handler: H;
}

const split = (path: string): string[] => path.split('/').filter((segment) => segment !== '');

const decode = (segment: string): string => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

export class Router<H> {
  private readonly routes: Route<H>[] = [];

  public add(method: string, pattern: string, handler: H): this {
    this.routes.push({ method: method.toUpperCase(), pattern, segments: split(pattern), handler });
    return this;
  }

  public match(method: string, path: string): RouteMatch<H> {
    const segments = split(path);
    const allow: string[] = [];
    for (const route of this.routes) {
      const params = matchSegments(route.segments, segments);
      if (!params) continue;
      if (route.method === method.toUpperCase()) {
        return { kind: 'found', handler: route.handler, params, route: `${route.method} ${route.pattern}` };
      }
      if (!allow.includes(route.method)) allow.push(route.method);
    }
    return allow.length > 0 ? { kind: 'method-not-allowed', allow } : { kind: 'not-found' };
  }
}

const matchSegments = (
  pattern: readonly string[],
  actual: readonly string[],
): Record<string, string> | undefined => {
  if (pattern.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of pattern.entries()) {
    const value = actual[index] as string;
    if (part.startsWith(':')) params[part.slice(1)] = decode(value);
    else if (part.toLowerCase() !== decode(value).toLowerCase()) return undefined;
  }
  return params;
};
