import type { BenchStack } from './stack.ts';

/**
 * The benchmark's client of the local HTTP API, as a reseller's integration calls it (real HTTP,
 * real tokens), and the few fixtures it needs: tenants, products, invoices. The tests' own
 * support files read vitest's provided context, so they cannot serve outside vitest.
 */
export interface ApiAnswer {
  readonly status: number;
  // biome-ignore lint/suspicious/noExplicitAny: JSON of many shapes, read field by field
  readonly body: any;
  readonly text: string;
}

export type Api = (method: string, path: string, body?: unknown) => Promise<ApiAnswer>;

export const apiAs =
  (stack: Pick<BenchStack, 'apiUrl'>, token: string): Api =>
  async (method, path, body) => {
    const response = await fetch(`${stack.apiUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: response.status, body: parsed, text };
  };

export const expectStatus = (answer: ApiAnswer, status: number, what: string): ApiAnswer => {
  if (answer.status !== status)
    throw new Error(`${what}: ${answer.status} (expected ${status}) ${answer.text.slice(0, 500)}`);
  return answer;
};

export const adminApi = async (stack: BenchStack): Promise<Api> =>
  apiAs(stack, await stack.token({ role: 'ADMIN', email: 'bench@faktura.local' }));

let sequence = 0;
/** Unique across the process: accounting numbers and product codes of different runs never meet. */
export const nextNumber = (): number => {
  sequence += 1;
  return 300_000 + sequence;
};

export interface BenchTenant {
  readonly reseller: string;
  readonly customers: { readonly id: string; readonly number: string }[];
  readonly api: Api;
}

/** A reseller with `customerCount` customers, each with an accounting number, and its staff's API. */
export const createTenant = async (
  stack: BenchStack,
  label: string,
  customerCount = 1,
): Promise<BenchTenant> => {
  const admin = await adminApi(stack);
  const n = nextNumber();
  const reseller = expectStatus(
    await admin('POST', '/reseller', {
      name: `${label} ${n}`,
      email: `staff${n}@bench.example`,
      finance: { accountingEmail: `books${n}@bench.example` },
    }),
    201,
    'reseller',
  ).body._id as string;
  const customers: { id: string; number: string }[] = [];
  for (let i = 0; i < customerCount; i += 1) {
    const number = String(nextNumber());
    const created = expectStatus(
      await admin('POST', '/customer', {
        reseller,
        name: `${label} kunde ${number}`,
        email: `kunde${number}@bench.example`,
        finance: { accountingSystemId: number },
      }),
      201,
      'customer',
    );
    customers.push({ id: created.body._id, number });
  }
  const token = await stack.token({ role: 'RESELLER', reseller, email: `staff${n}@bench.example` });
  return { reseller, customers, api: apiAs(stack, token) };
};

export const createProduct = async (
  stack: BenchStack,
  fields: Record<string, unknown>,
): Promise<{ id: string; code: string }> => {
  const admin = await adminApi(stack);
  const code = `B${nextNumber()}`;
  const created = expectStatus(
    await admin('POST', '/product', {
      productCode: code,
      name: `Bench ${code}`,
      unitType: 'UNITS',
      unitCost: 10,
      unitWholesale: 20,
      unitPrice: 25,
      kind: 'subscription',
      ...fields,
    }),
    201,
    'product',
  );
  return { id: created.body._id, code };
};

/** `count` usage lines of one product, as a busy customer's period invoice has them. */
export const usageLines = (product: string, count: number) =>
  Array.from({ length: count }, (_, index) => ({
    product,
    units: (((index * 7919) % 600) + 1) / 10,
    unitPrice: [0.25, 0.1875, 1.99][index % 3]!,
    description: `Opkald ${index}: +45 ${String(30_000_000 + index * 17)}; varighed "${index % 60} sek"`,
  }));

/** How a line's period is written: not at all, as calendar dates, or as ISO instants with an offset. */
export type LineDates = 'undated' | 'dates' | 'instants';

/**
 * `count` lines as a month-end invoice has them: spread over many products (subscriptions, numbers,
 * usage), each with the period it bills, written as `dates` says (the API reads both forms).
 */
export const monthEndLines = (products: readonly string[], count: number, dates: LineDates) =>
  Array.from({ length: count }, (_, index) => {
    const day = 1 + (index % 28);
    const period =
      dates === 'dates'
        ? { from: `2026-11-${String(day).padStart(2, '0')}`, to: '2026-11-30' }
        : dates === 'instants'
          ? {
              from: `2026-11-${String(day).padStart(2, '0')}T00:00:00+01:00`,
              to: '2026-11-30T23:59:59+01:00',
            }
          : {};
    return {
      product: products[index % products.length]!,
      units: (((index * 7919) % 600) + 1) / 10,
      ...period,
      description: `Linje ${index}: +45 ${String(30_000_000 + index * 17)}`,
    };
  });

/** Runs `task` for 0..count-1 with at most `parallel` at once; the results in index order. */
export const inParallel = async <T>(
  count: number,
  parallel: number,
  task: (index: number) => Promise<T>,
): Promise<T[]> => {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, count) }, async () => {
      while (next < count) {
        const index = next;
        next += 1;
        results[index] = await task(index);
      }
    }),
  );
  return results;
};

/** A per-minute usage product (0.25 kr a minute): the lines of the invoices the sections make. */
export const createUsageProduct = (stack: BenchStack): Promise<{ id: string; code: string }> =>
  createProduct(stack, {
    kind: 'usage',
    unitType: 'MIN',
    unitPrice: 0.25,
    unitWholesale: 0.12,
    unitCost: 0.05,
  });
