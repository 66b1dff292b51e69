import { describe, expect, it } from 'vitest';
import type { DraftOrder } from '#app/ports/accounting';
import { createUnicontaAdapter } from '../../../src/uniconta/adapter.ts';
import { errorInSuccess } from '../../../src/uniconta/errors.ts';
import { fakeFetch, type Reply, recordingSleep, reply, type SentRequest } from '../helpers.ts';
import { type Fault, fakeUniconta } from './fake-uniconta.ts';

const BASE = 'https://odata.example.test';
const AUTH = `Basic ${Buffer.from('0012345/server-user:s3cret').toString('base64')}`;
const ENTITIES = `${BASE}/api/Entities`;

const adapter = (handler: Reply[] | ((request: SentRequest) => Reply), exemptVatCode?: string) => {
  const server = fakeFetch(handler);
  const sleeper = recordingSleep();
  const uniconta = createUnicontaAdapter({
    baseUrl: BASE,
    companyId: 12345,
    userId: 'server-user',
    password: 's3cret',
    fetch: server.fetch,
    sleep: sleeper.sleep,
    random: () => 0.5,
    ...(exemptVatCode === undefined ? {} : { exemptVatCode }),
  });
  return { uniconta, server, waits: sleeper.waits };
};

const withFake = (options: Parameters<typeof fakeUniconta>[0] = {}) => {
  const fake = fakeUniconta({ debtors: [{ Account: '1001', Name: 'Hansen ApS' }], ...options });
  return { fake, ...adapter(fake.handler) };
};

const order: DraftOrder = {
  reference: 'FK-65f0-54a9',
  customerNumber: '1001',
  date: '2026-10-31',
  heading: 'Faktura 1234 (01-10-2026 – 31-10-2026)',
  currency: 'DKK',
  lines: [
    {
      productNumber: 'NUM01',
      description: 'Nummerleje (01-10-2026 – 31-10-2026)',
      quantity: 5,
      unitNetPrice: 25,
      vatExempt: false,
    },
    {
      productNumber: 'FORBRUG1',
      description: 'Samtaler, 412,5 min. à 0,0123',
      quantity: 1,
      unitNetPrice: 5.07,
      vatExempt: false,
    },
  ],
  // 125.00 + 5.07, with 25 % VAT: what a Domestic customer's draft carries.
  totals: { net: 130.07, vat: 32.52, gross: 162.59 },
};

const route = (r: SentRequest) => `${r.method} ${decodeURIComponent(r.url.replace(ENTITIES, ''))}`;

describe('Uniconta adapter: verifyCredentials and master data', () => {
  it('reads DebtorClient with a filter that matches nothing, with Basic 00<CompanyId>/<user>', async () => {
    // Prepare
    const { uniconta, server } = adapter([reply(200, [])]);

    // Act
    await uniconta.verifyCredentials();

    // Assess
    expect(server.sent).toEqual([
      {
        method: 'GET',
        url: `${ENTITIES}/DebtorClient?Name=Account&Value=__faktura_credentials_check__`,
        headers: { Authorization: AUTH, Accept: 'application/json' },
        body: undefined,
      },
    ]);
  });

  it.each([401, 403])('throws AccountingAuthFailed on %i', async (status) => {
    const { uniconta } = adapter([reply(status, { Err: 'NoRights', Message: 'Login failed' })]);

    await expect(uniconta.verifyCredentials()).rejects.toMatchObject({ name: 'AccountingAuthFailed' });
  });

  it.each([
    [401, ['userId', 'password'], 'not-accepted'],
    [403, ['companyId'], 'no-rights'],
  ])('says which credentials a %i refused', async (status, fields, reason) => {
    // Prepare
    const { uniconta } = adapter([reply(status, { Err: 'NoRights', Message: 'No' })]);

    // Act
    const refused = uniconta.verifyCredentials();

    // Assess
    await expect(refused).rejects.toMatchObject({ name: 'AccountingAuthFailed', failed: { fields, reason } });
  });

  it('takes a 2xx whose body is an error code for what it is', async () => {
    const { uniconta } = adapter([{ status: 200, text: 'NoRights' }]);

    await expect(uniconta.verifyCredentials()).rejects.toMatchObject({ name: 'AccountingAuthFailed' });
  });

  it('reads all debtors and items in one call each (the entity API does not page)', async () => {
    const { uniconta, server } = withFake({
      debtors: [
        { Account: '1001', Name: 'Hansen ApS', Currency: 'DKK' },
        { Account: '1002', Name: 'Jensen', Blocked: true, Currency: 57 },
      ],
      items: [
        { Item: 'NUM01', Name: 'Nummerleje' },
        { Item: 'OLD', Name: 'Udgået', Blocked: true },
      ],
    });

    const data = await uniconta.loadMasterData();

    expect(server.sent.map(route)).toEqual(['GET /DebtorClient', 'GET /InvItemClient']);
    expect([...data.customers.values()]).toEqual([
      { number: '1001', name: 'Hansen ApS', barred: false, currency: 'DKK' },
      { number: '1002', name: 'Jensen', barred: true },
    ]);
    expect([...data.products.values()]).toEqual([
      { number: 'NUM01', name: 'Nummerleje', barred: false },
      { number: 'OLD', name: 'Udgået', barred: true },
    ]);
  });
});

