import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '#domain/invoice/calendar';
import { type RouteSpec, routes } from '#infra/catalog';
import { createInvoices, createScenario, credentials, type Scenario } from './support/accounting.ts';
import { type ApiResponse, call, defaultTarget, tokenFor } from './support/api.ts';
import { createProduct, createTenant } from './support/fixtures.ts';

/**
 * What an attacker who holds a valid token would try, on every route of the catalog: hostile and
 * random bodies, query values, path ids and headers, as every role. Tenant A holds the data under
 * attack; the attackers are tenant B's staff and B's customer user (and ADMIN, who may see all
 * but must never see a secret). Whatever is sent:
 * - the answer is never a 5xx;
 * - no 2xx answer to a caller of B carries an id of A's (nor, to B's customer user, an id of B's
 *   other customer);
 * - no answer carries a secret (accounting credentials in the secret store, the token signing key).
 * The catalog is enumerated, so a new route is fuzzed without anyone remembering to add it.
 *
 * Sent untyped on purpose: the requests are generated outside the reference; every answer is still
 * held to it (support/api.ts), so an undocumented status or error shape fails here too.
 */

interface Victim {
  reseller: string;
  customer: string;
  invoice: string;
  currentItem: string;
  exportId: string;
}

let a: Victim;
let attacker: { reseller: string; customer: string; sibling: string; siblingInvoice: string };
let product: string;
let tokens: Record<'ADMIN' | 'RESELLER' | 'USER', string>;
let secrets: string[];

/** Every value the secret store holds that is secret (ids and service roots are not), and the signing key. */
const readSecrets = (dataDir: string): string[] => {
  const found = new Set<string>();
  const notSecret = new Set(['companyId', 'userId', 'baseUrl', 'origin', 'host', 'system']);
  const collect = (value: unknown, key?: string): void => {
    if (typeof value === 'string') {
      if (key && notSecret.has(key)) return;
      if (value.length >= 8 && !/^https?:\/\//.test(value)) found.add(value);
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) collect(v, k);
    }
  };
  const store = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')) as {
    secrets: { versions: { secretString?: string }[] }[];
  };
  for (const secret of store.secrets) {
    for (const version of secret.versions) {
      if (version.secretString === undefined) continue;
      try {
        collect(JSON.parse(version.secretString));
      } catch {
        collect(version.secretString);
      }
    }
  }
  const signingKey = JSON.parse(readFileSync(join(dataDir, 'identity-key.json'), 'utf8')) as { d: string };
  found.add(signingKey.d);
  return [...found];
};

const hostileText = fc.constantFrom(
  '',
  ' ',
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  '../../etc/passwd',
  '%00',
  '\u0000',
  '\u001b[31m',
  '\ud800',
  '=cmd|" /C calc"!A0',
  '{"$ne":null}',
  "' OR '1'='1",
  'x'.repeat(2_000),
  '65f000000000000000000001',
  'ffffffffffffffffffffffff',
  'T#',
  'P#ID#',
  'NaN',
  '-1',
  '1e309',
  'true',
);
const someText = fc.oneof(
  hostileText,
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);
const someValue = fc.oneof(
  someText,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(1e9, -1e9, 2 ** 53, 1e15, Number.MAX_VALUE, 0.000001),
  fc.anything({ maxDepth: 2 }),
);

/** A's ids, only where ids belong: a 2xx that echoes free text is not a leak, one that shows A's data is. */
const victimId = () => fc.constantFrom(a.reseller, a.customer, a.invoice, a.currentItem, a.exportId);
const anyId = () =>
  fc.oneof(
    victimId(),
    fc.constantFrom(attacker.reseller, attacker.customer),
    fc.stringMatching(/^[0-9a-f]{24}$/),
    someText,
  );

/** A cursor as a forger would make it: DynamoDB keys of A's partitions, base64url JSON. */
const forgedCursor = () =>
  fc
    .record({
      pk: fc.constantFrom(
        `T#${a.reseller}`,
        `T#${a.reseller}#INVOICE#${a.invoice}`,
        'P#RESELLERS',
        'P#PRODUCTS',
      ),
      sk: fc.constantFrom(`CUSTOMER#${a.customer}`, 'HEADER', `RESELLER#${a.reseller}`, ''),
      phase: fc.constantFrom('pending', 'marked', 'feed', undefined),
    })
    .map((key) => Buffer.from(JSON.stringify(key)).toString('base64url'));

const idKeys = ['customer', 'reseller', 'product', 'invoice', 'id', 'exportId'] as const;
const queryKeys = [
  ...idKeys,
  'cursor',
  'limit',
  'offset',
  'format',
  'lang',
  'groupInvoiceLines',
  'onlyUsage',
  'externalLicenses',
  'fromDate',
  'toDate',
  'system_id',
  'not_exported_since',
  'include_non_booked',
  'includes[]',
  'filter_groups[0][filters][0][key]',
  'filter_groups[0][filters][0][value]',
  'filter_groups[0][filters][0][operator]',
  'platform',
  'layout',
  'invoiceDate',
  'adminMode',
  'linesCursor',
  'linesLimit',
] as const;

