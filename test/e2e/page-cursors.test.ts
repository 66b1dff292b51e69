import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiResponse } from './support/api.ts';
import { admin, createProduct, createTenant, type Tenant } from './support/fixtures.ts';

/**
 * A list's cursor is the server's word, not the caller's: it is signed and bound to the tenant and
 * the list it was given out for. A cursor a caller made up (even one that decodes to a plausible
 * DynamoDB key), edited, took from another tenant or from another list is `422 cursor`, never a
 * 500 and never a page of something else.
 */
type Get = (path: string) => Promise<ApiResponse>;

interface PagedList {
  readonly name: string;
  /** The list's first page for tenant A, one item a page. */
  readonly path: string;
  readonly asA: () => Get;
  /** The same list as another tenant sees it, when the list has tenants. */
  readonly asB?: () => Get;
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
const withCursor = (path: string, cursor: string) =>
  `${path}${path.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}`;

/** One character changed in the middle of the cursor, to another that base64url allows. */
const editOneByte = (cursor: string): string => {
  const at = Math.floor(cursor.length / 3);
  const replacement = cursor[at] === 'A' ? 'B' : 'A';
  return `${cursor.slice(0, at)}${replacement}${cursor.slice(at + 1)}`;
};

describe('page cursors', () => {
  let a: Tenant;
  let b: Tenant;
  let platform: Awaited<ReturnType<typeof admin>>;
  const lists: PagedList[] = [];

  beforeAll(async () => {
    platform = await admin();
    a = await createTenant('Cursor A');
    b = await createTenant('Cursor B');
    await createTenant('Cursor C');
    const product = await createProduct();
    await createProduct();
    for (const tenant of [a, b]) {
      await tenant.resellerClient.POST('/customer', {
        body: { name: 'Second customer', finance: { accountingSystemId: '9' } },
      });
      for (let i = 0; i < 2; i += 1) {
        const invoice = await tenant.resellerClient.POST('/invoice', {
          body: { customer: tenant.customer, sent: true, lines: [{ product: product._id, units: i + 1 }] },
        });
        expect(invoice.response.status).toBe(201);
      }
    }
    // Untyped on purpose: each list is a path with its query, paged on by cursors the tests edit
    // and forge, the same for every list; every answer is still held to the reference (support/api.ts).
    lists.push(
      { name: 'GET /reseller', path: '/reseller?limit=1', asA: () => platform.get },
      {
        name: 'GET /customer',
        path: '/customer?limit=1',
        asA: () => a.resellerApi.get,
        asB: () => b.resellerApi.get,
      },
      {
        name: 'GET /product',
        path: '/product?limit=1',
        asA: () => a.resellerApi.get,
        asB: () => b.resellerApi.get,
      },
      {
        name: 'GET /invoices/export',
        path: '/invoices/export?system_id=cursor-test&include_non_booked=1&limit=1',
        asA: () => a.resellerApi.get,
        asB: () => b.resellerApi.get,
      },
    );
  });

  const firstCursor = async (list: PagedList): Promise<string> => {
    const first = await list.asA()(list.path);
    expect(first.status).toBe(200);
    expect(typeof first.body.cursor).toBe('string');
    return first.body.cursor as string;
  };

  const expectCursorRefused = (response: ApiResponse) => {
    expect({ status: response.status, message: response.body.message }).toEqual({
      status: 422,
      message: 'cursor',
    });
  };

  it('gives out cursors that page on, every list', async () => {
    for (const list of lists) {
      // Prepare
      const cursor = await firstCursor(list);

      // Act
      const second = await list.asA()(withCursor(list.path, cursor));

      // Assess
      expect(second.status, list.name).toBe(200);
    }
  });

  it('refuses a made-up cursor that decodes to a plausible key with 422 cursor, every list', async () => {
    const forgeries = [
      base64url({ pk: `T#${b.reseller}`, sk: `CUSTOMER#${b.customer}` }),
      base64url({ pk: 'P#ID#x', sk: 'ID', gsi1pk: 'P#RESELLERS', gsi1sk: 'RESELLER#0' }),
      base64url({ phase: 'pending', key: { pk: 1 } }),
      base64url({ phase: 'marked' }),
      base64url({}),
    ];
    for (const list of lists) {
      for (const forged of forgeries) {
        // Act
        const response = await list.asA()(withCursor(list.path, forged));

        // Assess
        expectCursorRefused(response);
      }
    }
  });

  it('refuses a cursor with one byte edited with 422 cursor, every list', async () => {
    for (const list of lists) {
      // Prepare
      const cursor = await firstCursor(list);
      const decoded = Buffer.from(cursor.split('.')[0]!, 'base64url').toString('utf8');
      // An edit inside the key it carries (the last character of a value), and one anywhere.
      const editedKey = base64url(
        JSON.parse(decoded.replace(/(.)"(?=[,}])/, (_, c) => `${c === '0' ? '1' : '0'}"`)),
      );

      // Act
      const edited = await list.asA()(withCursor(list.path, editOneByte(cursor)));
      const keyEdited = await list.asA()(withCursor(list.path, editedKey));

      // Assess
      expectCursorRefused(edited);
      expectCursorRefused(keyEdited);
    }
  });

  it('refuses another tenant’s cursor with 422 cursor, every list that has tenants', async () => {
    for (const list of lists.filter((each) => each.asB)) {
      // Prepare
      const cursor = await firstCursor(list);

      // Act
      const response = await list.asB!()(withCursor(list.path, cursor));

      // Assess
      expectCursorRefused(response);
    }
  });

  it('refuses ADMIN a cursor of one reseller’s customers on another reseller’s', async () => {
    // Prepare
    const first = await platform.get(`/customer?reseller=${a.reseller}&limit=1`);

    // Act
    const response = await platform.get(
      `/customer?reseller=${b.reseller}&limit=1&cursor=${encodeURIComponent(first.body.cursor)}`,
    );

    // Assess
    expectCursorRefused(response);
  });

  it('refuses another list’s cursor with 422 cursor, every pair of lists', async () => {
    for (const from of lists) {
      // Prepare
      const cursor = await firstCursor(from);
      for (const to of lists.filter((each) => each !== from)) {
        // Act
        const response = await to.asA()(withCursor(to.path, cursor));

        // Assess
        expect(response.status, `${from.name} → ${to.name}`).toBe(422);
        expect(response.body.message).toBe('cursor');
      }
    }
  });

  it('refuses a cursor of one system’s export list on another system’s', async () => {
    // Prepare
    const first = await a.resellerApi.get(
      '/invoices/export?system_id=cursor-one&include_non_booked=1&limit=1',
    );

    // Act
    const response = await a.resellerApi.get(
      `/invoices/export?system_id=cursor-two&include_non_booked=1&limit=1&cursor=${encodeURIComponent(first.body.cursor)}`,
    );

    // Assess
    expectCursorRefused(response);
  });
});
