import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/kit/clock.ts';
import {
  startUnicontaSimulator,
  type UnicontaSimulator,
  type UnicontaSimulatorOptions,
  unicontaBasicAuth,
} from '../../src/uniconta/simulator.ts';
import { call, failure } from './http.ts';

/** The Uniconta simulator over HTTP, each test against its own instance on a free port. */
const companyId = 12345;
const auth = { Authorization: unicontaBasicAuth(companyId, 'sim-user', 'sim-password') };

let sim: UnicontaSimulator;
let clock: ManualClock;

const start = async (options: Partial<UnicontaSimulatorOptions> = {}) => {
  await sim?.stop();
  clock = new ManualClock('2026-06-01T08:00:00Z');
  sim = await startUnicontaSimulator({
    port: 0,
    clock,
    companies: [
      { companyId, name: 'Forhandler ApS' },
      { companyId: 99999, name: 'Fremmed ApS' },
    ],
    users: [{ loginId: 'sim-user', password: 'sim-password', companies: [companyId] }],
    ...options,
  });
  sim.control.preload({
    debtors: [
      { Account: '1001', Name: 'Kunde A/S', Currency: 'DKK', VatZone: 'Domestic' },
      { Account: '1002', Name: 'Spærret ApS', Blocked: true },
    ],
    items: [
      { Item: 'MOB-ABON', Name: 'Mobilabonnement', SalesPrice1: 99 },
      { Item: 'OLD', Name: 'Udgået', Blocked: true },
    ],
  });
};

const entities = `/api/Entities`;
const get = (path: string, headers: Record<string, string> = auth) =>
  call(`${sim.url}${entities}${path}`, 'GET', { headers });
const post = (path: string, body: unknown, headers: Record<string, string> = auth) =>
  call(`${sim.url}${entities}${path}`, 'POST', { body, headers });
const del = (path: string, body: unknown) =>
  call(`${sim.url}${entities}${path}`, 'DELETE', { body, headers: auth });

beforeEach(async () => {
  await start();
});

afterEach(async () => {
  await sim.stop();
});

describe('authentication', () => {
  it('accepts Basic "00<CompanyId>/<user>:<password>", the 7-digit zero-padded company, and the default company', async () => {
    // Prepare
    await start({
      companies: [{ companyId: 123456, name: 'Seks Cifre ApS' }],
      users: [{ loginId: 'sim-user', password: 'sim-password', companies: [123456] }],
    });
    const basic = (login: string) => ({ Authorization: `Basic ${Buffer.from(login).toString('base64')}` });

    // Act
    const prefixed = await get('/DebtorClient', basic('00123456/sim-user:sim-password'));
    const padded = await get('/DebtorClient', basic('0123456/sim-user:sim-password'));
    const otherCase = await get('/DebtorClient', basic('00123456/SIM-User:sim-password'));
    const noCompany = await get('/DebtorClient', basic('sim-user:sim-password'));
    const colonInPassword = await get('/DebtorClient', basic('00123456/sim-user:sim-password:x'));

    // Assess
    expect([prefixed.status, padded.status, otherCase.status, noCompany.status]).toEqual([
      200, 200, 200, 200,
    ]);
    expect(colonInPassword.status).toBe(401);
  });

  it('answers 401 with WWW-Authenticate to wrong or missing credentials', async () => {
    // Act
    const wrong = await get('/DebtorClient', {
      Authorization: unicontaBasicAuth(companyId, 'sim-user', 'nope'),
    });
    const missing = await get('/DebtorClient', {});

    // Assess
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toBe('Basic realm="Uniconta"');
    expect(wrong.json).toEqual({ Err: 'NoRights', Message: 'Login failed: unknown user or wrong password.' });
    expect(missing.status).toBe(401);
  });

  it('answers 403 NoRights for a company the user has no rights in', async () => {
    // Act
    const other = await get('/DebtorClient', {
      Authorization: unicontaBasicAuth(99999, 'sim-user', 'sim-password'),
    });
    const unknown = await get('/DebtorClient', {
      Authorization: unicontaBasicAuth(4, 'sim-user', 'sim-password'),
    });

    // Assess
    expect(other.status).toBe(403);
    expect(other.json).toEqual({ Err: 'NoRights', Message: 'User sim-user has no rights in company 99999.' });
    expect(unknown.status).toBe(403);
  });
});

