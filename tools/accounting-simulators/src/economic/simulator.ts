import { randomBytes } from 'node:crypto';
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
import { fingerprintOf, IdempotencyCache, type IdempotencyMismatchPolicy } from '../kit/idempotency.ts';
import { type LatencyConfig, latencyFor } from '../kit/latency.ts';
import type { LoggedRequest } from '../kit/request-log.ts';
import { Router } from '../kit/router.ts';
import { SimulatorService } from '../kit/simulator-service.ts';
import { type RateLimitConfig, RateLimiter, windowSeconds } from '../kit/token-bucket.ts';
import { toBig, toNumber } from './amounts.ts';
import { bookDraft, deleteDraftByHand, payInvoice } from './booking.ts';
import { type CollectionSpec, collectionResponse, type UnrenderedItems } from './collection.ts';
import { buildDraft } from './draft-orders.ts';
import { legacyError, validationFailed } from './errors.ts';
import {
  type AgreementData,
  type BookedInvoiceRecord,
  type CustomerRecord,
  type DraftDocument,
  freshAgreementData,
} from './model.ts';
import { applyEconomicPreload, type EconomicPreload } from './preload.ts';
import { decodeProductNumber, Renderer, timestamp } from './render.ts';
import { type FieldType, flaggedFields } from './schemas.ts';

/**
 * The e-conomic simulator: the legacy REST API (`https://restapi.e-conomic.com`) as far as an
 * export of draft orders uses it, held in memory, enforcing the contract in
 * `docs/contracts/economic.md` strictly. See this package's README for every rule and decision.
 */
export interface EconomicAgreementConfig {
  readonly appSecretToken: string;
  readonly agreementGrantToken: string;
  readonly agreementNumber: number;
  readonly companyName: string;
  /** Only GET is allowed (the `demo`/`demo` agreement is). Other methods: 403. */
  readonly readOnly?: boolean;
  /** The agreement revoked the grant: every request 401. */
  readonly revoked?: boolean;
  /** Default `DKK`. */
  readonly baseCurrency?: string;
  readonly userName?: string;
}

/** What can change while the simulator runs (`PUT /__sim/config`, `control.configure`). */
export interface EconomicSimulatorConfig {
  /** The token bucket per agreement; `null` turns rate limiting off. Default 10,000 tokens, refilled in 60 s. */
  readonly rateLimit?: RateLimitConfig | null;
  /** Tokens per call by route, e.g. `{"POST /orders/drafts": 3}`; every other call costs 1. */
  readonly callCosts?: Readonly<Record<string, number>>;
  /** Added to every request; `null`: none. */
  readonly latency?: LatencyConfig | null;
  readonly faults?: FaultConfig;
  readonly idempotency?: {
    /** Default 3600 (one hour). */
    readonly ttlSeconds?: number;
    /** A reused key with a different request: `replay` the first answer (default) or `conflict` (409). */
    readonly onMismatch?: IdempotencyMismatchPolicy;
  };
  /** What a successful `DELETE /orders/drafts/{n}` answers: 204 (documented, default) or 200 with a status body (seen on draft invoices). */
  readonly deleteStatus?: 200 | 204;
}

export interface EconomicSimulatorOptions extends EconomicSimulatorConfig {
  /** 0: a free port. */
  readonly port: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** The base of `self` links, `Location` and paging links; default the URL it listens on. */
  readonly publicUrl?: string;
  /** Default: one agreement, `defaultEconomicAgreement`. */
  readonly agreements?: readonly EconomicAgreementConfig[];
  /** Also answer the read-only `demo`/`demo` agreement (default true). */
  readonly demo?: boolean;
  /** Loaded into the first agreement at start, and again on every reset. */
  readonly preload?: EconomicPreload;
  readonly clock?: Clock;
  readonly sleep?: Sleep;
  readonly random?: () => number;
}

export interface EconomicSimulator {
  /** The service root, e.g. `http://127.0.0.1:3101`: what an adapter's base URL is set to. */
  readonly url: string;
  readonly port: number;
  readonly stop: () => Promise<void>;
  readonly control: SimulatorControl<EconomicPreload, EconomicSimulatorConfig>;
}

