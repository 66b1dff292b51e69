import * as z from 'zod';
import type { Clock, Sleep } from '../kit/clock.ts';
import {
  ControlError,
  faultsSchema,
  latencySchema,
  parseControlInput,
  rateLimitSchema,
  type SimulatorControl,
} from '../kit/control.ts';
import type { FaultConfig } from '../kit/faults.ts';
import {
  header,
  isJsonMediaType,
  isPlainObject,
  mediaType,
  parseJson,
  type SimRequest,
  type SimResponse,
  startHttpServer,
} from '../kit/http.ts';
import { type LatencyConfig, latencyFor } from '../kit/latency.ts';
import type { LoggedRequest } from '../kit/request-log.ts';
import { Router } from '../kit/router.ts';
import { SimulatorService } from '../kit/simulator-service.ts';
import { type RateLimitConfig, RateLimiter } from '../kit/token-bucket.ts';
import {
  type CompanyOptions,
  type Entity,
  type Outcome,
  queryableFields,
  UnicontaCompany,
  type UnicontaEntityName,
  type UnicontaErrorCode,
  unicontaEntityNames,
} from './company.ts';
import { deleteOrderByHand, payInvoice, postSalesOrder } from './posting.ts';

/**
 * The Uniconta simulator: the "REST-like" entity API on the OData host
 * (`https://odata.uniconta.com/api/Entities/...`, surface C of `docs/contracts/uniconta.md`)
 * for what an export of sales orders uses, held in memory. See this package's README.
 */
export interface UnicontaCompanyConfig {
  readonly companyId: number;
  readonly name: string;
}

export interface UnicontaUserConfig {
  /** The UserLoginId (compared case-insensitively). */
  readonly loginId: string;
  readonly password: string;
  /** Companies the user has rights in. */
  readonly companies: readonly number[];
  /** Used when the login names no company; default the first of `companies`. */
  readonly defaultCompany?: number;
}

export interface UnicontaSimulatorConfig {
  /** A token bucket per user; off (`null`) by default: Uniconta documents no 429. */
  readonly rateLimit?: RateLimitConfig | null;
  readonly latency?: LatencyConfig | null;
  /**
   * Uniconta's "reduced speed": past `afterCalls` calls by one user in one (UTC) day, each call
   * is delayed `delayMs` more (contract §6). Off by default.
   */
  readonly slowdown?: { readonly afterCalls: number; readonly delayMs: number } | null;
  readonly faults?: FaultConfig;
  /** `entity` (default): inserts answer 200 with the inserted JSON; `empty`: 204 without a body (also seen, contract §4). */
  readonly insertResponse?: 'entity' | 'empty';
  readonly orderNumbers?: CompanyOptions['orderNumbers'];
  readonly deleteOrderWithLines?: CompanyOptions['deleteOrderWithLines'];
}

export interface UnicontaSimulatorOptions extends UnicontaSimulatorConfig {
  readonly port: number;
  readonly host?: string;
  /** Default: one company, `defaultUnicontaCompany`. */
  readonly companies?: readonly UnicontaCompanyConfig[];
  /** Default: one user, `defaultUnicontaUser`, with rights in every configured company. */
  readonly users?: readonly UnicontaUserConfig[];
  /** Loaded at start and on every reset. */
  readonly preload?: UnicontaPreload;
  readonly clock?: Clock;
  readonly sleep?: Sleep;
  readonly random?: () => number;
}

export interface UnicontaSimulator {
  /** The service root, e.g. `http://127.0.0.1:3102` (the adapter appends `/api/Entities/...`). */
  readonly url: string;
  readonly port: number;
  readonly stop: () => Promise<void>;
  readonly control: SimulatorControl<UnicontaPreload, UnicontaSimulatorConfig>;
}

export const defaultUnicontaCompany: UnicontaCompanyConfig = {
  companyId: 12345,
  name: 'Simuleret Forhandler ApS',
};

export const defaultUnicontaUser: Omit<UnicontaUserConfig, 'companies'> = {
  loginId: 'sim-user',
  password: 'sim-password',
};

/** The Basic credentials for a user and company: `base64("00<CompanyId>/<UserLoginId>:<password>")`. */
export const unicontaBasicAuth = (companyId: number | undefined, loginId: string, password: string): string =>
  `Basic ${Buffer.from(`${companyId === undefined ? '' : `00${companyId}/`}${loginId}:${password}`).toString('base64')}`;

const scalar = z.union([z.string(), z.number(), z.boolean()]);

