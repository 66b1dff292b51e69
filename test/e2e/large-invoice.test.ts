import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FakturaClient } from '#client/client';
import { createProduct, createTenant, type Tenant } from './support/fixtures.ts';
import { type CreatedInvoice, problemOf } from './support/typed-api.ts';

/** GET /invoice/{id} as JSON, with the query's paging options. */
const readInvoice = (
  api: FakturaClient,
  id: string,
  query: { linesOffset?: string; linesLimit?: string } = {},
) => api.GET('/invoice/{id}', { params: { path: { id }, query } });

/** GET /invoice/{id} as CSV (text), with the query's paging options. */
const readCsv = (api: FakturaClient, id: string, query: { linesOffset?: string } = {}) =>
  api.GET('/invoice/{id}', {
    params: { path: { id }, query: { format: 'csv', lang: 'en', ...query } },
    parseAs: 'text',
  });

/**
 * A period invoice of a busy customer: 10,000 usage lines. It must be written in one piece and
 * read back intact, as JSON and as CSV, line for line and to the øre.
 */
describe('an invoice with 10,000 lines', () => {
  const count = 10_000;
  let tenant: Tenant;
  let invoiceId: string;
  let sent: { product: string; units: number; unitPrice: number; description: string }[];

  beforeAll(async () => {
    tenant = await createTenant('Large');
    const calls = await createProduct({
      kind: 'usage',
      unitType: 'MIN',
      unitPrice: 0.25,
      unitWholesale: 0.12,
      unitCost: 0.05,
    });
    sent = Array.from({ length: count }, (_, index) => ({
      product: calls._id,
      units: (((index * 7919) % 600) + 1) / 10,
      unitPrice: [0.25, 0.1875, 1.99][index % 3]!,
      description: `Opkald ${index}: +45 ${String(30_000_000 + index * 17)}; varighed "${index % 60} sek"`,
    }));
    const created = await tenant.resellerClient.POST('/invoice', {
      body: { customer: tenant.customer, lines: sent },
    });
    expect(created.response.status).toBe(201);
    invoiceId = created.data!._id;
  }, 120_000);

  it('reads back every line as JSON, in order, with the exact totals', async () => {
    // Act
    const read = await readInvoice(tenant.resellerClient, invoiceId);

    // Assess
    expect(read.response.status).toBe(200);
    const invoice = read.data!;
    expect(invoice.lines).toHaveLength(count);
    expect(invoice).not.toHaveProperty('linesPage');
    invoice.lines.forEach((line, index) => {
      expect(line).toMatchObject({
        units: sent[index]!.units,
        unitPrice: sent[index]!.unitPrice,
        description: sent[index]!.description,
      });
    });
    // Independently, in integers: units have 1 decimal and prices 4, so a line amount is a whole
    // number of 1e-5 kroner; rounded half-up to øre (all amounts here are positive).
    const expectedOre = sent.reduce((sum, line) => {
      const scaled = BigInt(Math.round(line.units * 10)) * BigInt(Math.round(line.unitPrice * 10_000));
      return sum + (scaled + 500n) / 1000n;
    }, 0n);
    expect(Math.round(invoice.subTotal * 100)).toBe(Number(expectedOre));
  });

  it('reads back every line as CSV, one row per line, descriptions intact', async () => {
    // Act
    const csv = await readCsv(tenant.resellerClient, invoiceId);

    // Assess
    expect(csv.response.status).toBe(200);
    const rows = csv
      .data!.replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(rows).toHaveLength(1 + count + 3);
    for (const index of [0, 1, 4_999, 9_999]) {
      expect(rows[1 + index]).toContain(
        `"Opkald ${index}: +45 ${String(30_000_000 + index * 17)}; varighed ""${index % 60} sek"""`,
      );
    }
  });
});

