import type { ExportJob } from '../../src/export-job.ts';

/** An export job of November 2026 to e-conomic, two invoices in one batch; tests override what they need. */
export const exportJob = (overrides: Partial<ExportJob> = {}): ExportJob => ({
  id: 'job1',
  reseller: 'r1',
  system: 'economic',
  status: 'succeeded',
  options: {
    invoiceDate: '2026-11-01',
    invoicesToOmit: [],
    groupInvoiceLines: false,
    adminMode: false,
    externalLicenses: false,
  },
  requestedBy: { userId: 'u1' },
  total: 2,
  exported: 2,
  batchSize: 100,
  batchCount: 1,
  createdAt: '2026-11-02T08:00:00.000Z',
  ...overrides,
});
