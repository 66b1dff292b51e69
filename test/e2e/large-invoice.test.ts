import { beforeAll, describe, expect, it } from 'vitest';
import { createProduct, createTenant, type Tenant } from './support/fixtures.ts';

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
    const created = await tenant.resellerApi.post('/invoice', { customer: tenant.customer, lines: sent });
    expect(created.status).toBe(201);
    invoiceId = created.body._id;
  }, 120_000);

  it('reads back every line as JSON, in order, with the exact totals', async () => {
    // Act
    const read = await tenant.resellerApi.get(`/invoice/${invoiceId}`);

    // Assess
    expect(read.status).toBe(200);
    expect(read.body.lines).toHaveLength(count);
    read.body.lines.forEach(
      (line: { units: number; unitPrice: number; description: string }, index: number) => {
        expect(line).toMatchObject({
          units: sent[index]!.units,
          unitPrice: sent[index]!.unitPrice,
          description: sent[index]!.description,
        });
      },
    );
    // Independently, in integers: units have 1 decimal and prices 4, so a line amount is a whole
    // number of 1e-5 kroner; rounded half-up to øre (all amounts here are positive).
    const expectedOre = sent.reduce((sum, line) => {
      const scaled = BigInt(Math.round(line.units * 10)) * BigInt(Math.round(line.unitPrice * 10_000));
      return sum + (scaled + 500n) / 1000n;
    }, 0n);
    expect(Math.round(read.body.subTotal * 100)).toBe(Number(expectedOre));
  });

  it('reads back every line as CSV, one row per line, descriptions intact', async () => {
    // Act
    const csv = await tenant.resellerApi.get(`/invoice/${invoiceId}?format=csv&lang=en`);

    // Assess
    expect(csv.status).toBe(200);
    const rows = csv.text
      .replace(/^\uFEFF/, '')
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