describe('reading entities', () => {
  it('finds by ?Name=&Value=, answers all without them, always an array without null properties', async () => {
    // Act
    const one = await get('/DebtorClient?Name=Account&Value=1001');
    const all = await get('/DebtorClient');
    const none = await get('/InvItemClient?Name=Item&Value=NOPE');
    const blocked = await get('/InvItemClient?Name=Blocked&Value=true');

    // Assess
    expect(one.status).toBe(200);
    expect(one.json).toEqual([
      { Account: '1001', Name: 'Kunde A/S', Currency: 'DKK', VatZone: 'Domestic', KeyStr: '1001', RowId: 1 },
    ]);
    expect(all.json.map((d: { Account: string }) => d.Account)).toEqual(['1001', '1002']);
    expect(none.json).toEqual([]);
    expect(blocked.json.map((i: { Item: string }) => i.Item)).toEqual(['OLD']);
  });

  it('refuses paging parameters, a Name without Value, and a property orders do not have', async () => {
    // Act
    const top = await get('/DebtorClient?$top=10');
    const half = await get('/DebtorClient?Name=Account');
    const unknown = await get('/DebtorOrderClient?Name=Reference&Value=x');

    // Assess
    expect(top.status).toBe(400);
    expect(top.json).toMatchObject({ Err: 'Exception', ErrorProperty: '$top' });
    expect(half.json).toMatchObject({ Err: 'ArgumentMissing', ErrorProperty: 'Value' });
    expect(unknown.json).toMatchObject({
      Err: 'CouldNotFind',
      ErrorProperty: 'Name',
      ErrorValue: 'Reference',
    });
  });

  it('answers 501 for an entity it does not simulate, 404 for an unknown route, 405 for a wrong method', async () => {
    // Act
    const creditors = await get('/CreditorClient?Name=Account&Value=2001');
    const route = await call(`${sim.url}/odata/12345/DebtorClient`, 'GET', { headers: auth });
    const method = await call(`${sim.url}${entities}/Insert/DebtorOrderClient`, 'GET', { headers: auth });

    // Assess
    expect(creditors.status).toBe(501);
    expect(route.status).toBe(404);
    expect(method.status).toBe(405);
    expect(method.headers.get('allow')).toBe('POST');
  });
});