const queryString = () =>
  fc
    .dictionary(fc.constantFrom(...queryKeys), fc.oneof(someText, forgedCursor(), fc.integer().map(String)), {
      maxKeys: 4,
    })
    .chain((free) =>
      fc
        .option(fc.record({ key: fc.constantFrom(...idKeys), id: victimId() }), { nil: undefined })
        .map((pick) => (pick ? { ...free, [pick.key]: pick.id } : free)),
    )
    .map((entries) => new URLSearchParams(entries).toString());

/** Bodies of every shape, and near-valid ones whose id fields point at A's data. */
const body = () =>
  fc.oneof(
    { weight: 1, arbitrary: someValue },
    {
      weight: 4,
      arbitrary: fc.record(
        {
          name: someText,
          email: someText,
          customer: anyId(),
          reseller: anyId(),
          product: fc.oneof(fc.constant(product), anyId()),
          units: someValue,
          unitPrice: someValue,
          unitCost: someValue,
          unitWholesale: someValue,
          description: someText,
          headline: someText,
          invoiceNumber: someValue,
          invoiceDate: fc.oneof(fc.constantFrom('2026-11-01', '2026-02-30'), someText),
          dueDate: someValue,
          recurrence: someValue,
          finance: fc.oneof(
            fc.record({ accountingEmail: someText, accountingSystemId: someText }),
            someValue,
          ),
          lines: fc.oneof(
            fc.array(
              fc.record(
                {
                  product: fc.oneof(fc.constant(product), anyId()),
                  units: someValue,
                  unitPrice: someValue,
                  description: someText,
                },
                { requiredKeys: [] },
              ),
              { maxLength: 3 },
            ),
            someValue,
          ),
          currentInvoices: fc.oneof(fc.array(anyId(), { maxLength: 2 }), someValue),
          invoices: fc.oneof(
            fc.array(
              fc.record({ invoice_id: anyId(), system_id: someText, note: someText }, { requiredKeys: [] }),
              {
                maxLength: 3,
              },
            ),
            someValue,
          ),
          invoicesToOmit: fc.oneof(fc.array(anyId(), { maxLength: 2 }), someValue),
          layout: someValue,
          adminMode: someValue,
          externalLicenses: someValue,
          platform: someValue,
          autoExport: someValue,
          // Only loopback service roots: a fuzzer must never make the system call out of this machine.
          baseUrl: fc.constantFrom(
            'http://127.0.0.1:9/',
            'http://localhost:1/x',
            'https://127.0.0.2',
            'ftp://127.0.0.1',
          ),
          appSecretToken: fc.oneof(someText, fc.constant(credentials.economic.appSecretToken)),
          agreementGrantToken: fc.oneof(someText, fc.constant(credentials.economic.agreementGrantToken)),
          companyId: someValue,
          userId: someText,
          password: someText,
        },
        { requiredKeys: [] },
      ),
    },
  );

const pathValue = (name: string) =>
  name === 'system'
    ? fc.oneof(fc.constantFrom('economic', 'uniconta'), someText)
    : fc.oneof({ weight: 3, arbitrary: victimId() }, { weight: 1, arbitrary: someText });

/**
 * Percent-encodes a path segment; a lone surrogate, which UTF-8 cannot carry, goes as its WTF-8
 * bytes (invalid UTF-8 on the wire), which is what a hostile client can send.
 */
const encodeSegment = (value: string): string =>
  [...value]
    .map((char) => {
      const code = char.charCodeAt(0);
      if (char.length === 1 && code >= 0xd800 && code <= 0xdfff)
        return `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`.toUpperCase();
      return encodeURIComponent(char);
    })
    .join('');

const fillPath = (route: RouteSpec) => {
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
  return fc
    .tuple(...names.map(pathValue))
    .map((values) =>
      names.reduce(
        (path, name, index) => path.replace(`{${name}}`, encodeSegment(values[index]!) || 'x'),
        route.path,
      ),
    );
};

const headers = () =>
  fc.record(
    {
      'idempotency-key': fc.oneof(
        someText.filter((text) => /^[\x20-\x7e]*$/.test(text)),
        fc.uuid(),
      ),
      'content-type': fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded'),
      accept: fc.constantFrom('text/csv', 'application/json', '*/*'),
    },
    { requiredKeys: [] },
  );

const victimIds = () => Object.values(a);

