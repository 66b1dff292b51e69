import * as z from 'zod';
import { isPlainObject, parseJson, type SimRequest, type SimResponse } from './http.ts';
import type { LoggedRequest, RequestFilter } from './request-log.ts';

/**
 * The test-facing side of a simulator, the same in process (`simulator.control`) and over HTTP
 * under `/__sim/` (which is never logged, rate limited, delayed or faulted):
 *
 * | HTTP | in process |
 * |---|---|
 * | `POST /__sim/reset` → 204 | `reset()` |
 * | `POST /__sim/preload` (JSON) → 204, or 400 `{error}` | `preload(data)` |
 * | `PUT /__sim/config` (JSON) → 204, or 400 `{error}` | `configure(config)` |
 * | `GET /__sim/config` → 200 the current config | `config()` |
 * | `DELETE /__sim/faults` → 204 | `resetFaults()` |
 * | `GET /__sim/requests?method=&path=` → 200 `{requests}` | `requests(filter)` |
 * | `DELETE /__sim/requests` → 204 | `clearRequests()` |
 * | `POST /__sim/actions/<action>` (JSON) → 200 its result, 400/404 `{error}` | `act(action, input)` |
 *
 * Actions are what a person does in the accounting system's own UI (book a draft, register a
 * payment, delete a draft by hand): each simulator lists its own in its README.
 */
export interface SimulatorControl<Preload, Config> {
  /** Back to the state right after start: the start options' data and config, no drafts, an empty log. */
  readonly reset: () => void;
  /** Adds (or replaces, by number) master data and drafts; throws `ControlError` on invalid data. */
  readonly preload: (data: Preload) => void;
  /** Changes the given parts of the config (rate limit, latency, faults, …); throws `ControlError`. */
  readonly configure: (config: Config) => void;
  readonly config: () => Config;
  /** Clears every injected fault. */
  readonly resetFaults: () => void;
  readonly requests: (filter?: RequestFilter) => LoggedRequest[];
  readonly clearRequests: () => void;
  /** A person's action in the accounting system; throws `ControlError` (400, or 404 for what is not there). */
  readonly act: (action: string, input: unknown) => unknown;
}

/** Invalid preload data or config: the control API answers 400 with its message. */
export class ControlError extends Error {
  public override readonly name = 'ControlError';
  public constructor(
    message: string,
    /** 400 for input that makes no sense, 404 for a record that is not there. */
    public readonly status: 400 | 404 = 400,
  ) {
    super(message);
  }
}

/** Parses `input` with a zod schema, throwing a `ControlError` that names every problem. */
export const parseControlInput = <T>(schema: z.ZodType<T>, input: unknown, what: string): T => {
  const result = schema.safeParse(input);
  if (!result.success) throw new ControlError(`Invalid ${what}: ${z.prettifyError(result.error)}`);
  return result.data;
};

const noContent: SimResponse = { status: 204 };
const problem = (status: number, error: string): SimResponse => ({ status, json: { error } });

/** Answers a `/__sim/…` request, or undefined when the path is not under `/__sim/`. */
export const handleControlRequest = <P, C>(
  request: SimRequest,
  control: SimulatorControl<P, C>,
): SimResponse | undefined => {
  if (!request.path.startsWith('/__sim/') && request.path !== '/__sim') return undefined;
  const route = `${request.method} ${request.path.replace(/\/+$/, '')}`;
  const body = (): unknown => {
    const parsed = parseJson(request.text === '' ? '{}' : request.text);
    if (!parsed.ok) throw new ControlError(`The body is not JSON: ${parsed.error}`);
    return parsed.value;
  };
  try {
    switch (route) {
      case 'POST /__sim/reset':
        control.reset();
        return noContent;
      case 'POST /__sim/preload':
        control.preload(body() as P);
        return noContent;
      case 'PUT /__sim/config': {
        const config = body();
        if (!isPlainObject(config)) throw new ControlError('The config must be a JSON object');
        control.configure(config as C);
        return noContent;
      }
      case 'GET /__sim/config':
        return { status: 200, json: control.config() };
      case 'DELETE /__sim/faults':
        control.resetFaults();
        return noContent;
      case 'GET /__sim/requests': {
        const method = request.query.get('method') ?? undefined;
        const path = request.query.get('path') ?? undefined;
        return {
          status: 200,
          json: { requests: control.requests({ ...(method ? { method } : {}), ...(path ? { path } : {}) }) },
        };
      }
      case 'DELETE /__sim/requests':
        control.clearRequests();
        return noContent;
      default: {
        const action = /^POST \/__sim\/actions\/([a-z-]+)$/.exec(route)?.[1];
        if (action) return { status: 200, json: control.act(action, body()) };
        return problem(404, `No control route ${route}`);
      }
    }
  } catch (error) {
    if (error instanceof ControlError) return problem(error.status, error.message);
    throw error;
  }
};

/** Zod schemas of the config parts both simulators share. */
export const rateLimitSchema = z.object({
  capacity: z.number().int().positive(),
  refillPerSecond: z.number().positive(),
});

export const latencySchema = z.object({
  fixedMs: z.number().int().nonnegative(),
  jitterMs: z.number().int().nonnegative().optional(),
});

export const faultsSchema = z.object({
  creates: z
    .array(
      z.object({
        action: z.enum(['fail', 'drop-before', 'drop-after', 'plain-text', 'hang', 'skew-amounts']),
        nth: z.number().int().positive().optional(),
        customer: z.union([z.string(), z.number()]).transform(String).optional(),
        operation: z.enum(['order', 'lines']).optional(),
        status: z.number().int().min(100).max(599).optional(),
        code: z.string().min(1).optional(),
        holdMs: z.number().int().positive().max(600_000).optional(),
      }),
    )
    .optional(),
  serverErrorBurst: z
    .object({
      count: z.number().int().nonnegative(),
      status: z.number().int().min(500).max(599).optional(),
      retryAfterSeconds: z.number().int().nonnegative().optional(),
    })
    .optional(),
});