describe('creating a sales order and its lines', () => {
  it('inserts the order (assigning OrderNumber), then its lines, and reads both back', async () => {
    // Act
    const order = await post('/Insert/DebtorOrderClient', {
      Account: '1001',
      YourRef: 'TX-b1-inv1',
      Currency: 'DKK',
    });
    const lines = await post('/InsertList/DebtorOrderLineClient', [
      {
        OrderNumber: order.json.OrderNumber,
        Item: 'MOB-ABON',
        Qty: 3,
        Price: 306.92,
        Text: 'Mobil 01.05–31.05',
      },
      { OrderNumber: order.json.OrderNumber, Text: 'Periode 01.05.2026–31.05.2026', Date: '2026-05-31' },
    ]);
    const found = await get('/DebtorOrderClient?Name=YourRef&Value=TX-b1-inv1');
    const readLines = await get(`/DebtorOrderLineClient?Name=OrderNumber&Value=${order.json.OrderNumber}`);

    // Assess
    expect(order.status).toBe(200);
    expect(order.json).toEqual({
      Account: '1001',
      YourRef: 'TX-b1-inv1',
      Currency: 'DKK',
      OrderNumber: 1,
      RowId: 5,
      OrderTotal: 0,
    });
    expect(lines.status).toBe(200);
    expect(lines.json).toEqual([
      {
        OrderNumber: 1,
        Item: 'MOB-ABON',
        Qty: 3,
        Price: 306.92,
        Text: 'Mobil 01.05–31.05',
        LineNumber: 1,
        RowId: 6,
      },
      {
        OrderNumber: 1,
        Text: 'Periode 01.05.2026–31.05.2026',
        Date: '2026-05-31T00:00:00',
        LineNumber: 2,
        RowId: 7,
      },
    ]);
    expect(found.json).toEqual([{ ...order.json, OrderTotal: 920.76 }]);
    expect(readLines.json).toEqual(lines.json);
  });

  it('makes a second order from a duplicate insert: there is no idempotency key', async () => {
    // Act
    const first = await post(
      '/Insert/DebtorOrderClient',
      { Account: '1001', YourRef: 'R' },
      { ...auth, 'Idempotency-Key': 'k' },
    );
    const second = await post(
      '/Insert/DebtorOrderClient',
      { Account: '1001', YourRef: 'R' },
      { ...auth, 'Idempotency-Key': 'k' },
    );
    const found = await get('/DebtorOrderClient?Name=YourRef&Value=R');

    // Assess
    expect([first.json.OrderNumber, second.json.OrderNumber]).toEqual([1, 2]);
    expect(second.headers.get('x-resultfromcache')).toBeNull();
    expect(found.json).toHaveLength(2);
  });

  it('refuses with the status and the ErrorCodes member: unknown or blocked debtor, unknown order, blocked item', async () => {
    // Prepare
    const order = await post('/Insert/DebtorOrderClient', { Account: '1001', YourRef: 'R' });

    // Act
    const unknownDebtor = await post('/Insert/DebtorOrderClient', { Account: '4242' });
    const blockedDebtor = await post('/Insert/DebtorOrderClient', { Account: '1002' });
    const noAccount = await post('/Insert/DebtorOrderClient', { YourRef: 'R' });
    const unknownOrder = await post('/InsertList/DebtorOrderLineClient', [
      { OrderNumber: 77, Item: 'MOB-ABON', Qty: 1 },
    ]);
    const blockedItem = await post('/InsertList/DebtorOrderLineClient', [
      { OrderNumber: order.json.OrderNumber, Item: 'MOB-ABON', Qty: 1 },
      { OrderNumber: order.json.OrderNumber, Item: 'OLD', Qty: 1 },
    ]);
    const lines = await get(`/DebtorOrderLineClient?Name=OrderNumber&Value=${order.json.OrderNumber}`);

    // Assess
    expect(unknownDebtor.status).toBe(400);
    expect(unknownDebtor.json).toEqual({
      Err: 'CouldNotFind',
      Message: 'Debtor 4242 does not exist.',
      ErrorProperty: 'Account',
      ErrorValue: '4242',
    });
    expect(blockedDebtor.json).toMatchObject({ Err: 'CouldNotCreate', ErrorProperty: 'Account' });
    expect(noAccount.json).toMatchObject({ Err: 'AccountIsMissing' });
    expect(unknownOrder.json).toEqual({
      Err: 'CouldNotFind',
      Message: 'Line 1 (index 0): order 77 does not exist.',
      ErrorProperty: 'OrderNumber',
      ErrorValue: '77',
    });
    expect(blockedItem.status).toBe(400);
    expect(blockedItem.json).toMatchObject({ Err: 'ItemIsOnHold', ErrorProperty: 'Item', ErrorValue: 'OLD' });
    expect(lines.json).toEqual([]);
  });

  it('refuses a text longer than its field with 400 CouldNotSave naming it, storing nothing (docs/contracts/uniconta.md §3a)', async () => {
    // Prepare
    const order = await post('/Insert/DebtorOrderClient', { Account: '1001', YourRef: 'R' });

    // Act
    const remark = await post('/Insert/DebtorOrderClient', { Account: '1001', Remark: 'r'.repeat(251) });
    const text = await post('/InsertList/DebtorOrderLineClient', [
      { OrderNumber: order.json.OrderNumber, Item: 'MOB-ABON', Text: 't'.repeat(251), Qty: 1 },
    ]);
    const lines = await get(`/DebtorOrderLineClient?Name=OrderNumber&Value=${order.json.OrderNumber}`);
    const orders = await get('/DebtorOrderClient');

    // Assess
    expect(remark.status).toBe(400);
    expect(remark.json).toMatchObject({ Err: 'CouldNotSave', ErrorProperty: 'Remark' });
    expect(text.status).toBe(400);
    expect(text.json).toMatchObject({
      Err: 'CouldNotSave',
      Message: 'Line 1 (index 0): Text is 251 characters long; the field holds at most 250.',
      ErrorProperty: 'Text',
    });
    expect(lines.json).toEqual([]);
    expect(orders.json).toHaveLength(1);
  });

  it('answers 415 to a body that is not JSON, and 400 to broken JSON', async () => {
    // Act
    const text = await call(`${sim.url}${entities}/Insert/DebtorOrderClient`, 'POST', {
      body: '{"Account":"1001"}',
      headers: { ...auth, 'Content-Type': 'text/plain' },
    });
    const broken = await call(`${sim.url}${entities}/Insert/DebtorOrderClient`, 'POST', {
      body: '{',
      headers: auth,
    });

    // Assess
    expect(text.status).toBe(415);
    expect(broken.status).toBe(400);
    expect(broken.json.Err).toBe('Exception');
  });

  it('answers inserts with 204 and no body when configured so', async () => {
    // Prepare
    sim.control.configure({ insertResponse: 'empty' });

    // Act
    const order = await post('/Insert/DebtorOrderClient', { Account: '1001', YourRef: 'R' });
    const found = await get('/DebtorOrderClient?Name=YourRef&Value=R');

    // Assess
    expect(order.status).toBe(204);
    expect(order.text).toBe('');
    expect(found.json[0].OrderNumber).toBe(1);
  });
});

