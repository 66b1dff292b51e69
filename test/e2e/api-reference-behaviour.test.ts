import { beforeAll, describe, expect, it } from 'vitest';
import { type ApiResponse, call, tokenFor } from './support/api.ts';
import { createProduct, createTenant, type Tenant } from './support/fixtures.ts';

/**
 * Issue 12's acceptance: the API reference matches what the routes do. Driven by /openapi.json
 * itself, so it stays true as routes change: every documented query parameter is accepted with
 * every value the reference offers (its enum, its examples, its limits), an undocumented one is
 * ignored or refused naming it (never something else), and every documented `maximum`/`minimum`
 * of a whole-number parameter is the real one: the bound passes, one beyond is `422` naming it.
 *
 * Every request is made as ADMIN naming one test tenant (when the route documents `reseller`), so
 * a refusal that names another parameter (the tenant has no accounting integration, say) still
 * shows that the parameter under test was read and accepted.
 *
 * Sent untyped on purpose: the requests are built from /openapi.json itself, route by route.
 */
type Schema = {
  type?: string;
  enum?: string[];
  examples?: string[];
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  const?: string;
  items?: Schema;
};
type Parameter = { name: string; in: string; required?: boolean; schema: Schema };
type Operation = { method: string; path: string; parameters: Parameter[] };

let reference: { paths: Record<string, Record<string, { parameters?: Parameter[] }>> };
let token: string;
let tenant: Tenant;
let product: { _id: string };
let invoiceId: string;
const systemId = 'reference-behaviour';

const idPattern = '^[0-9a-fA-F]{24}$';

/** Values the schema alone cannot give (which tenant, which system), by parameter name. */
const namedValues = (): Record<string, string> => ({
  reseller: tenant.reseller,
  customer: tenant.customer,
  system_id: systemId,
  fromDate: '2026-01-01',
  toDate: '2026-12-31',
  invoiceDate: '2034-08-01',
  layout: '1',
  // The seed's own form of a UTC time (docs/seeds/004-export-tracking.txt).
  not_exported_since: '2026-01-01 00:00:00',
});

/** Path parameters, by the route's path. */
const pathValues = (path: string): string =>
  path
    .replace('{system}', 'economic')
    .replace('{exportId}', '0123456789abcdef01234567')
    .replace(/^\/(\w+)\/\{id\}/, (_, resource: string) => {
      const ids: Record<string, string> = {
        reseller: tenant.reseller,
        customer: tenant.customer,
        product: product._id,
        invoice: invoiceId,
      };
      return `/${resource}/${ids[resource]}`;
    });

/** Some routes need a state first: retiring a system needs the system registered. */
const prepare: Record<string, () => Promise<unknown>> = {
  'DELETE /invoices/export/systems': () =>
    call('GET', `/invoices/export?system_id=${systemId}&reseller=${tenant.reseller}`, { token }),
};

const operations = (): Operation[] =>
  Object.entries(reference.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      parameters: (operation.parameters ?? []).filter((parameter) => parameter.in === 'query'),
    })),
  );

const request = async (operation: Operation, query: Record<string, string>): Promise<ApiResponse> => {
  await prepare[`${operation.method} ${operation.path}`]?.();
  const search = new URLSearchParams(query).toString();
  return call(operation.method, `${pathValues(operation.path)}${search ? `?${search}` : ''}`, {
    token,
    ...(operation.method === 'POST' || operation.method === 'PUT' || operation.method === 'PATCH'
      ? { body: {} }
      : {}),
  });
};

/** What a request needs besides the parameter under test: the required ones, and the tenant. */
const baseQuery = (operation: Operation): Record<string, string> => {
  const named = namedValues();
  return Object.fromEntries(
    operation.parameters
      .filter((parameter) => parameter.required || parameter.name === 'reseller')
      .map((parameter) => [parameter.name, named[parameter.name] ?? validValues(parameter)[0]!]),
  );
};

/** Every value the reference offers for a parameter. */
const validValues = (parameter: Parameter): string[] => {
  const { schema } = parameter;
  const named = namedValues()[parameter.name];
  if (named !== undefined) return [named];
  if (schema.enum) return schema.enum;
  if (schema.examples) return schema.examples;
  if (schema.const !== undefined) return [schema.const];
  // A body field offered in the query (the export route): the query's one boolean rule.
  if (schema.type === 'boolean') return ['true', 'FALSE', '1', '0'];
  if (schema.type === 'array' && schema.items) return validValues({ ...parameter, schema: schema.items });
  if (schema.type === 'integer')
    return [schema.minimum, schema.maximum].filter((value) => value !== undefined).map(String);
  if (schema.format === 'date-time') return ['2026-01-01T00:00:00Z'];
  if (schema.format === 'date') return ['2026-01-01'];
  // A whole number as text (linesOffset, linesLimit): its bounds are in the description only.
  if (schema.pattern === '^\\d{1,6}$') return ['1'];
  if (schema.pattern === idPattern) return [tenant.customer];
  return [];
};

/** A cursor is valid only as the API gave it out: the route's own first page of one. */
const cursorOf = async (operation: Operation): Promise<string | undefined> => {
  const first = await request(operation, { ...baseQuery(operation), limit: '1' });
  return typeof first.body?.cursor === 'string' ? first.body.cursor : undefined;
};