/** The VAT tables the adapter reads once, before the first draft's amounts. */
const vatTables = ['GET /GLVatClient', 'GET /InvGroupClient', 'GET /InvItemClient', 'GET /DebtorClient'];

/** The order's lines (125.00 + 5.07) at the default item group's 25 %. */
const orderTotals = { net: 130.07, vat: 32.52, gross: 162.59 };

describe('Uniconta adapter: createDraft', () => {
  it('makes 2 calls: the order header, then ONE InsertList of its lines (and reads the VAT tables once for the amounts)', async () => {
    // Prepare
    const { uniconta, server, fake } = withFake();

    // Act
    const draft = await uniconta.createDraft(order, 'key-1', { firstAttempt: true });

    // Assess: the amounts as Uniconta's own tables make them, 25 % on both lines
    expect(draft).toEqual({ number: '100', reference: order.reference, totals: orderTotals });
    const headers = { Authorization: AUTH, Accept: 'application/json', 'Content-Type': 'application/json' };
    expect(server.sent.filter((r) => r.method === 'GET').map(route)).toEqual(vatTables);
    expect(server.sent.filter((r) => r.method === 'POST')).toEqual([
      {
        method: 'POST',
        url: `${ENTITIES}/Insert/DebtorOrderClient`,
        headers,
        body: { Account: '1001', YourRef: order.reference, Currency: 'DKK', Remark: order.heading },
      },
      {
        method: 'POST',
        url: `${ENTITIES}/InsertList/DebtorOrderLineClient`,
        headers,
        body: [
          {
            OrderNumber: 100,
            Item: 'NUM01',
            Text: 'Nummerleje (01-10-2026 – 31-10-2026)',
            Qty: 5,
            Price: 25,
          },
          { OrderNumber: 100, Item: 'FORBRUG1', Text: 'Samtaler, 412,5 min. à 0,0123', Qty: 1, Price: 5.07 },
        ],
      },
    ]);
    expect(uniconta.calls.snapshot()).toEqual({ createDraft: 2, readVatTables: 4 });
    expect(fake.orders).toHaveLength(1);
    expect(fake.lines).toHaveLength(2);
  });

  it('finds the number by YourRef when the insert answers 204 without a body', async () => {
    const { uniconta, server } = withFake({ insertAnswer: 'empty' });

    const draft = await uniconta.createDraft(order, 'k', { firstAttempt: true });

    expect(draft.number).toBe('100');
    expect(server.sent.map(route)).toEqual([
      'POST /Insert/DebtorOrderClient',
      `GET /DebtorOrderClient?Name=YourRef&Value=${order.reference}`,
      'POST /InsertList/DebtorOrderLineClient',
      ...vatTables,
    ]);
  });

  it.each<[string, Reply]>([
    [
      'a validation error',
      reply(400, { Err: 'ItemIsOnHold', Message: 'item OLD is blocked', ErrorProperty: 'Item' }),
    ],
    ['a 200 with a plain-text error code', { status: 200, text: 'ArgumentMissing' }],
  ])(
    'deletes the header again when the lines fail with %s, and throws AccountingRejected',
    async (_, failure) => {
      // Prepare
      const { uniconta, server, fake } = withFake({
        fault: (_request, path) => (path.endsWith('/InsertList/DebtorOrderLineClient') ? failure : undefined),
      });

      // Act
      const error = await uniconta.createDraft(order, 'k', { firstAttempt: true }).catch((e) => e);

      // Assess
      expect(error).toMatchObject({ name: 'AccountingRejected' });
      expect(fake.orders).toEqual([]);
      expect(server.sent.map(route)).toEqual([
        'POST /Insert/DebtorOrderClient',
        'POST /InsertList/DebtorOrderLineClient',
        'GET /DebtorOrderLineClient?Name=OrderNumber&Value=100',
        'DELETE /Delete/DebtorOrderClient',
      ]);
      expect(server.sent[3]?.body).toEqual({
        Account: '1001',
        YourRef: order.reference,
        Currency: 'DKK',
        Remark: order.heading,
        OrderNumber: 100,
        RowId: 1,
      });
    },
  );

  it('says so when even the rollback fails, so that the saga retries (and the retry completes it)', async () => {
    // Prepare
    let failDeletes = true;
    const { uniconta, fake } = withFake({
      fault: (request, path) => {
        if (path.endsWith('/InsertList/DebtorOrderLineClient') && fake.orders.length > 0 && failDeletes) {
          return reply(400, { Err: 'CouldNotCreate', Message: 'no' });
        }
        if (request.method === 'DELETE' && failDeletes)
          return reply(400, { Err: 'NoRights2', Message: 'no' });
        return undefined;
      },
    });

    // Act
    const error = await uniconta.createDraft(order, 'k', { firstAttempt: true }).catch((e) => e);
    failDeletes = false;
    const retried = await uniconta.createDraft(order, 'k');

    // Assess
    expect(error).toMatchObject({ name: 'AccountingUnavailable' });
    expect(error.message).toContain('deleting it again failed');
    expect(retried).toEqual({ number: '100', reference: order.reference, totals: orderTotals });
    expect(fake.orders).toHaveLength(1);
    expect(fake.lines).toHaveLength(2);
  });

  it('never makes a second order when the header insert took effect but its answer was lost', async () => {
    // Prepare
    let dropped = false;
    const { uniconta, server, fake } = withFake({
      fault: (_request, path): Fault => {
        if (path.endsWith('/Insert/DebtorOrderClient') && !dropped) {
          dropped = true;
          return 'drop-after';
        }
        return undefined;
      },
    });

    // Act
    const draft = await uniconta.createDraft(order, 'k', { firstAttempt: true });

    // Assess
    expect(draft.number).toBe('100');
    expect(fake.orders).toHaveLength(1);
    expect(fake.lines).toHaveLength(2);
    expect(server.sent.map(route)).toEqual([
      'POST /Insert/DebtorOrderClient',
      `GET /DebtorOrderClient?Name=YourRef&Value=${order.reference}`,
      'POST /InsertList/DebtorOrderLineClient',
      ...vatTables,
    ]);
  });

  it('inserts again, after a backoff, when the lost header insert did not take effect', async () => {
    let failures = 1;
    const { uniconta, server, fake, waits } = withFake({
      fault: (_request, path) =>
        path.endsWith('/Insert/DebtorOrderClient') && failures-- > 0
          ? reply(503, 'Service Unavailable')
          : undefined,
    });

    await uniconta.createDraft(order, 'k', { firstAttempt: true });

    expect(fake.orders).toHaveLength(1);
    expect(waits).toEqual([125]);
    expect(server.sent.map(route)).toEqual([
      'POST /Insert/DebtorOrderClient',
      `GET /DebtorOrderClient?Name=YourRef&Value=${order.reference}`,
      'POST /Insert/DebtorOrderClient',
      'POST /InsertList/DebtorOrderLineClient',
      ...vatTables,
    ]);
  });

  it('never duplicates lines when the line insert took effect but its answer was lost', async () => {
    let dropped = false;
    const { uniconta, fake } = withFake({
      fault: (_request, path): Fault => {
        if (path.endsWith('/InsertList/DebtorOrderLineClient') && !dropped) {
          dropped = true;
          return 'drop-after';
        }
        return undefined;
      },
    });

    const draft = await uniconta.createDraft(order, 'k', { firstAttempt: true });

    expect(draft.number).toBe('100');
    expect(fake.lines).toHaveLength(2);
  });

  it('on a retry (no firstAttempt) returns the complete order it finds by YourRef, creating nothing', async () => {
    const { uniconta, server, fake } = withFake();
    fake.addOrder({ Account: '1001', YourRef: order.reference }, [
      { Item: 'NUM01', Qty: 5, Price: 25 },
      { Item: 'FORBRUG1', Qty: 1, Price: 5.07 },
    ]);

    const draft = await uniconta.createDraft(order, 'k');

    // The amounts of the order found, as Uniconta holds it
    expect(draft).toEqual({ number: '100', reference: order.reference, totals: orderTotals });
    expect(server.sent.map(route)).toEqual([
      `GET /DebtorOrderClient?Name=YourRef&Value=${order.reference}`,
      'GET /DebtorOrderLineClient?Name=OrderNumber&Value=100',
      ...vatTables,
    ]);
  });

  it('on a retry completes a header left without lines instead of making a second order', async () => {
    const { uniconta, fake } = withFake();
    fake.addOrder({ Account: '1001', YourRef: order.reference });

    const draft = await uniconta.createDraft(order, 'k');

    expect(draft.number).toBe('100');
    expect(fake.orders).toHaveLength(1);
    expect(fake.lines.map((l) => l.Item)).toEqual(['NUM01', 'FORBRUG1']);
  });

  it('looks first on a second call with a key it already sent, even if told first attempt', async () => {
    let failures = 4;
    const { uniconta, fake } = withFake({
      fault: (_request, path): Fault =>
        path.endsWith('/Insert/DebtorOrderClient') && failures-- > 0 ? 'drop-after' : undefined,
    });

    // 'drop-after' 4 times would be 4 orders without the lookups; with them there is one.
    await uniconta.createDraft(order, 'k', { firstAttempt: true });
    await uniconta.createDraft(order, 'k', { firstAttempt: true });

    expect(fake.orders).toHaveLength(1);
  });

  it('refuses an empty reference or a line without an item before sending', async () => {
    const { uniconta, server } = withFake();

    await expect(uniconta.createDraft({ ...order, reference: ' ' }, 'k')).rejects.toMatchObject({
      name: 'AccountingRejected',
      status: 0,
    });
    await expect(
      uniconta.createDraft(
        {
          ...order,
          lines: [{ productNumber: '', description: 'x', quantity: 1, unitNetPrice: 1, vatExempt: false }],
        },
        'k',
      ),
    ).rejects.toMatchObject({ name: 'AccountingRejected', status: 0 });
    expect(server.sent).toEqual([]);
  });
});