export const defaultEconomicAgreement: EconomicAgreementConfig = {
  appSecretToken: 'sim-app-secret-token',
  agreementGrantToken: 'sim-agreement-grant-token',
  agreementNumber: 1_000_001,
  companyName: 'Simuleret Forhandler ApS',
  userName: 'Faktura Integration',
};

export const demoEconomicAgreement: EconomicAgreementConfig = {
  appSecretToken: 'demo',
  agreementGrantToken: 'demo',
  agreementNumber: 1,
  companyName: 'Demo Agreement',
  readOnly: true,
  userName: 'Demo',
};

/**
 * The customers a `GET /customers` with this filter can answer (UnrenderedItems.itemsFor), in
 * number order: for a filter that is only `customerNumber$in:[…]` (how Faktura reads an export's
 * customers), the ones it names, looked up by number; else all.
 */
const customersFor = (
  filter: string | undefined,
  customers: ReadonlyMap<number, CustomerRecord>,
): readonly CustomerRecord[] => {
  const named = /^customerNumber\$in:\[([\d,]*)\]$/.exec(filter?.replace(/\s/g, '') ?? '');
  if (!named) return byNumber(customers);
  const narrowed = new Map<number, CustomerRecord>();
  for (const text of named[1]!.split(',')) {
    const customer = customers.get(Number(text));
    if (customer) narrowed.set(customer.customerNumber, customer);
  }
  return byNumber(narrowed);
};

/** A collection's records in the order e-conomic lists them: by number. */
const byNumber = <T>(map: ReadonlyMap<number, T>): T[] =>
  [...map.entries()].sort(([a], [b]) => a - b).map(([, v]) => v);

export const defaultEconomicRateLimit: RateLimitConfig = { capacity: 10_000, refillPerSecond: 10_000 / 60 };

const configSchema = z.object({
  rateLimit: rateLimitSchema.nullable().optional(),
  callCosts: z.record(z.string(), z.number().int().nonnegative()).optional(),
  latency: latencySchema.nullable().optional(),
  faults: faultsSchema.optional(),
  idempotency: z
    .object({
      ttlSeconds: z.number().positive().optional(),
      onMismatch: z.enum(['replay', 'conflict']).optional(),
    })
    .optional(),
  deleteStatus: z.union([z.literal(200), z.literal(204)]).optional(),
});

interface Agreement {
  readonly config: EconomicAgreementConfig;
  data: AgreementData;
}

interface HandlerContext {
  readonly request: SimRequest;
  readonly params: Record<string, string>;
  readonly agreement: Agreement;
  readonly entry: LoggedRequest;
}

type Handler = (context: HandlerContext) => SimResponse | Promise<SimResponse>;

const writeMethods = new Set(['POST', 'PUT', 'DELETE', 'PATCH']);

class EconomicService extends SimulatorService<EconomicPreload, EconomicSimulatorConfig> {
  private readonly idempotency: IdempotencyCache;
  private readonly router = new Router<Handler>();
  private readonly agreements = new Map<string, Agreement>();
  private readonly agreementConfigs: readonly EconomicAgreementConfig[];
  private config: EconomicSimulatorConfig = {};
  private limiter: RateLimiter | undefined;
  public baseUrl = '';

  public constructor(private readonly options: EconomicSimulatorOptions) {
    super(options);
    this.idempotency = new IdempotencyCache(this.clock);
    const configured = options.agreements ?? [defaultEconomicAgreement];
    this.agreementConfigs = options.demo === false ? configured : [...configured, demoEconomicAgreement];
    this.routes();
  }