const assertSafe = (response: ApiResponse, role: keyof typeof tokens, request: string) => {
  expect(
    response.status,
    `${role} ${request} → ${response.status} ${response.text.slice(0, 300)}`,
  ).toBeLessThan(500);
  for (const secret of secrets)
    expect(response.text.includes(secret), `${role} ${request} shows a secret`).toBe(false);
  if (role === 'ADMIN' || response.status >= 300) return;
  for (const id of victimIds()) {
    expect(response.text.includes(id), `${role} ${request} shows tenant A's ${id}`).toBe(false);
  }
  if (role === 'USER') {
    for (const id of [attacker.sibling, attacker.siblingInvoice])
      expect(response.text.includes(id), `USER ${request} shows another customer's ${id}`).toBe(false);
  }
};

const apiRoutes = routes.filter((route) => !route.public);

describe('hostile requests on every route, as every role', () => {
  beforeAll(async () => {
    product = (await createProduct())._id;
    const victim: Scenario = await createScenario('economic', 1, 'Victim');
    const [invoice] = await createInvoices(victim, 1, localDate(new Date()).slice(0, 7));
    const item = await victim.tenant.resellerApi.post('/invoice/current', {
      customer: victim.tenant.customer,
      product,
      units: 1,
      recurrence: 'NONE',
    });
    const exported = await victim.tenant.resellerApi.post('/integration/economic/invoice/draft', {});
    a = {
      reseller: victim.tenant.reseller,
      customer: victim.tenant.customer,
      invoice: invoice!,
      currentItem: item.body._id,
      exportId: exported.body.exportId,
    };
    for (const [name, id] of Object.entries(a))
      if (typeof id !== 'string') throw new Error(`victim's ${name}`);

    const b = await createTenant('Attacker');
    await b.resellerApi.put('/integration/uniconta/settings', credentials.uniconta);
    const sibling = await b.resellerApi.post('/customer', { name: 'Sibling of the attacker' });
    const siblingInvoice = await b.resellerApi.post('/invoice', {
      customer: sibling.body._id,
      lines: [{ product, units: 1 }],
    });
    attacker = {
      reseller: b.reseller,
      customer: b.customer,
      sibling: sibling.body._id,
      siblingInvoice: siblingInvoice.body._id,
    };
    tokens = {
      ADMIN: await tokenFor({ role: 'ADMIN', email: 'ops@faktura.local' }),
      RESELLER: await tokenFor({ role: 'RESELLER', reseller: b.reseller, email: 'staff@attacker.example' }),
      USER: await tokenFor({ role: 'USER', reseller: b.reseller, customer: b.customer }),
    };
    secrets = readSecrets(defaultTarget().dataDir);
    expect(secrets).toEqual(
      expect.arrayContaining([credentials.economic.appSecretToken, credentials.uniconta.password]),
    );
  }, 120_000);

  it.each(apiRoutes.map((route) => [`${route.method} ${route.path}`, route] as const))(
    '%s',
    async (_name, route) => {
      const takesBody = route.method !== 'GET' && route.method !== 'DELETE';
      await fc.assert(
        fc.asyncProperty(
          fillPath(route),
          queryString(),
          takesBody ? body() : fc.constant(undefined),
          headers(),
          async (path, query, requestBody, requestHeaders) => {
            const url = query ? `${path}?${query}` : path;
            const rawBody = requestBody === undefined ? undefined : (JSON.stringify(requestBody) ?? 'null');
            for (const role of ['RESELLER', 'USER', 'ADMIN'] as const) {
              const response = await call(route.method, url, {
                token: tokens[role],
                ...(rawBody === undefined ? {} : { rawBody }),
                headers: requestHeaders,
              });
              assertSafe(response, role, `${route.method} ${url}`);
            }
          },
        ),
        { numRuns: 50 },
      );
    },
    180_000,
  );

  it('refuses forged, foreign, expired and unsigned tokens on every route with 401', async () => {
    const [header, payload] = tokens.RESELLER.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const reencode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const forged = [
      // A's reseller in B's token, B's signature kept.
      `${header}.${reencode({ ...claims, 'custom:reseller': a.reseller })}.${tokens.RESELLER.split('.')[2]}`,
      // Promoted to ADMIN, signature kept.
      `${header}.${reencode({ ...claims, 'custom:role': 'ADMIN' })}.${tokens.RESELLER.split('.')[2]}`,
      // No signature at all.
      `${reencode({ alg: 'none', typ: 'JWT' })}.${reencode({ ...claims, 'custom:role': 'ADMIN' })}.`,
      await tokenFor({ role: 'ADMIN', expiresIn: '-1m' }),
      'not-a-token',
    ];
    for (const route of apiRoutes) {
      for (const token of forged) {
        const path = route.path.replace(/\{(\w+)\}/g, (_m, name: string) =>
          name === 'system' ? 'economic' : a.invoice,
        );
        const response = await call(route.method, path, {
          token,
          ...(route.method === 'GET' ? {} : { body: {} }),
        });
        expect(response.status, `${route.method} ${path}`).toBe(401);
        expect(response.body).toEqual({ message: 'Unauthorized' });
      }
    }
  });
});