describe('deleting', () => {
  it('refuses to delete an order with lines, deletes the lines as read, then the order, and shows nothing left', async () => {
    // Prepare
    const order = await post('/Insert/DebtorOrderClient', { Account: '1001', YourRef: 'R' });
    await post('/InsertList/DebtorOrderLineClient', [
      { OrderNumber: order.json.OrderNumber, Item: 'MOB-ABON', Qty: 1, Price: 99 },
      { OrderNumber: order.json.OrderNumber, Item: 'MOB-ABON', Qty: 2, Price: 99 },
    ]);
    const [read] = (await get('/DebtorOrderClient?Name=YourRef&Value=R')).json;
    const readLines = (await get(`/DebtorOrderLineClient?Name=OrderNumber&Value=${read.OrderNumber}`)).json;

    // Act
    const referred = await del('/Delete/DebtorOrderClient', read);
    const linesDeleted = await del('/DeleteList/DebtorOrderLineClient', readLines);
    const orderDeleted = await del('/Delete/DebtorOrderClient', read);
    const again = await del('/Delete/DebtorOrderClient', read);
    const left = await get('/DebtorOrderClient?Name=YourRef&Value=R');

    // Assess
    expect(referred.status).toBe(409);
    expect(referred.json).toMatchObject({
      Err: 'CouldNotDeleteRecordThatIsReferred',
      ErrorProperty: 'OrderNumber',
    });
    expect(linesDeleted.status).toBe(200);
    expect(orderDeleted.status).toBe(200);
    expect(orderDeleted.text).toBe('');
    expect(again.status).toBe(404);
    expect(again.json).toMatchObject({ Err: 'CouldNotFind' });
    expect(left.json).toEqual([]);
  });

  it('deletes an order with its lines when configured to cascade', async () => {
    // Prepare
    sim.control.configure({ deleteOrderWithLines: 'cascade' });
    const order = await post('/Insert/DebtorOrderClient', { Account: '1001' });
    await post('/InsertList/DebtorOrderLineClient', [
      { OrderNumber: order.json.OrderNumber, Item: 'MOB-ABON', Qty: 1 },
    ]);

    // Act
    const deleted = await del('/Delete/DebtorOrderClient', order.json);
    const lines = await get('/DebtorOrderLineClient');

    // Assess
    expect(deleted.status).toBe(200);
    expect(lines.json).toEqual([]);
  });

  it('never reuses an order number by default, and reuses the highest when configured so', async () => {
    // Prepare
    const first = await post('/Insert/DebtorOrderClient', { Account: '1001' });
    await del('/Delete/DebtorOrderClient', first.json);

    // Act
    const series = await post('/Insert/DebtorOrderClient', { Account: '1001' });
    await del('/Delete/DebtorOrderClient', series.json);
    sim.control.configure({ orderNumbers: 'reuse' });
    const reused = await post('/Insert/DebtorOrderClient', { Account: '1001' });

    // Assess
    expect(series.json.OrderNumber).toBe(2);
    expect(reused.json.OrderNumber).toBe(1);
  });
});