  /** Back to the start: options' config and preload, fresh agreements, empty log and caches. */
  public reset(): void {
    this.agreements.clear();
    for (const config of this.agreementConfigs) {
      this.agreements.set(config.agreementGrantToken, { config, data: freshAgreementData() });
    }
    this.log.clear();
    this.idempotency.clear();
    this.config = {};
    this.faults.reset();
    this.limiter = undefined;
    const { rateLimit, callCosts, latency, faults, idempotency, deleteStatus } = this.options;
    this.configure({
      rateLimit: rateLimit === undefined ? defaultEconomicRateLimit : rateLimit,
      ...(callCosts ? { callCosts } : {}),
      ...(latency ? { latency } : {}),
      ...(faults ? { faults } : {}),
      ...(idempotency ? { idempotency } : {}),
      ...(deleteStatus ? { deleteStatus } : {}),
    });
    if (this.options.preload) this.preload(this.options.preload);
  }

  public configure(input: EconomicSimulatorConfig): void {
    const config = parseControlInput(configSchema, input, 'e-conomic config') as EconomicSimulatorConfig;
    if (config.rateLimit !== undefined) {
      this.limiter = config.rateLimit ? new RateLimiter(config.rateLimit, this.clock) : undefined;
    }
    if (config.faults !== undefined) this.faults.configure(config.faults);
    if (config.idempotency?.ttlSeconds !== undefined)
      this.idempotency.ttlMs = config.idempotency.ttlSeconds * 1000;
    this.config = {
      ...this.config,
      ...config,
      ...(config.idempotency ? { idempotency: { ...this.config.idempotency, ...config.idempotency } } : {}),
    };
  }

  public currentConfig(): EconomicSimulatorConfig {
    return { ...this.config, rateLimit: this.limiter?.config ?? null, faults: this.faults.config };
  }

  public preload(input: EconomicPreload): void {
    const token =
      isPlainObject(input) && typeof input.agreementGrantToken === 'string'
        ? input.agreementGrantToken
        : undefined;
    const agreement = token
      ? this.agreements.get(token)
      : this.agreements.get(this.agreementConfigs[0]?.agreementGrantToken ?? '');
    if (!agreement) {
      throw new ControlError(`No agreement with grant token ${token}`);
    }
    agreement.data = applyEconomicPreload(agreement.data, input, {
      baseUrl: this.baseUrl,
      baseCurrency: agreement.config.baseCurrency ?? 'DKK',
      now: timestamp(this.clock.now()),
    });
  }

  // ---------------------------------------------------------------- request pipeline

  protected async pipeline(request: SimRequest, entry: LoggedRequest): Promise<SimResponse> {
    const delay = latencyFor(this.config.latency ?? undefined, this.random);
    if (delay > 0) await this.sleep(delay);

    const appSecret = header(request, 'x-appsecrettoken');
    const grant = header(request, 'x-agreementgranttoken');
    const known = grant !== undefined ? this.agreements.get(grant) : undefined;
    const agreement = known && known.config.appSecretToken === appSecret ? known : undefined;

    const burst = this.faults.nextBurst();
    if (burst !== undefined) {
      entry.notes.push(`fault: server error burst (${burst})`);
      const answer = legacyError(
        this.clock,
        burst,
        'Service Unavailable',
        'Either try again, or contact our support.',
      );
      return this.withRateHeaders(
        { ...answer, headers: { ...answer.headers, ...this.faults.burstHeaders() } },
        agreement,
        0,
      );
    }

    const denied = this.authenticate(request, appSecret, grant, known);
    if (denied) return this.withRateHeaders(denied, agreement, 0);
    const authenticated = agreement as Agreement;

    const match = this.router.match(request.method, request.path);
    const route = match.kind === 'found' ? match.route : `${request.method} ${request.path}`;
    const cost = this.config.callCosts?.[route] ?? 1;
    if (this.limiter) {
      const taken = this.limiter.bucket(String(authenticated.config.agreementNumber)).take(cost);
      if (!taken.allowed) {
        entry.notes.push(`rate limited: retry after ${taken.retryAfterSeconds} s`);
        return this.withRateHeaders(
          legacyError(
            this.clock,
            429,
            'Too many requests.',
            'The token bucket of this agreement is empty. Wait the number of seconds in the Retry-After header.',
            { headers: { 'Retry-After': String(taken.retryAfterSeconds) } },
          ),
          authenticated,
          0,
        );
      }
    }

    const answer = await this.route(request, entry, authenticated, match);
    return this.withRateHeaders(answer, authenticated, cost);
  }

