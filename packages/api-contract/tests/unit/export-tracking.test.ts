import { describe, expect, it } from 'vitest';
import type { ExportableInvoiceHeader } from '#app/ports/store';
import {
  maxUnexportedPerAnswer,
  maxUnexportedSummaryBytes,
  presentUnexported,
  unexportedAnswerBytes,
  unexportedQuery,
} from '../../src/export-tracking-list.ts';
import { payloadBytes } from '../../src/payload.ts';

describe('GET /invoices/export: the answer’s bounds', () => {
  it('a summary takes at most maxUnexportedSummaryBytes, so the most invoices without lines fit in 6 MB', () => {
    // Prepare: the largest summary an ADMIN can get: a 250-character headline of `"` (escaped twice),
    // the longest numbers, every optional field, and the fields GET /invoices/export adds.
    const big = -123_456_789_012.1234;
    const header = {
      id: 'a'.repeat(24),
      customer: 'b'.repeat(24),
      sent: true,
      invoiceNumber: '9'.repeat(20),
      period: true,
      invoiceDate: '2026-11-30',
      dueDate: '2026-12-30',
      paid: false,
      headline: '"'.repeat(250),
      lineCount: 10_000,
      totals: {
        subTotalCost: big,
        vatCost: big,
        subTotalWholesale: big,
        vatWholesale: big,
        subTotal: big,
        vat: big,
        total: big,
      },
    } as unknown as ExportableInvoiceHeader;
    // The answer's own presenter, so that a field it gains is measured too.
    const item = presentUnexported(
      {
        header: { ...header, createdAt: '2026-11-30T23:59:59.999Z' },
        exportedAt: '2026-11-30T23:59:59.999Z',
      },
      'ADMIN',
    );

    // Act
    const bytes = payloadBytes(item) + 1;

    // Assess
    expect(bytes).toBeLessThanOrEqual(maxUnexportedSummaryBytes);
    expect(maxUnexportedPerAnswer * maxUnexportedSummaryBytes).toBeLessThanOrEqual(unexportedAnswerBytes);
  });

  it('reads not_exported_since in the domain’s forms and refuses unknown keys by name', () => {
    // Act
    const seedForm = unexportedQuery.safeParse({ system_id: 'x', not_exported_since: '2026-11-01 13:45:00' });
    const typo = unexportedQuery.safeParse({ system_id: 'x', not_export_since: '2026-11-01' });
    const filters = unexportedQuery.safeParse({ system_id: 'x', 'filter_groups[0][or]': '1' });

    // Assess
    expect(seedForm.data?.not_exported_since).toBe('2026-11-01T13:45:00.000Z');
    expect(typo.error?.issues).toEqual([
      expect.objectContaining({
        path: ['not_export_since'],
        message: expect.stringContaining('not_exported_since'),
      }),
    ]);
    expect(filters.success).toBe(true);
  });
});