/** Every page of an invoice's JSON answer, from the first answer on, following linesPage.nextOffset. */
const allJsonPages = async (api: FakturaClient, id: string) => {
  const pages = [(await readInvoice(api, id)).data!];
  for (let next = pages[0]!.linesPage?.nextOffset; next !== undefined; ) {
    const page = await readInvoice(api, id, { linesOffset: String(next) });
    expect(page.response.status).toBe(200);
    pages.push(page.data!);
    next = page.data!.linesPage?.nextOffset;
  }
  return pages;
};

/** Every page of the CSV, following the X-Lines-Next-Offset header. */
const allCsvPages = async (api: FakturaClient, id: string) => {
  const pages: { text: string; headers: Headers }[] = [];
  let offset: string | null = '0';
  while (offset !== null) {
    const page = await readCsv(api, id, { linesOffset: offset });
    expect(page.response.status).toBe(200);
    pages.push({ text: page.data!, headers: page.response.headers });
    offset = page.response.headers.get('x-lines-next-offset');
  }
  return pages;
};

/**
 * The largest answer an invoice can need: 10,000 dated lines, each carrying its product's name and
 * description at their longest (300 and 1,000 characters), full of quotes and backslashes that
 * JSON escapes and Lambda's response escapes again. The request is small and the lines compress
 * well in storage, so it can be created; its JSON (~25 MB in Lambda's payload) cannot come in one
 * answer, and must come in pages that add up to the whole.
 */
describe('an invoice too large for one answer', () => {
  const count = 10_000;
  const name = `Fastnet "Erhverv" \\ ${'Æ"Ø\\Å '.repeat(50)}`.slice(0, 299).concat('.');
  const description = `Abonnement "${'tale, "data" og \\sms\\ '.repeat(60)}`.slice(0, 999).concat('.');
  let tenant: Tenant;
  let createdStatus: number;
  let created: CreatedInvoice;
  let sent: { units: number; from: string; to: string }[];

  beforeAll(async () => {
    tenant = await createTenant('Huge');
    const product = await createProduct({ name, description, unitType: 'MONTHS', unitPrice: 1.99 });
    sent = Array.from({ length: count }, (_, index) => ({
      units: (index % 60) + 1,
      from: `2026-11-${String((index % 28) + 1).padStart(2, '0')}`,
      to: '2026-11-30',
    }));
    const answer = await tenant.resellerClient.POST('/invoice', {
      body: { customer: tenant.customer, lines: sent.map((line) => ({ product: product._id, ...line })) },
    });
    createdStatus = answer.response.status;
    created = answer.data!;
  }, 120_000);

  it('is created, and its answer is the first page with where the rest begin', () => {
    // Assess
    expect(createdStatus).toBe(201);
    expect(created.linesPage).toEqual({
      offset: 0,
      count: created.lines.length,
      total: count,
      nextOffset: created.lines.length,
    });
    expect(created.lines.length).toBeGreaterThan(0);
  });

  it('reads back every line as JSON, page by page, with the whole invoice’s totals on each', async () => {
    // Act
    const pages = await allJsonPages(tenant.resellerClient, created._id);

    // Assess
    const lines = pages.flatMap((page) => page.lines);
    expect(pages.length).toBeGreaterThan(1);
    expect(lines).toHaveLength(count);
    lines.forEach((line, index) => {
      expect(line).toMatchObject({ name, description, ...sent[index] });
    });
    const expectedOre = sent.reduce((sum, line) => sum + line.units * 199, 0);
    for (const page of pages) expect(Math.round(page.subTotal * 100)).toBe(expectedOre);
    expect(pages.map((page) => page.linesPage!.offset)).toEqual(
      pages.map((_, index) => pages.slice(0, index).reduce((sum, p) => sum + p.linesPage!.count, 0)),
    );
  });

  it('answers the POST’s first page again for GET, and any page asked for with linesLimit', async () => {
    // Act
    const first = await readInvoice(tenant.resellerClient, created._id);
    const asked = await readInvoice(tenant.resellerClient, created._id, {
      linesOffset: '9998',
      linesLimit: '5',
    });

    // Assess
    expect(first.data).toEqual(created);
    expect(asked.data!.linesPage).toEqual({ offset: 9998, count: 2, total: count });
    expect(asked.data!.lines.map((line) => line.units)).toEqual([sent[9998]!.units, sent[9999]!.units]);
  });

  it('reads back every line as CSV, page by page: each page a header row, the last the totals', async () => {
    // Act
    const pages = await allCsvPages(tenant.resellerClient, created._id);

    // Assess
    const records = pages.map(
      (page) =>
        page.text
          .replace(/^\uFEFF/, '')
          .trimEnd()
          .split('\r\n'), // no text here holds a line break
    );
    expect(pages.length).toBeGreaterThan(1);
    const header = records[0]![0];
    for (const page of records) expect(page[0]).toBe(header);
    const rows = records.flatMap((page) => page.slice(1));
    expect(rows).toHaveLength(count + 3);
    expect(rows.slice(-3).map((row) => row.split(',')[1])).toEqual(['Subtotal', 'VAT', 'Total']);
    const quoted = (text: string) => `"${text.replaceAll('"', '""')}"`;
    for (const index of [0, 4_999, 9_999])
      expect(rows[index]).toContain(`${quoted(name)},${quoted(description)}`);
    expect(pages.map((page) => page.headers.get('x-lines-total'))).toEqual(pages.map(() => String(count)));
  });
});