describe('fault injection and throttling', () => {
  it('answers a create with a plain-text error code and 200, creating nothing', async () => {
    // Prepare
    sim.control.configure({ faults: { creates: [{ action: 'plain-text', operation: 'order' }] } });

    // Act
    const answer = await post('/Insert/DebtorOrderClient', { Account: '1001', YourRef: 'R' });
    const found = await get('/DebtorOrderClient?Name=YourRef&Value=R');

    // Assess
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(answer.text).toBe('ArgumentMissing');
    expect(found.json).toEqual([]);
  });

  it('drops the connection after inserting: the order exists and is found by YourRef', async () => {
    // Prepare
    sim.control.configure({ faults: { creates: [{ action: 'drop-after', nth: 1 }] } });

    // Act
    const dropped = await failure(post('/Insert/DebtorOrderClient', { Account: '1001', YourRef: 'R' }));
    const found = await get('/DebtorOrderClient?Name=YourRef&Value=R');

    // Assess
    expect(dropped).toBeInstanceOf(TypeError);
    expect(found.json.map((o: { OrderNumber: number }) => o.OrderNumber)).toEqual([1]);
  });

  it('fails the lines of one debtor, the nth create, and a burst of requests', async () => {
    // Prepare
    const order = await post('/Insert/DebtorOrderClient', { Account: '1001' });
    sim.control.configure({
      faults: {
        creates: [{ action: 'fail', customer: '1001', operation: 'lines', status: 503 }],
        serverErrorBurst: { count: 1 },
      },
    });

    // Act
    const burst = await get('/DebtorClient');
    const lines = await post('/InsertList/DebtorOrderLineClient', [
      { OrderNumber: order.json.OrderNumber, Item: 'MOB-ABON', Qty: 1 },
    ]);
    const anotherOrder = await post('/Insert/DebtorOrderClient', { Account: '1001' });
    sim.control.resetFaults();
    const linesLater = await post('/InsertList/DebtorOrderLineClient', [
      { OrderNumber: order.json.OrderNumber, Item: 'MOB-ABON', Qty: 1 },
    ]);

    // Assess
    expect(burst.status).toBe(503);
    expect(burst.text).toBe('Service Unavailable');
    expect(lines.status).toBe(503);
    expect(anotherOrder.status).toBe(200);
    expect(linesLater.status).toBe(200);
  });

  it('has no rate limit by default; with one configured, 429 and Retry-After', async () => {
    // Act
    const many = await Promise.all(Array.from({ length: 30 }, () => get('/DebtorClient')));
    sim.control.configure({ rateLimit: { capacity: 2, refillPerSecond: 1 } });
    const allowed = [await get('/DebtorClient'), await get('/DebtorClient')];
    const refused = await get('/DebtorClient');
    clock.advance(1_000);
    const later = await get('/DebtorClient');

    // Assess
    expect(many.every((answer) => answer.status === 200)).toBe(true);
    expect(allowed.map((answer) => answer.status)).toEqual([200, 200]);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.headers.get('x-ratelimiting')).toBeNull();
    expect(later.status).toBe(200);
  });

  it('slows a user down past the daily allowance, and adds the configured latency', async () => {
    // Prepare
    const slept: number[] = [];
    await start({
      sleep: async (ms) => void slept.push(ms),
      slowdown: { afterCalls: 2, delayMs: 1000 },
      latency: { fixedMs: 5 },
    });

    // Act
    for (let i = 0; i < 3; i += 1) await get('/DebtorClient');
    clock.advance(24 * 60 * 60 * 1000);
    await get('/DebtorClient');

    // Assess
    expect(slept).toEqual([5, 5, 5, 1000, 5]);
  });
});