  private authenticate(
    request: SimRequest,
    appSecret: string | undefined,
    grant: string | undefined,
    known: Agreement | undefined,
  ): SimResponse | undefined {
    const unauthorized = (message: string, errorCode?: string) =>
      legacyError(
        this.clock,
        401,
        message,
        'Send the X-AppSecretToken and X-AgreementGrantToken headers of a grant this app holds.',
        errorCode ? { errorCode } : {},
      );
    if (!appSecret || !grant) {
      return unauthorized(
        'You are not authorized to access this resource: the X-AppSecretToken or X-AgreementGrantToken header is missing.',
      );
    }
    if (!known)
      return unauthorized(
        'You are not authorized to access this resource: the AgreementGrantToken is not valid.',
      );
    if (known.config.appSecretToken !== appSecret) {
      return unauthorized('AppSecretToken does not correspond to the token.', 'E02250');
    }
    if (known.config.revoked) {
      return unauthorized(
        'You are not authorized to access this resource: the agreement has revoked the grant.',
      );
    }
    if (known.config.readOnly && request.method !== 'GET' && request.method !== 'HEAD') {
      return legacyError(
        this.clock,
        403,
        'You are not allowed to access this resource: this grant is read-only (GET only).',
        'The demo agreement (tokens demo/demo) only allows GET requests.',
      );
    }
    return undefined;
  }

  private async route(
    request: SimRequest,
    entry: LoggedRequest,
    agreement: Agreement,
    match: ReturnType<Router<Handler>['match']>,
  ): Promise<SimResponse> {
    if (match.kind === 'not-found') {
      return legacyError(
        this.clock,
        404,
        'The requested resource was not found.',
        `No resource at ${request.path}. Use the links the API gives you.`,
      );
    }
    if (match.kind === 'method-not-allowed') {
      return legacyError(
        this.clock,
        405,
        `The method ${request.method} is not allowed on this resource.`,
        `Allowed: ${match.allow.join(', ')}.`,
        { headers: { Allow: match.allow.join(', ') } },
      );
    }
    if ((request.method === 'POST' || request.method === 'PUT') && !isJsonMediaType(mediaType(request))) {
      return legacyError(
        this.clock,
        415,
        `Unsupported Media Type: ${mediaType(request) ?? 'none'}. The API only accepts application/json.`,
        "Send the body as JSON with the header 'Content-Type: application/json'.",
      );
    }
    const run = () => Promise.resolve(match.handler({ request, params: match.params, agreement, entry }));
    const key = header(request, 'idempotency-key');
    if (!key || !writeMethods.has(request.method)) return run();

    const parsed = parseJson(request.text);
    const fingerprint = fingerprintOf(request.method, request.path, parsed.ok ? parsed.value : request.text);
    const outcome = await this.idempotency.run(
      String(agreement.config.agreementNumber),
      key,
      fingerprint,
      this.config.idempotency?.onMismatch ?? 'replay',
      run,
    );
    if (outcome.kind === 'conflict') {
      entry.notes.push('idempotency: key reused with a different request (409)');
      return legacyError(
        this.clock,
        409,
        'The Idempotency-Key was already used for a different request.',
        'Use one Idempotency-Key per logical operation.',
      );
    }
    if (outcome.kind === 'replayed') {
      entry.notes.push(
        outcome.mismatch ? 'idempotency: replayed for a different request' : 'idempotency: replayed',
      );
      return { ...outcome.response, headers: { ...outcome.response.headers, 'X-ResultFromCache': 'true' } };
    }
    return outcome.response;
  }