describe('Uniconta adapter: VAT', () => {
  /** The review's invoice: a 350.00 VAT-exempt fee beside 128.10 with VAT. */
  const exemptOrder: DraftOrder = {
    ...order,
    lines: [
      { productNumber: 'GEBYR', description: 'Gebyr', quantity: 1, unitNetPrice: 350, vatExempt: true },
      {
        productNumber: 'NUM01',
        description: 'Nummerleje',
        quantity: 5,
        unitNetPrice: 25.62,
        vatExempt: false,
      },
    ],
    totals: { net: 478.1, vat: 32.03, gross: 510.13 },
  };
  const items = [
    { Item: 'GEBYR', Group: 'Varer' },
    { Item: 'NUM01', Group: 'Varer' },
  ];

  it('sends a VAT-exempt line with the exempt VAT code, and answers the amounts Uniconta’s rule makes of it', async () => {
    // Prepare
    const fake = fakeUniconta({ debtors: [{ Account: '1001', VatZone: 'Domestic' }], items });
    const { uniconta, server } = adapter(fake.handler, 'UFRI');

    // Act
    const draft = await uniconta.createDraft(exemptOrder, 'k', { firstAttempt: true });

    // Assess
    const lines = server.sent.find((r) => r.url.endsWith('/InsertList/DebtorOrderLineClient'))?.body;
    expect(lines).toEqual([
      { OrderNumber: 100, Item: 'GEBYR', Text: 'Gebyr', Qty: 1, Price: 350, Vat: 'UFRI' },
      { OrderNumber: 100, Item: 'NUM01', Text: 'Nummerleje', Qty: 5, Price: 25.62 },
    ]);
    expect(draft.totals).toEqual(exemptOrder.totals);
  });

  it('answers what Uniconta would book, not what was meant: the item group’s VAT where the line has no code', async () => {
    // Prepare: the line goes without the exempt code (as an adapter without it would send it)
    const fake = fakeUniconta({ debtors: [{ Account: '1001' }], items });
    const { uniconta } = adapter(fake.handler, 'UFRI');
    const unmarked = {
      ...exemptOrder,
      lines: exemptOrder.lines.map((line) => ({ ...line, vatExempt: false })),
    };

    // Act
    const draft = await uniconta.createDraft(unmarked, 'k', { firstAttempt: true });

    // Assess: 25 % of 478.10
    expect(draft.totals).toEqual({ net: 478.1, vat: 119.53, gross: 597.63 });
  });

  it('refuses a VAT-exempt line before any call when the integration has no exempt VAT code', async () => {
    // Prepare
    const { uniconta, server } = withFake({ items });

    // Act
    const refused = uniconta.createDraft(exemptOrder, 'k', { firstAttempt: true });

    // Assess
    await expect(refused).rejects.toMatchObject({ name: 'AccountingRejected' });
    await expect(refused).rejects.toThrow('lines[0] is VAT-exempt');
    expect(server.sent).toEqual([]);
  });

  it('reads a VAT code’s rate with one filtered call, and undefined for a code the company does not have', async () => {
    // Prepare
    const { uniconta, server } = withFake();

    // Act
    const rates = [
      await uniconta.vatCodeRate('UFRI'),
      await uniconta.vatCodeRate('U25'),
      await uniconta.vatCodeRate('NOPE'),
    ];

    // Assess
    expect(rates).toEqual([0, 25, undefined]);
    expect(server.sent.map(route)).toEqual([
      'GET /GLVatClient?Name=Vat&Value=UFRI',
      'GET /GLVatClient?Name=Vat&Value=U25',
      'GET /GLVatClient?Name=Vat&Value=NOPE',
    ]);
  });
});