describe('the control API', () => {
  it('logs every request with its headers and body, and preloads over HTTP', async () => {
    // Prepare
    const preloaded = await call(`${sim.url}/__sim/preload`, 'POST', {
      body: { debtors: [{ Account: '2001', Name: 'Ny' }] },
    });
    const refused = await call(`${sim.url}/__sim/preload`, 'POST', {
      body: { orders: [{ Account: '9999' }] },
    });

    // Act
    await post('/Insert/DebtorOrderClient', { Account: '2001', YourRef: 'R' });
    const log = await call(
      `${sim.url}/__sim/requests?method=POST&path=${encodeURIComponent('/api/Entities/Insert/DebtorOrderClient')}`,
      'GET',
    );

    // Assess
    expect(preloaded.status).toBe(204);
    expect(refused.status).toBe(400);
    expect(refused.json.error).toBe('Invalid Uniconta preload: orders[0]: Debtor 9999 does not exist.');
    expect(log.json.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: '/api/Entities/Insert/DebtorOrderClient',
        headers: expect.objectContaining({ authorization: auth.Authorization }),
        body: { Account: '2001', YourRef: 'R' },
        status: 200,
      }),
    ]);
  });
});

describe('VAT and posting', () => {
  const action = (name: string, body: unknown) => call(`${sim.url}/__sim/actions/${name}`, 'POST', { body });

  /** An order with a 25 % line (its item group's code) and a VAT-exempt line (its own code). */
  const order = async (reference: string) => {
    const header = await post('/Insert/DebtorOrderClient', { Account: '1001', YourRef: reference });
    const orderNumber = header.json.OrderNumber as number;
    await post('/InsertList/DebtorOrderLineClient', [
      { OrderNumber: orderNumber, Item: 'MOB-ABON', Qty: 2, Price: 99 },
      { OrderNumber: orderNumber, Item: 'MOB-ABON', Qty: 1, Price: 350, Vat: 'UFRI' },
    ]);
    return orderNumber;
  };

  it('refuses a line VAT code the company does not have', async () => {
    // Prepare
    const header = await post('/Insert/DebtorOrderClient', { Account: '1001', YourRef: 'FK-x' });

    // Act
    const refused = await post('/InsertList/DebtorOrderLineClient', [
      { OrderNumber: header.json.OrderNumber, Item: 'MOB-ABON', Qty: 1, Price: 1, Vat: 'NOPE' },
    ]);

    // Assess
    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({ Err: 'CouldNotFind', ErrorProperty: 'Vat', ErrorValue: 'NOPE' });
  });

  it('posts an order as an invoice with Uniconta’s VAT (the line’s code first), an open item, and the order gone', async () => {
    // Prepare
    const orderNumber = await order('FK-e1-a');

    // Act
    const posted = await action('post-order', { orderNumber });
    const invoices = await get('/DebtorInvoiceClient?Name=YourRef&Value=FK-e1-a');
    const open = await get('/DebtorTransOpenClient');
    const orders = await get('/DebtorOrderClient');

    // Assess: 25 % of 198.00 only
    expect(posted.json).toMatchObject({
      InvoiceNumber: 1,
      OrderNumber: orderNumber,
      YourRef: 'FK-e1-a',
      NetAmount: 548,
      VatAmount: 49.5,
      TotalAmount: 597.5,
    });
    expect(invoices.json).toEqual([expect.objectContaining({ InvoiceNumber: 1 })]);
    expect(open.json).toEqual([expect.objectContaining({ Invoice: 1, Amount: 597.5, AmountOpen: 597.5 })]);
    expect(orders.json).toEqual([]);
  });

  it('settles an open item in part or whole, and deletes an order by hand', async () => {
    // Prepare
    await action('post-order', { orderNumber: await order('FK-e1-b') });
    const kept = await order('FK-e1-c');

    // Act
    const part = await action('pay', { invoiceNumber: 1, amount: 97.5 });
    const whole = await action('pay', { invoiceNumber: 1 });
    const deleted = await action('delete-order', { orderNumber: kept });
    const unknown = await action('post-order', { orderNumber: kept });

    // Assess
    expect(part.json.AmountOpen).toBe(500);
    expect(whole.json.AmountOpen).toBe(0);
    expect(deleted.status).toBe(200);
    expect(unknown.status).toBe(404);
    expect((await get('/DebtorOrderLineClient')).json).toEqual([]);
  });
});