  private withRateHeaders(
    response: SimResponse,
    agreement: Agreement | undefined,
    cost: number,
  ): SimResponse {
    const headers: Record<string, string> = {
      ...response.headers,
      'X-CallCost': String(cost),
      'X-RequestId': randomBytes(8).toString('hex'),
    };
    if (this.limiter) {
      const { capacity } = this.limiter.config;
      const used = agreement ? this.limiter.bucket(String(agreement.config.agreementNumber)).used() : 0;
      headers['X-RateLimiting'] =
        `token-limit-${capacity}-per-${windowSeconds(this.limiter.config)}-seconds: ${used}/${capacity}`;
    }
    return { ...response, headers };
  }

  // ---------------------------------------------------------------- routes

  private render(): Renderer {
    return new Renderer(this.baseUrl, timestamp(this.clock.now()));
  }

  private notFound(what: string): SimResponse {
    return legacyError(this.clock, 404, `${what} not found.`, `The ${what.toLowerCase()} does not exist.`, {
      errorCode: 'E06000',
    });
  }

  private collection<T>(
    request: SimRequest,
    spec: CollectionSpec,
    items: readonly Record<string, unknown>[] | UnrenderedItems<T>,
  ) {
    return collectionResponse(this.clock, this.baseUrl, request, spec, items);
  }

  /** A list of booked invoices (GET /invoices/booked, /paid, /unpaid): filterable and paged like every collection. */
  private booked(request: SimRequest, agreement: Agreement, keep: (invoice: BookedInvoiceRecord) => boolean) {
    const invoices = [...agreement.data.bookedInvoices.values()]
      .filter(keep)
      .sort((a, b) => a.bookedInvoiceNumber - b.bookedInvoiceNumber);
    return this.collection(
      request,
      { ...bookedInvoicesSpec, path: request.path },
      {
        size: invoices.length,
        itemsFor: () => invoices,
        render: (invoice: BookedInvoiceRecord) => this.render().bookedInvoice(invoice),
      },
    );
  }

  protected override act(action: string, input: unknown): unknown {
    const agreement = this.agreements.get(this.agreementConfigs[0]?.agreementGrantToken ?? '');
    if (!agreement) throw new ControlError('No agreement');
    const data = agreement.data;
    switch (action) {
      case 'book':
        return this.render().bookedInvoice(bookDraft(data, input));
      case 'pay':
        return this.render().bookedInvoice(payInvoice(data, input));
      case 'delete-draft':
        return deleteDraftByHand(data, input);
      default:
        return super.act(action, input);
    }
  }

  private single<T>(
    map: ReadonlyMap<number, T>,
    param: string | undefined,
    what: string,
    render: (item: T) => Record<string, unknown>,
  ): SimResponse {
    const number = /^-?\d+$/.test(param ?? '') ? Number(param) : Number.NaN;
    const item = map.get(number);
    return item === undefined ? this.notFound(what) : { status: 200, json: render(item) };
  }