export const unicontaPreloadSchema = z.object({
  /** The company to load into; none: the first configured company. */
  companyId: z.number().int().optional(),
  debtors: z
    .array(
      z
        .object({ Account: z.string().min(1), Name: z.string().optional(), Blocked: z.boolean().optional() })
        .catchall(scalar),
    )
    .optional(),
  items: z
    .array(
      z
        .object({ Item: z.string().min(1), Name: z.string().optional(), Blocked: z.boolean().optional() })
        .catchall(scalar),
    )
    .optional(),
  /** `GLVatClient`: VAT codes and their rates, beside the company's defaults (company.ts). */
  vatCodes: z
    .array(
      z.object({ Vat: z.string().min(1), Name: z.string().optional(), Rate: z.number().min(0).max(100) }),
    )
    .optional(),
  /** `InvGroupClient`: inventory groups with their sales VAT codes per debtor VAT zone. */
  itemGroups: z
    .array(z.object({ Group: z.string().min(1), Name: z.string().optional() }).catchall(scalar))
    .optional(),
  /** `Insert/DebtorOrderClient` bodies, inserted by the same rules. */
  orders: z.array(z.record(z.string(), z.unknown())).optional(),
  /** `InsertList/DebtorOrderLineClient` bodies, inserted by the same rules. */
  orderLines: z.array(z.record(z.string(), z.unknown())).optional(),
});

export type UnicontaPreload = z.input<typeof unicontaPreloadSchema>;

const configSchema = z.object({
  rateLimit: rateLimitSchema.nullable().optional(),
  latency: latencySchema.nullable().optional(),
  slowdown: z
    .object({ afterCalls: z.number().int().nonnegative(), delayMs: z.number().int().nonnegative() })
    .nullable()
    .optional(),
  faults: faultsSchema.optional(),
  insertResponse: z.enum(['entity', 'empty']).optional(),
  orderNumbers: z.enum(['series', 'reuse']).optional(),
  deleteOrderWithLines: z.enum(['refuse', 'cascade']).optional(),
});

interface Session {
  readonly user: UnicontaUserConfig;
  readonly company: UnicontaCompany;
}

interface HandlerContext {
  readonly request: SimRequest;
  readonly params: Record<string, string>;
  readonly session: Session;
  readonly entry: LoggedRequest;
}

type Handler = (context: HandlerContext) => SimResponse | Promise<SimResponse>;

/** An error answer: the status, and a JSON body naming the ErrorCodes member (`Err`). */
export const unicontaError = (
  status: number,
  code: UnicontaErrorCode,
  message: string,
  property?: string,
  value?: unknown,
  headers?: Record<string, string>,
): SimResponse => ({
  status,
  ...(headers ? { headers } : {}),
  json: {
    Err: code,
    Message: message,
    ...(property ? { ErrorProperty: property } : {}),
    ...(value !== undefined ? { ErrorValue: String(value) } : {}),
  },
});

const failed = (outcome: Outcome<unknown>): SimResponse | undefined =>
  outcome.ok
    ? undefined
    : unicontaError(
        outcome.failure.status,
        outcome.failure.code,
        outcome.failure.message,
        outcome.failure.property,
        outcome.failure.value,
      );

class UnicontaService extends SimulatorService<UnicontaPreload, UnicontaSimulatorConfig> {
  private readonly router = new Router<Handler>();
  private readonly companies = new Map<number, UnicontaCompany>();
  private readonly companyConfigs: readonly UnicontaCompanyConfig[];
  private readonly users: readonly UnicontaUserConfig[];
  private readonly callsPerDay = new Map<string, number>();
  private config: UnicontaSimulatorConfig = {};
  private limiter: RateLimiter | undefined;

  public constructor(private readonly options: UnicontaSimulatorOptions) {
    super(options);
    this.companyConfigs = options.companies ?? [defaultUnicontaCompany];
    this.users = options.users ?? [
      { ...defaultUnicontaUser, companies: this.companyConfigs.map((company) => company.companyId) },
    ];
    this.routes();
  }

  private companyOptions(): CompanyOptions {
    return {
      orderNumbers: this.config.orderNumbers ?? 'series',
      deleteOrderWithLines: this.config.deleteOrderWithLines ?? 'refuse',
    };
  }

  public reset(): void {
    this.companies.clear();
    for (const company of this.companyConfigs) {
      this.companies.set(company.companyId, new UnicontaCompany(company.companyId, company.name));
    }
    this.log.clear();
    this.callsPerDay.clear();
    this.config = {};
    this.faults.reset();
    this.limiter = undefined;
    const { rateLimit, latency, slowdown, faults, insertResponse, orderNumbers, deleteOrderWithLines } =
      this.options;
    this.configure({
      ...(rateLimit ? { rateLimit } : {}),
      ...(latency ? { latency } : {}),
      ...(slowdown ? { slowdown } : {}),
      ...(faults ? { faults } : {}),
      ...(insertResponse ? { insertResponse } : {}),
      ...(orderNumbers ? { orderNumbers } : {}),
      ...(deleteOrderWithLines ? { deleteOrderWithLines } : {}),
    });
    if (this.options.preload) this.preload(this.options.preload);
  }