describe('Uniconta adapter: field rules (#domain/uniconta-fields)', () => {
  it('sends the remark and the line texts trimmed, and leaves out a line text that is only white space', async () => {
    // Prepare
    const { uniconta, server } = withFake();
    const untrimmed: DraftOrder = {
      ...order,
      heading: '  Faktura 1234 (01-10-2026 – 31-10-2026)\n',
      lines: [
        {
          productNumber: 'NUM01',
          description: ' \u00a0Nummerleje (01-10-2026 – 31-10-2026)  ',
          quantity: 5,
          unitNetPrice: 25,
          vatExempt: false,
        },
        { productNumber: 'FORBRUG1', description: '   ', quantity: 1, unitNetPrice: 5.07, vatExempt: false },
      ],
    };

    // Act
    await uniconta.createDraft(untrimmed, 'key-trim', { firstAttempt: true });

    // Assess
    expect(server.sent.filter((r) => r.method === 'POST').map((request) => request.body)).toEqual([
      {
        Account: '1001',
        YourRef: order.reference,
        Currency: 'DKK',
        Remark: 'Faktura 1234 (01-10-2026 – 31-10-2026)',
      },
      [
        { OrderNumber: 100, Item: 'NUM01', Text: 'Nummerleje (01-10-2026 – 31-10-2026)', Qty: 5, Price: 25 },
        { OrderNumber: 100, Item: 'FORBRUG1', Qty: 1, Price: 5.07 },
      ],
    ]);
  });

  it('refuses, before any call, a line text longer than Uniconta holds, naming the field: never cuts it', async () => {
    // Prepare
    const { uniconta, server } = withFake();
    const long = { ...order.lines[1]!, description: `Samtaler ${'x'.repeat(250)}` };

    // Act
    const error = await uniconta
      .createDraft({ ...order, lines: [order.lines[0]!, long] }, 'key-long', { firstAttempt: true })
      .catch((e) => e);

    // Assess
    expect(error).toMatchObject({
      name: 'AccountingRejected',
      status: 0,
      detail: { field: 'lines[1].Text' },
      message: 'lines[1].Text: 259 characters, Uniconta takes at most 250',
    });
    expect(server.sent).toEqual([]);
  });

  it('refuses a remark with a control character before any call', async () => {
    // Prepare
    const { uniconta, server } = withFake();

    // Act
    const error = await uniconta
      .createDraft({ ...order, heading: 'Faktura\u0000 1234' }, 'k')
      .catch((e) => e);

    // Assess
    expect(error).toMatchObject({ name: 'AccountingRejected', status: 0, detail: { field: 'Remark' } });
    expect(server.sent).toEqual([]);
  });
});