  private routes(): void {
    const spec = (
      path: string,
      schema: Parameters<typeof flaggedFields>[0],
      extra: [string, FieldType][] = [],
    ) => ({
      path,
      filterable: new Map([...flaggedFields(schema, 'filterable'), ...extra]),
      sortable: flaggedFields(schema, 'sortable'),
    });
    const customers = spec('/customers', 'customers.get', [['pNumber', 'string']]);
    const customerGroups = spec('/customer-groups', 'customer-groups.get');
    const layouts = spec('/layouts', 'layouts.get');
    const products = spec('/products', 'products.get');
    const paymentTerms = spec('/payment-terms', 'payment-terms.get');
    const vatZones = spec('/vat-zones', 'vat-zones.get');
    const drafts: CollectionSpec = {
      ...spec('/orders/drafts', 'orders.drafts.get'),
      crashingFilterFields: ['paymentTerms.paymentTermsNumber'],
    };
    const unitFields = new Map<string, FieldType>([
      ['unitNumber', 'integer'],
      ['name', 'string'],
    ]);
    const units: CollectionSpec = { path: '/units', filterable: unitFields, sortable: unitFields };
    // No published schema for these three (docs/contracts/booking-and-vat.md Q1, from e-conomic's own field tables).
    const vatAccountFields = new Map<string, FieldType>([
      ['vatCode', 'string'],
      ['name', 'string'],
      ['ratePercentage', 'number'],
    ]);
    const vatAccounts: CollectionSpec = {
      path: '/vat-accounts',
      filterable: vatAccountFields,
      sortable: vatAccountFields,
    };
    const productGroupFields = new Map<string, FieldType>([
      ['productGroupNumber', 'integer'],
      ['name', 'string'],
    ]);
    const productGroups: CollectionSpec = {
      path: '/product-groups',
      filterable: productGroupFields,
      sortable: productGroupFields,
    };
    const salesAccounts: CollectionSpec = {
      path: '/product-groups/sales-accounts',
      filterable: new Map(),
      sortable: new Map(),
    };
    this.router
      .add('GET', '/self', ({ agreement }) => ({ status: 200, json: this.self(agreement) }))
      .add('GET', '/customers', ({ request, agreement }) => {
        const renderer = this.render();
        return this.collection(request, customers, {
          size: agreement.data.customers.size,
          itemsFor: (filter) => customersFor(filter, agreement.data.customers),
          render: (customer) => renderer.customer(customer),
        });
      })
      .add('GET', '/customers/:number', ({ params, agreement }) =>
        this.single(agreement.data.customers, params.number, 'Customer', (c) => this.render().customer(c)),
      )
      .add('GET', '/customer-groups', ({ request, agreement }) =>
        this.collection(
          request,
          customerGroups,
          byNumber(agreement.data.customerGroups).map((g) =>
            this.render().customerGroup(g, agreement.data.layouts),
          ),
        ),
      )
      .add('GET', '/customer-groups/:number', ({ params, agreement }) =>
        this.single(agreement.data.customerGroups, params.number, 'Customer group', (g) =>
          this.render().customerGroup(g, agreement.data.layouts),
        ),
      )
      .add('GET', '/layouts', ({ request, agreement }) =>
        this.collection(
          request,
          layouts,
          byNumber(agreement.data.layouts).map((l) => this.render().layout(l)),
        ),
      )
      .add('GET', '/layouts/:number', ({ params, agreement }) =>
        this.single(agreement.data.layouts, params.number, 'Layout', (l) => this.render().layout(l)),
      )
      .add('GET', '/products', ({ request, agreement }) => {
        const { data } = agreement;
        const all = [...data.products.values()]
          .sort((a, b) =>
            a.productNumber < b.productNumber ? -1 : a.productNumber > b.productNumber ? 1 : 0,
          )
          .map((p) => this.render().product(p, data.units, data.productGroups));
        return this.collection(request, products, all);
      })
      .add('GET', '/products/:productNumber', ({ params, agreement }) => {
        const { data } = agreement;
        const raw = params.productNumber as string;
        const product = data.products.get(raw) ?? data.products.get(decodeProductNumber(raw));
        return product
          ? { status: 200, json: this.render().product(product, data.units, data.productGroups) }
          : this.notFound('Product');
      })
      .add('GET', '/payment-terms', ({ request, agreement }) =>
        this.collection(
          request,
          paymentTerms,
          byNumber(agreement.data.paymentTerms).map((t) => this.render().paymentTerms(t)),
        ),
      )
      .add('GET', '/payment-terms/:number', ({ params, agreement }) =>
        this.single(agreement.data.paymentTerms, params.number, 'Payment terms', (t) =>
          this.render().paymentTerms(t),
        ),
      )
      .add('GET', '/vat-zones', ({ request, agreement }) =>
        this.collection(
          request,
          vatZones,
          byNumber(agreement.data.vatZones).map((v) => this.render().vatZone(v)),
        ),
      )
      .add('GET', '/vat-zones/:number', ({ params, agreement }) =>
        this.single(agreement.data.vatZones, params.number, 'VAT zone', (v) => this.render().vatZone(v)),
      )
      .add('GET', '/vat-accounts', ({ request, agreement }) =>
        this.collection(
          request,
          vatAccounts,
          [...agreement.data.vatAccounts.values()]
            .sort((a, b) => (a.vatCode < b.vatCode ? -1 : a.vatCode > b.vatCode ? 1 : 0))
            .map((v) => this.render().vatAccount(v)),
        ),
      )
      .add('GET', '/product-groups', ({ request, agreement }) =>
        this.collection(
          request,
          productGroups,
          byNumber(agreement.data.productGroups).map((g) => this.render().productGroup(g)),
        ),
      )
      .add('GET', '/product-groups/:number', ({ params, agreement }) =>
        this.single(agreement.data.productGroups, params.number, 'Product group', (g) =>
          this.render().productGroup(g),
        ),
      )
      .add('GET', '/product-groups/:number/sales-accounts', ({ request, params, agreement }) => {
        const number = /^\d+$/.test(params.number ?? '') ? Number(params.number) : Number.NaN;
        const group = agreement.data.productGroups.get(number);
        if (!group) return this.notFound('Product group');
        return this.collection(
          request,
          { ...salesAccounts, path: `/product-groups/${number}/sales-accounts` },
          this.render().salesAccounts(group, agreement.data),
        );
      })
      .add('GET', '/invoices/booked', ({ request, agreement }) => this.booked(request, agreement, () => true))
      .add('GET', '/invoices/paid', ({ request, agreement }) =>
        this.booked(request, agreement, (invoice) => invoice.remainder === 0),
      )
      .add('GET', '/invoices/unpaid', ({ request, agreement }) =>
        this.booked(request, agreement, (invoice) => invoice.remainder !== 0),
      )
      .add('GET', '/invoices/booked/:number', ({ params, agreement }) =>
        this.single(agreement.data.bookedInvoices, params.number, 'Booked invoice', (b) =>
          this.render().bookedInvoice(b),
        ),
      )
      .add('GET', '/units', ({ request, agreement }) =>
        this.collection(
          request,
          units,
          byNumber(agreement.data.units).map((u) => this.render().unit(u)),
        ),
      )
      .add('GET', '/units/:number', ({ params, agreement }) =>
        this.single(agreement.data.units, params.number, 'Unit', (u) => this.render().unit(u)),
      )
      .add('GET', '/orders/drafts', ({ request, agreement }) =>
        this.collection(
          request,
          drafts,
          byNumber(agreement.data.drafts).map((d) => this.render().draft(d, false)),
        ),
      )
      .add('POST', '/orders/drafts', (context) => this.createDraft(context))
      .add('GET', '/orders/drafts/:number', ({ params, agreement }) =>
        this.single(agreement.data.drafts, params.number, 'Draft order', (d) => this.render().draft(d, true)),
      )
      .add('DELETE', '/orders/drafts/:number', ({ params, agreement }) =>
        this.deleteDraft(agreement, params.number),
      )
      .add('PUT', '/orders/drafts/:number', ({ request }) =>
        legacyError(
          this.clock,
          501,
          'Not implemented.',
          `The simulator does not implement ${request.method} ${request.path}; an export never replaces a draft.`,
        ),
      );
  }