  public configure(input: UnicontaSimulatorConfig): void {
    const config = parseControlInput(configSchema, input, 'Uniconta config') as UnicontaSimulatorConfig;
    if (config.rateLimit !== undefined) {
      this.limiter = config.rateLimit ? new RateLimiter(config.rateLimit, this.clock) : undefined;
    }
    if (config.faults !== undefined) this.faults.configure(config.faults);
    this.config = { ...this.config, ...config };
  }

  public currentConfig(): UnicontaSimulatorConfig {
    return { ...this.config, rateLimit: this.limiter?.config ?? null, faults: this.faults.config };
  }

  /** A bookkeeper's action in the first configured company (posting.ts). */
  protected override act(action: string, input: unknown): unknown {
    const company = this.companies.get(this.companyConfigs[0]?.companyId ?? 0);
    if (!company) throw new ControlError('No company');
    switch (action) {
      case 'post-order':
        return postSalesOrder(company, input);
      case 'pay':
        return payInvoice(company, input);
      case 'delete-order':
        return deleteOrderByHand(company, input);
      default:
        return super.act(action, input);
    }
  }

  public preload(input: UnicontaPreload): void {
    const preload = parseControlInput(unicontaPreloadSchema, input, 'Uniconta preload');
    const companyId = preload.companyId ?? this.companyConfigs[0]?.companyId;
    const company = companyId === undefined ? undefined : this.companies.get(companyId);
    if (!company) throw new ControlError(`Invalid Uniconta preload: no company ${companyId}`);
    const next = company.clone();
    for (const debtor of preload.debtors ?? []) next.addDebtor(debtor);
    for (const code of preload.vatCodes ?? []) next.addVatCode(code);
    for (const group of preload.itemGroups ?? []) next.addItemGroup(group);
    for (const item of preload.items ?? []) next.addItem(item);
    for (const [index, order] of (preload.orders ?? []).entries()) {
      const inserted = next.insertOrder(order, this.companyOptions());
      if (!inserted.ok)
        throw new ControlError(`Invalid Uniconta preload: orders[${index}]: ${inserted.failure.message}`);
    }
    if (preload.orderLines && preload.orderLines.length > 0) {
      const inserted = next.insertLines(preload.orderLines);
      if (!inserted.ok)
        throw new ControlError(`Invalid Uniconta preload: orderLines: ${inserted.failure.message}`);
    }
    this.companies.set(next.companyId, next);
  }

  // ---------------------------------------------------------------- request pipeline

  protected async pipeline(request: SimRequest, entry: LoggedRequest): Promise<SimResponse> {
    const delay = latencyFor(this.config.latency ?? undefined, this.random);
    if (delay > 0) await this.sleep(delay);

    const burst = this.faults.nextBurst();
    if (burst !== undefined) {
      entry.notes.push(`fault: server error burst (${burst})`);
      return { status: burst, text: 'Service Unavailable', headers: this.faults.burstHeaders() };
    }

    const session = this.authenticate(request);
    if ('status' in session) return session;

    if (this.config.slowdown) {
      const day = `${session.user.loginId.toLowerCase()}|${new Date(this.clock.now()).toISOString().slice(0, 10)}`;
      const calls = (this.callsPerDay.get(day) ?? 0) + 1;
      this.callsPerDay.set(day, calls);
      if (calls > this.config.slowdown.afterCalls) {
        entry.notes.push(`slowdown: call ${calls} of the day`);
        await this.sleep(this.config.slowdown.delayMs);
      }
    }

    if (this.limiter) {
      const taken = this.limiter.bucket(session.user.loginId.toLowerCase()).take(1);
      if (!taken.allowed) {
        entry.notes.push(`rate limited: retry after ${taken.retryAfterSeconds} s`);
        return {
          status: 429,
          headers: { 'Retry-After': String(taken.retryAfterSeconds) },
          text: 'Too Many Requests',
        };
      }
    }

    const match = this.router.match(request.method, request.path);
    if (match.kind === 'not-found') {
      return unicontaError(404, 'CouldNotFind', `No API route ${request.path}.`);
    }
    if (match.kind === 'method-not-allowed') {
      return {
        ...unicontaError(405, 'Exception', `The method ${request.method} is not allowed on ${request.path}.`),
        headers: { Allow: match.allow.join(', ') },
      };
    }
    const entity = match.params.entity;
    if (entity !== undefined && !(unicontaEntityNames as readonly string[]).includes(entity)) {
      return unicontaError(
        501,
        'Exception',
        `The simulator does not implement entity ${entity}; it holds ${unicontaEntityNames.join(', ')}.`,
      );
    }
    if (request.method !== 'GET' && !isJsonMediaType(mediaType(request))) {
      return unicontaError(
        415,
        'Exception',
        `Unsupported Media Type: ${mediaType(request) ?? 'none'}; send application/json.`,
      );
    }
    return match.handler({ request, params: match.params, session, entry });
  }

