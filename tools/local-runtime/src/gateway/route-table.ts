import type { FunctionName, HttpMethod, RouteSpec } from '#infra/catalog';

/**
 * Matches a request to a catalog route the way API Gateway HTTP APIs do: literal segments win
 * over `{param}` segments, and a route key is `METHOD /path/{param}`.
 */
export interface RouteMatch {
  readonly routeKey: string;
  readonly function: FunctionName;
  readonly public: boolean;
  readonly pathParameters?: Record<string, string>;
}

/** A path whose percent-encoding is not UTF-8 (`%E0`, `%ED%A0%80`, a bare `%`) names no route: 400. */
export class MalformedPathError extends Error {
  public override readonly name = 'MalformedPathError';
}

const decodeSegment = (part: string): string => {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new MalformedPathError(`Malformed percent-encoding in path segment ${JSON.stringify(part)}`);
  }
};

interface CompiledRoute {
  readonly route: RouteSpec;
  readonly segments: readonly string[];
  readonly literalCount: number;
}

const isParameter = (segment: string): boolean => segment.startsWith('{') && segment.endsWith('}');

export const compileRoutes = (routes: readonly RouteSpec[]) => {
  const compiled: CompiledRoute[] = routes
    .map((route) => {
      const segments = route.path.split('/').filter(Boolean);
      return { route, segments, literalCount: segments.filter((s) => !isParameter(s)).length };
    })
    .sort((a, b) => b.literalCount - a.literalCount);

  return (method: string, path: string): RouteMatch | undefined => {
    const parts = path.split('/').filter(Boolean);
    for (const { route, segments } of compiled) {
      if (route.method !== (method as HttpMethod) || segments.length !== parts.length) continue;
      const parameters: Record<string, string> = {};
      const matches = segments.every((segment, index) => {
        const part = parts[index]!;
        if (!isParameter(segment)) return segment === part;
        parameters[segment.slice(1, -1)] = decodeSegment(part);
        return true;
      });
      if (matches) {
        return {
          routeKey: `${route.method} ${route.path}`,
          function: route.function,
          public: route.public === true,
          ...(Object.keys(parameters).length > 0 ? { pathParameters: parameters } : {}),
        };
      }
    }
    return undefined;
  };
};
