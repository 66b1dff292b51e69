import { describe, expect, it } from 'vitest';
import {
  exportBatchSize,
  exportedEvent,
  exportMarkKey,
  exportOwner,
  exportPriceColumn,
  hasExportableLines,
  ownerOfJob,
} from '../../src/export-job.ts';
import { exportJob } from './export-job-fixture.ts';

describe('the books an export goes to', () => {
  it.each([
    [false, { kind: 'reseller', reseller: 'r1' }, 'economic', 'price'],
    [true, { kind: 'platform' }, 'economic:platform', 'wholesale'],
  ] as const)('adminMode %s: owner, mark key and price column', (adminMode, owner, mark, column) => {
    // Act & Assess
    expect(exportOwner('r1', adminMode)).toEqual(owner);
    expect(ownerOfJob(exportJob({ options: { ...exportJob().options, adminMode } }))).toEqual(owner);
    expect(exportMarkKey('economic', adminMode)).toBe(mark);
    expect(exportPriceColumn(adminMode)).toBe(column);
  });

  it('tells the timeline which books and which draft', () => {
    expect(exportedEvent('uniconta', false, '12')).toBe('exported to Uniconta as draft 12');
    expect(exportedEvent('economic', true, undefined)).toBe('exported to e-conomic (platform) as draft');
  });
});

describe('hasExportableLines', () => {
  const invoice = { productCodes: ['P1'], externalLicenseProductCodes: [] };

  it('exports the document that has lines of the kind asked for', () => {
    expect(hasExportableLines(invoice, false)).toBe(true);
    expect(hasExportableLines(invoice, true)).toBe(false);
  });
});

describe('exportBatchSize', () => {
  it.each([
    [1, 10],
    [900, 10],
    [901, 11],
    [9000, 100],
  ])('%i invoices go in batches of %i, never more than 90 batches', (count, size) => {
    expect(exportBatchSize(count)).toBe(size);
    expect(Math.ceil(count / exportBatchSize(count))).toBeLessThanOrEqual(90);
  });
});