  private self(agreement: Agreement): Record<string, unknown> {
    const { config } = agreement;
    const self = this.render().url('/self');
    return {
      agreementNumber: config.agreementNumber,
      agreementType: { agreementTypeNumber: 1, name: 'Standard' },
      userName: config.userName ?? 'Simulated User',
      signupDate: '2024-01-01',
      company: { name: config.companyName, country: 'Denmark' },
      application: {
        appNumber: 1,
        name: 'Faktura',
        created: '2024-01-01',
        requiredRoles: [{ roleNumber: 1, name: 'SuperUser', self: this.render().url('/app-roles/1') }],
        self: this.render().url('/apps/1'),
      },
      settings: { baseCurrency: config.baseCurrency ?? 'DKK' },
      modules: [],
      self,
    };
  }

  private async createDraft({ request, agreement, entry }: HandlerContext): Promise<SimResponse> {
    const parsed = parseJson(request.text);
    if (!parsed.ok) {
      return legacyError(this.clock, 400, 'Could not parse the request body as JSON.', parsed.error);
    }
    if (!isPlainObject(parsed.value)) {
      return legacyError(
        this.clock,
        400,
        'The request body must be a JSON object.',
        'POST one draft order document.',
      );
    }
    const body = parsed.value;
    const customer = isPlainObject(body.customer) ? body.customer.customerNumber : undefined;
    const decision = this.faults.onCreate({
      ...(customer !== undefined ? { customer: String(customer) } : {}),
      operation: 'order',
    });
    if (decision.action !== 'proceed') entry.notes.push(`fault: ${decision.action}`);
    if (decision.action === 'fail') {
      return legacyError(
        this.clock,
        decision.status,
        decision.status >= 500 ? 'An error occurred.' : 'Validation error.',
        'Fault injected by the simulator (PUT /__sim/config).',
      );
    }
    if (decision.action === 'drop-before') return { status: 0, drop: true };
    if (decision.action === 'hang') return { status: 0, drop: true, holdMs: decision.holdMs };
    if (decision.action === 'plain-text') return { status: decision.status, text: decision.code };

    const { data } = agreement;
    const orderNumber = data.nextOrderNumber();
    const built = buildDraft(
      body,
      {
        data,
        baseCurrency: agreement.config.baseCurrency ?? 'DKK',
        now: timestamp(this.clock.now()),
        baseUrl: this.baseUrl,
      },
      orderNumber,
    );
    if (!built.ok) return validationFailed(this.clock, built.errors);
    const record = {
      orderNumber,
      document: decision.action === 'skew-amounts' ? skewed(built.document) : built.document,
    };
    data.drafts.set(orderNumber, record);
    const json = this.render().draft(record, true);
    const response: SimResponse = { status: 201, headers: { Location: String(json.self) }, json };
    return decision.action === 'drop-after' ? { ...response, drop: true } : response;
  }