const names = (response: ApiResponse): string[] => [
  response.body?.message,
  ...(Array.isArray(response.body?.errors)
    ? response.body.errors.map((error: { message: string }) => error.message)
    : []),
];

const refusedNaming = (response: ApiResponse, name: string) =>
  response.status >= 400 && names(response).includes(name);

beforeAll(async () => {
  reference = (await call('GET', '/openapi.json')).body;
  token = await tokenFor({ role: 'ADMIN', email: 'ops@faktura.local' });
  tenant = await createTenant('Reference behaviour');
  product = await createProduct();
  for (let i = 0; i < 3; i += 1) {
    const created = await tenant.resellerApi.post('/invoice', {
      customer: tenant.customer,
      sent: true,
      lines: [{ product: product._id, units: 1 + i }],
    });
    if (created.status !== 201) throw new Error(`invoice: ${created.status} ${created.text}`);
    invoiceId = created.body._id;
  }
  await tenant.resellerApi.post('/invoice/current', {
    customer: tenant.customer,
    product: product._id,
    units: 1,
    from: '2026-11-01',
  });
});

describe('the API reference and the behaviour agree', () => {
  it('documents query parameters for the routes this test drives', () => {
    // Assess: the test has something to check (a reference without parameters would pass vacuously).
    expect(operations().filter((operation) => operation.parameters.length > 0).length).toBeGreaterThan(5);
  });

  it('accepts every documented query parameter with every value the reference offers', async () => {
    const refused: string[] = [];
    for (const operation of operations()) {
      for (const parameter of operation.parameters) {
        const values =
          parameter.name === 'cursor'
            ? [await cursorOf(operation)].filter((value): value is string => value !== undefined)
            : validValues(parameter);
        expect(
          values,
          `${operation.method} ${operation.path} ${parameter.name}: no value to try`,
        ).not.toEqual([]);
        for (const value of values) {
          const response = await request(operation, { ...baseQuery(operation), [parameter.name]: value });
          // A documented refusal that names something else (503 accounting_unavailable: the
          // platform's integration may point at another test's outage simulator) still shows the
          // parameter was read; only a refusal naming it, or an unexpected error, is a finding.
          if (
            refusedNaming(response, parameter.name) ||
            (response.status >= 500 && response.body?.message !== 'accounting_unavailable')
          )
            refused.push(
              `${operation.method} ${operation.path}?${parameter.name}=${value} → ${response.status} ${response.text}`,
            );
        }
      }
    }
    expect(refused).toEqual([]);
  });

  it('ignores an undocumented query parameter, or refuses it naming it, and nothing else', async () => {
    const inconsistent: string[] = [];
    for (const operation of operations()) {
      if (operation.method !== 'GET') continue;
      const base = baseQuery(operation);
      const without = await request(operation, base);
      const withUnknown = await request(operation, { ...base, not_a_documented_parameter: '1' });
      const ignored = withUnknown.status === without.status;
      // Refused: 422 whose answer names it, as its key or (a strict query's `query` key) in its description.
      const refused =
        withUnknown.status === 422 &&
        (names(withUnknown).includes('not_a_documented_parameter') ||
          withUnknown.text.includes('not_a_documented_parameter'));
      if (!ignored && !refused)
        inconsistent.push(
          `${operation.method} ${operation.path} → ${withUnknown.status} ${withUnknown.text}`,
        );
    }
    expect(inconsistent).toEqual([]);
  });

  it('holds every documented bound of a whole-number query parameter: the bound passes, one beyond is 422 naming it', async () => {
    const wrong: string[] = [];
    const bounded: string[] = [];
    for (const operation of operations()) {
      for (const parameter of operation.parameters) {
        if (parameter.schema.type !== 'integer') continue;
        const { minimum, maximum } = parameter.schema;
        if (minimum !== undefined || maximum !== undefined)
          bounded.push(`${operation.method} ${operation.path} ${parameter.name}`);
        const cases: [number, boolean][] = [
          ...(maximum === undefined
            ? []
            : ([
                [maximum, true],
                [maximum + 1, false],
              ] as [number, boolean][])),
          ...(minimum === undefined
            ? []
            : ([
                [minimum, true],
                [minimum - 1, false],
              ] as [number, boolean][])),
        ];
        for (const [value, accepted] of cases) {
          const response = await request(operation, {
            ...baseQuery(operation),
            [parameter.name]: String(value),
          });
          const ok = accepted
            ? !refusedNaming(response, parameter.name) && response.status < 500
            : response.status === 422 && names(response).includes(parameter.name);
          if (!ok)
            wrong.push(
              `${operation.method} ${operation.path}?${parameter.name}=${value} (${accepted ? 'documented' : 'beyond the documented bound'}) → ${response.status} ${response.text}`,
            );
        }
      }
    }
    // Something was checked: the bounds issue 12 names (the shared page limit, the export tracking
    // list's own) are documented as whole-number bounds, not only in a description.
    expect(bounded).toEqual(
      expect.arrayContaining(['GET /reseller limit', 'GET /invoice offset', 'GET /invoices/export limit']),
    );
    expect(wrong).toEqual([]);
  });
});