describe('Uniconta adapter: findDraftByReference', () => {
  it('queries DebtorOrderClient by YourRef', async () => {
    const { uniconta, server, fake } = withFake();
    fake.addOrder({ Account: '1001', YourRef: 'FK 1&2' });

    expect(await uniconta.findDraftByReference('FK 1&2')).toEqual({ number: '100', reference: 'FK 1&2' });
    expect(server.sent[0]?.url).toBe(`${ENTITIES}/DebtorOrderClient?Name=YourRef&Value=FK%201%262`);
    expect(await uniconta.findDraftByReference('FK 9')).toBeUndefined();
  });
});

describe('Uniconta adapter: deleteDraft', () => {
  it('reads the order, checks YourRef, deletes its lines then the order (as read), and confirms', async () => {
    // Prepare
    const { uniconta, server, fake } = withFake();
    const stored = fake.addOrder({ Account: '1001', YourRef: 'FK-1' }, [{ Item: 'NUM01', Qty: 1 }]);

    // Act
    const outcome = await uniconta.deleteDraft({ number: '100', reference: 'FK-1' }, 'ignored');

    // Assess
    expect(outcome).toBe('deleted');
    expect(fake.orders).toEqual([]);
    expect(fake.lines).toEqual([]);
    expect(server.sent.map(route)).toEqual([
      'GET /DebtorOrderClient?Name=OrderNumber&Value=100',
      'GET /DebtorOrderLineClient?Name=OrderNumber&Value=100',
      'DELETE /DeleteList/DebtorOrderLineClient',
      'DELETE /Delete/DebtorOrderClient',
      'GET /DebtorOrderClient?Name=YourRef&Value=FK-1',
      'GET /DebtorOrderLineClient?Name=OrderNumber&Value=100',
    ]);
    expect(server.sent[2]?.body).toEqual([{ Item: 'NUM01', Qty: 1, OrderNumber: 100, RowId: 2 }]);
    expect(server.sent[3]?.body).toEqual(stored);
    expect(server.sent[3]?.headers).not.toHaveProperty('Idempotency-Key');
  });

  it('does not delete a reused number that now carries another YourRef', async () => {
    const { uniconta, server, fake } = withFake();
    fake.addOrder({ Account: '1001', YourRef: 'SOMEONE-ELSE' }, [{ Item: 'NUM01' }]);

    const outcome = await uniconta.deleteDraft({ number: '100', reference: 'FK-1' }, 'k');

    expect(outcome).toBe('already-gone');
    expect(fake.orders).toHaveLength(1);
    expect(server.sent.map((r) => r.method)).toEqual(['GET', 'GET']);
  });

  it('answers already-gone for a missing order once YourRef confirms it is nowhere else', async () => {
    const { uniconta, server } = withFake();

    expect(await uniconta.deleteDraft({ number: '100', reference: 'FK-1' }, 'k')).toBe('already-gone');
    expect(server.sent.map(route)).toEqual([
      'GET /DebtorOrderClient?Name=OrderNumber&Value=100',
      'GET /DebtorOrderClient?Name=YourRef&Value=FK-1',
    ]);
  });

  it('treats a 404 on the delete itself as gone', async () => {
    const { uniconta, fake } = withFake({
      fault: (request, path) => {
        // Someone else deletes the order just before our DELETE arrives.
        if (request.method === 'DELETE' && path.endsWith('/Delete/DebtorOrderClient')) fake.orders.splice(0);
        return undefined;
      },
    });
    fake.addOrder({ Account: '1001', YourRef: 'FK-1' });

    expect(await uniconta.deleteDraft({ number: '100', reference: 'FK-1' }, 'k')).toBe('deleted');
  });

  it('takes a 2xx plain-text CouldNotFind on the delete as gone', async () => {
    const { uniconta, fake } = withFake({
      fault: (request, path) => {
        if (request.method !== 'DELETE' || !path.endsWith('/Delete/DebtorOrderClient')) return undefined;
        fake.orders.splice(0);
        return { status: 200, text: 'CouldNotFind' };
      },
    });
    fake.addOrder({ Account: '1001', YourRef: 'FK-1' });

    expect(await uniconta.deleteDraft({ number: '100', reference: 'FK-1' }, 'k')).toBe('deleted');
  });

  it('re-reads before deleting again when a delete’s outcome is unknown', async () => {
    let dropped = false;
    const { uniconta, fake, server } = withFake({
      fault: (request, path): Fault => {
        if (request.method === 'DELETE' && path.endsWith('/Delete/DebtorOrderClient') && !dropped) {
          dropped = true;
          return 'drop-after';
        }
        return undefined;
      },
    });
    fake.addOrder({ Account: '1001', YourRef: 'FK-1' });

    expect(await uniconta.deleteDraft({ number: '100', reference: 'FK-1' }, 'k')).toBe('deleted');
    expect(server.sent.filter((r) => r.method === 'DELETE')).toHaveLength(1);
  });
});