  private deleteDraft(agreement: Agreement, param: string | undefined): SimResponse {
    const number = /^\d+$/.test(param ?? '') ? Number(param) : Number.NaN;
    if (!agreement.data.drafts.delete(number)) return this.notFound('Draft order');
    if (this.config.deleteStatus === 200) {
      return {
        status: 200,
        json: {
          message: 'Deleted 1 entities.',
          deletedCount: 1,
          deletedItems: [{ orderNumber: number, self: this.render().url(`/orders/drafts/${number}`) }],
        },
      };
    }
    return { status: 204 };
  }
}

/** Starts the e-conomic simulator; `stop()` closes it (idempotent). */
export const startEconomicSimulator = async (
  options: EconomicSimulatorOptions,
): Promise<EconomicSimulator> => {
  const service = new EconomicService(options);
  const server = await startHttpServer({
    port: options.port,
    ...(options.host ? { host: options.host } : {}),
    handle: (request) => service.handle(request),
  });
  service.baseUrl = (options.publicUrl ?? server.url).replace(/\/+$/, '');
  service.reset();
  return { url: server.url, port: server.port, stop: server.stop, control: service.control() };
};

/** The `skew-amounts` fault: the draft as a system that decided 1.00 more VAT would keep it. */
const skewed = (document: DraftDocument): DraftDocument => ({
  ...document,
  vatAmount: toNumber(toBig(document.vatAmount).plus(1)),
  grossAmount: toNumber(toBig(document.grossAmount).plus(1)),
});

/** What GET /invoices/booked filters and sorts on (SLATE `_invoices.md`: no published schema here). */
const bookedInvoicesSpec: CollectionSpec = {
  path: '/invoices/booked',
  filterable: new Map<string, FieldType>([
    ['bookedInvoiceNumber', 'integer'],
    ['orderNumber', 'integer'],
    ['date', 'string'],
    ['dueDate', 'string'],
    ['customer.customerNumber', 'integer'],
    ['references.other', 'string'],
    ['notes.heading', 'string'],
    ['currency', 'string'],
    ['netAmount', 'number'],
    ['grossAmount', 'number'],
    ['remainder', 'number'],
  ]),
  sortable: new Map<string, FieldType>([
    ['bookedInvoiceNumber', 'integer'],
    ['date', 'string'],
  ]),
};
