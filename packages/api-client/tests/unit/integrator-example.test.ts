import { describe, expect, it, vi } from 'vitest';
import reference from '../../../../docs/openapi.json' with { type: 'json' };
import { createFakturaClient } from '../../src/client.ts';
import { answersAsDocumented } from '../../src/documented-answers.ts';

/** The README's example, type-checked and run against answers shaped as the reference says. */
describe('the README’s integrator example', () => {
  it('pulls a page and marks what it took, in calls of ten', async () => {
    // Prepare
    const page = {
      invoices: [
        {
          _id: '65f0000000000000000000a1',
          customer: '65f000000000000000000101',
          sent: true,
          invoiceNumber: '-1',
          period: false,
          invoiceDate: '2026-11-30T23:00:00.000Z',
          paid: false,
          lineCount: 1,
          subTotal: 100,
          vat: 25,
          total: 125,
          created_at: '2026-12-01T08:00:00.000Z',
          updated_at: '2026-12-01T08:00:00.000Z',
          booked: true,
          exported_at: null,
        },
      ],
    };
    const answers = [
      page,
      {
        marked: [
          { invoice_id: page.invoices[0]!._id, system_id: 'erp-1', exported_at: '2026-12-04T00:00:00.000Z' },
        ],
      },
    ];
    const fetch = vi.fn(
      async (_input: string | URL | Request, _init?: RequestInit) =>
        new Response(JSON.stringify(answers.shift()), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        }),
    );
    const token = 'id-token';

    // Act: the README's lines
    const faktura = createFakturaClient({
      baseUrl: 'https://api.faktura.example',
      token,
      fetch,
      middleware: [answersAsDocumented(reference as never)],
    });
    const { data } = await faktura.GET('/invoices/export', {
      params: { query: { system_id: 'erp-1', limit: 100 } },
    });
    const taken = data?.invoices.map((invoice) => ({ invoice_id: invoice._id, system_id: 'erp-1' })) ?? [];
    const { data: marks } = await faktura.POST('/invoices/mark-as-exported', {
      body: { invoices: taken.slice(0, 10) },
    });

    // Assess
    expect(marks?.marked).toHaveLength(1);
    expect((fetch.mock.calls[1]![0] as Request).url).toBe(
      'https://api.faktura.example/invoices/mark-as-exported',
    );
  });
});