describe('errorInSuccess', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['Succes', undefined],
    [{ OrderNumber: 1 }, undefined],
    [{ Err: 'Succes' }, undefined],
    [[], undefined],
    ['ArgumentMissing', 'AccountingRejected'],
    ['"CouldNotCreate"', 'AccountingRejected'],
    ['NoRights', 'AccountingAuthFailed'],
    ['Exception', 'AccountingUnavailable'],
    [{ Err: 'ItemIsOnHold', Message: 'blocked' }, 'AccountingRejected'],
    ['<html>oops</html>', 'AccountingRejected'],
  ])('%j → %s', (body, name) => {
    expect(errorInSuccess('Uniconta POST /x', 200, body)?.name).toBe(name);
  });
});

describe('Uniconta adapter: readBookings', () => {
  it('reads orders, invoices and open items, one call each', async () => {
    // Prepare
    const { uniconta, server } = adapter((request) => {
      const entity = new URL(request.url).pathname.split('/').at(-1);
      if (entity === 'DebtorOrderClient') return reply(200, [{ OrderNumber: 11, YourRef: 'FK-e1-a' }]);
      if (entity === 'DebtorInvoiceClient')
        return reply(200, [{ InvoiceNumber: 501, OrderNumber: 12, YourRef: 'FK-e1-b' }]);
      return reply(200, [{ Invoice: 501, AmountOpen: 10 }]);
    });

    // Act
    const seen = await uniconta.readBookings('2026-10-01');

    // Assess
    expect(seen).toEqual({
      draftReferences: new Set(['FK-e1-a']),
      booked: [{ invoiceNumber: '501', reference: 'FK-e1-b', orderNumber: '12', paid: false }],
    });
    expect(server.sent.map(route).sort()).toEqual([
      'GET /DebtorInvoiceClient',
      'GET /DebtorOrderClient',
      'GET /DebtorTransOpenClient',
    ]);
    expect(uniconta.calls.snapshot()).toEqual({ readBookings: 3 });
  });
});