/**
 * Requests at the edge of what Lambda takes: 10,000 lines with long texts no compression shortens.
 * Under 6 MB, the lines take more than one invoice can store (one DynamoDB transaction writes at
 * most 4 MB): refused by name before anything is written. Over 6 MB: refused as API Gateway and
 * Lambda refuse it, and the handler never runs.
 */
describe('an invoice request at the limits', () => {
  let tenant: Tenant;
  let product: string;

  beforeAll(async () => {
    tenant = await createTenant('Limits');
    product = (await createProduct({ kind: 'usage', unitType: 'MIN', unitPrice: 0.25 }))._id;
  });

  const noise = (length: number) =>
    Array.from({ length: 10_000 }, (_, index) => ({
      product,
      units: (index % 600) + 1,
      description: randomBytes(length).toString('base64').slice(0, length),
    }));
  const invoicesOfCustomer = async () =>
    (await tenant.resellerClient.GET('/invoice', { params: { query: { customer: tenant.customer } } })).data!
      .invoices;

  it('refuses lines too large to store with 422 lines, naming both sizes, and writes nothing', async () => {
    // Prepare: ~6.2 MB of request, ~4.2 MB of compressed lines
    const lines = noise(545);

    // Act
    const refused = await tenant.resellerClient.POST('/invoice', {
      body: { customer: tenant.customer, lines },
    });

    // Assess
    expect(refused.response.status).toBe(422);
    expect(refused.error).toMatchObject({ status: 422, message: 'lines' });
    const [, stored, most] = /^The invoice's lines take (\d+) bytes stored; at most (\d+) fit in one invoice$/
      .exec(problemOf(refused).description)!
      .map(Number);
    expect(stored).toBeGreaterThan(most!);
    expect(await invoicesOfCustomer()).toEqual([]);
  });

  it('refuses a request over Lambda’s 6 MB with API Gateway’s 413, and writes nothing', async () => {
    // Prepare: ~7.5 MB, under API Gateway's own 10 MB
    const lines = noise(700);

    // Act
    const refused = await tenant.resellerClient.POST('/invoice', {
      body: { customer: tenant.customer, lines },
    });

    // Assess
    expect(refused.response.status).toBe(413);
    expect(refused.error).toEqual({ message: 'Request Too Long' });
    expect(await invoicesOfCustomer()).toEqual([]);
  });
});