  private authenticate(request: SimRequest): Session | SimResponse {
    const challenge = { 'WWW-Authenticate': 'Basic realm="Uniconta"' };
    const unauthorized = (message: string) =>
      unicontaError(401, 'NoRights', message, undefined, undefined, challenge);
    const authorization = header(request, 'authorization');
    const match = authorization ? /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization) : null;
    if (!match)
      return unauthorized('Send Authorization: Basic base64("00<CompanyId>/<UserLoginId>:<password>").');
    const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return unauthorized('The Basic credentials hold no password.');
    const login = decoded.slice(0, colon);
    const password = decoded.slice(colon + 1);
    const companyPart = /^(\d+)\/(.+)$/.exec(login);
    const loginId = companyPart ? (companyPart[2] as string) : login;
    const user = this.users.find((candidate) => candidate.loginId.toLowerCase() === loginId.toLowerCase());
    if (!user || user.password !== password)
      return unauthorized('Login failed: unknown user or wrong password.');
    const companyId = companyPart ? Number(companyPart[1]) : (user.defaultCompany ?? user.companies[0]);
    const company = companyId === undefined ? undefined : this.companies.get(companyId);
    if (!company || !user.companies.includes(companyId as number)) {
      return unicontaError(
        403,
        'NoRights',
        `User ${user.loginId} has no rights in company ${companyId ?? '(none)'}.`,
      );
    }
    return { user, company };
  }

  // ---------------------------------------------------------------- routes

  private body(request: SimRequest): { ok: true; value: unknown } | { ok: false; response: SimResponse } {
    const parsed = parseJson(request.text);
    if (!parsed.ok)
      return {
        ok: false,
        response: unicontaError(400, 'Exception', `The body is not JSON: ${parsed.error}`),
      };
    return { ok: true, value: parsed.value };
  }

  private routes(): void {
    this.router
      .add('GET', '/api/Entities/:entity', ({ request, params, session }) =>
        this.query(request, params.entity as UnicontaEntityName, session.company),
      )
      .add('POST', '/api/Entities/Insert/:entity', (context) => this.insert(context, false))
      .add('POST', '/api/Entities/InsertList/:entity', (context) => this.insert(context, true))
      .add('DELETE', '/api/Entities/Delete/:entity', (context) => this.remove(context, false))
      .add('DELETE', '/api/Entities/DeleteList/:entity', (context) => this.remove(context, true))
      .add('PUT', '/api/Entities/Update/:entity', ({ params }) =>
        unicontaError(
          501,
          'Exception',
          `The simulator does not implement Update/${params.entity}; an export never updates.`,
        ),
      );
  }

  private query(request: SimRequest, entity: UnicontaEntityName, company: UnicontaCompany): SimResponse {
    let name: string | undefined;
    let value: string | undefined;
    for (const [key, item] of request.query) {
      if (key.toLowerCase() === 'name') name = item;
      else if (key.toLowerCase() === 'value') value = item;
      else {
        return unicontaError(
          400,
          'Exception',
          `Unsupported query parameter '${key}': the entity API filters with Name and Value only, and does not page.`,
          key,
        );
      }
    }
    const all = company.all(entity);
    if (name === undefined && value === undefined) return { status: 200, json: all.map(withoutNulls) };
    if (name === undefined || value === undefined) {
      return unicontaError(
        400,
        'ArgumentMissing',
        'Name and Value go together.',
        name === undefined ? 'Name' : 'Value',
      );
    }
    const allowed = queryableFields(entity);
    if ((allowed && !allowed.has(name)) || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      return unicontaError(400, 'CouldNotFind', `${entity} has no property ${name}.`, 'Name', name);
    }
    const matches = all.filter((item) => matchesValue(item[name as string], value as string));
    return { status: 200, json: matches.map(withoutNulls) };
  }

  private insert({ request, params, session, entry }: HandlerContext, list: boolean): SimResponse {
    const entity = params.entity as UnicontaEntityName;
    const expected = list ? 'DebtorOrderLineClient' : 'DebtorOrderClient';
    if (entity !== expected) {
      return unicontaError(
        501,
        'Exception',
        `The simulator implements ${list ? 'InsertList' : 'Insert'} for ${expected} only.`,
      );
    }
    const body = this.body(request);
    if (!body.ok) return body.response;
    const { company } = session;
    const customer = this.customerOf(body.value, list, company);
    const decision = this.faults.onCreate({
      operation: list ? 'lines' : 'order',
      ...(customer !== undefined ? { customer } : {}),
    });
    if (decision.action !== 'proceed') entry.notes.push(`fault: ${decision.action}`);
    if (decision.action === 'fail') {
      return decision.status >= 500
        ? { status: decision.status, text: 'Service Unavailable' }
        : unicontaError(
            decision.status,
            'CouldNotCreate',
            'Fault injected by the simulator (PUT /__sim/config).',
          );
    }
    if (decision.action === 'drop-before') return { status: 0, drop: true };
    if (decision.action === 'hang') return { status: 0, drop: true, holdMs: decision.holdMs };
    if (decision.action === 'plain-text') return { status: decision.status, text: decision.code };

    const outcome = list
      ? company.insertLines(body.value, decision.action === 'skew-amounts')
      : company.insertOrder(body.value, this.companyOptions());
    const refused = failed(outcome);
    if (refused) return refused;
    const value = (outcome as { ok: true; value: Entity | Entity[] }).value;
    const response: SimResponse =
      this.config.insertResponse === 'empty'
        ? { status: 204 }
        : { status: 200, json: Array.isArray(value) ? value.map(withoutNulls) : withoutNulls(value) };
    return decision.action === 'drop-after' ? { ...response, drop: true } : response;
  }

  /** The debtor a create is for: the order's Account, or that of the first line's order. */
  private customerOf(body: unknown, list: boolean, company: UnicontaCompany): string | undefined {
    if (!list) return isPlainObject(body) && typeof body.Account === 'string' ? body.Account : undefined;
    const first = Array.isArray(body) ? body[0] : undefined;
    const order =
      isPlainObject(first) && typeof first.OrderNumber === 'number'
        ? company.orders.get(first.OrderNumber)
        : undefined;
    return typeof order?.Account === 'string' ? order.Account : undefined;
  }

  private remove({ request, params, session }: HandlerContext, list: boolean): SimResponse {
    const entity = params.entity as UnicontaEntityName;
    if (entity !== 'DebtorOrderClient' && entity !== 'DebtorOrderLineClient') {
      return unicontaError(
        501,
        'Exception',
        `The simulator implements deletes of DebtorOrderClient and DebtorOrderLineClient only.`,
      );
    }
    const body = this.body(request);
    if (!body.ok) return body.response;
    if (list && !Array.isArray(body.value)) {
      return unicontaError(400, 'Exception', `DeleteList takes a JSON array of ${entity} as read.`);
    }
    if (!list && !isPlainObject(body.value)) {
      return unicontaError(400, 'Exception', `Delete takes one ${entity} object as read.`);
    }
    const records = list ? (body.value as unknown[]) : [body.value];
    if (records.length === 0) return unicontaError(400, 'NoLinesFound', 'The list holds no records.');
    const outcome =
      entity === 'DebtorOrderClient'
        ? session.company.deleteOrders(records, this.companyOptions())
        : session.company.deleteLines(records);
    return failed(outcome) ?? { status: 200 };
  }
}

const withoutNulls = (entity: Entity): Entity =>
  Object.fromEntries(Object.entries(entity).filter(([, value]) => value !== null && value !== undefined));

/** `?Value=` against a property: numbers by value, booleans by name, strings exactly. */
const matchesValue = (actual: unknown, value: string): boolean => {
  if (actual === undefined || actual === null) return false;
  if (typeof actual === 'number') return value.trim() !== '' && Number(value) === actual;
  if (typeof actual === 'boolean') return value.toLowerCase() === String(actual);
  return String(actual) === value;
};

/** Starts the Uniconta simulator; `stop()` closes it (idempotent). */
export const startUnicontaSimulator = async (
  options: UnicontaSimulatorOptions,
): Promise<UnicontaSimulator> => {
  const service = new UnicontaService(options);
  service.reset();
  const server = await startHttpServer({
    port: options.port,
    ...(options.host ? { host: options.host } : {}),
    handle: (request) => service.handle(request),
  });
  return { url: server.url, port: server.port, stop: server.stop, control: service.control() };
};
