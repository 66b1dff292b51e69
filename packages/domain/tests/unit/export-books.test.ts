import { describe, expect, it } from 'vitest';
import {
  exportBatchSize,
  exportDocument,
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
    expect(exportMarkKey('economic', { adminMode, externalLicenses: false })).toBe(mark);
    expect(exportPriceColumn(adminMode)).toBe(column);
  });

  it('tells the timeline which books, which document and which draft', () => {
    // Act & Assess
    expect(exportedEvent('uniconta', { adminMode: false, externalLicenses: false }, '12')).toBe(
      'exported to Uniconta as draft 12',
    );
    expect(exportedEvent('economic', { adminMode: true, externalLicenses: false }, undefined)).toBe(
      'exported to e-conomic (platform) as draft',
    );
    expect(exportedEvent('economic', { adminMode: false, externalLicenses: true }, '7')).toBe(
      'exported to e-conomic (external licences) as draft 7',
    );
    expect(exportedEvent('uniconta', { adminMode: true, externalLicenses: true }, '8')).toBe(
      'exported to Uniconta (platform, external licences) as draft 8',
    );
  });
});

describe('the mark an export writes', () => {
  it.each([
    [false, false, 'lines', 'economic'],
    [true, false, 'lines', 'economic:platform'],
    [false, true, 'external-licenses', 'economic:external-licenses'],
    [true, true, 'external-licenses', 'economic:platform:external-licenses'],
  ] as const)(
    'adminMode %s, externalLicenses %s: the %s document is marked %s',
    (adminMode, externalLicenses, document, mark) => {
      // Act & Assess
      expect(exportDocument(externalLicenses)).toBe(document);
      expect(exportMarkKey('economic', { adminMode, externalLicenses })).toBe(mark);
    },
  );

  it('gives every books-and-document pair its own mark, and the invoice proper the bare name marks were written under before', () => {
    // Prepare
    const targets = [false, true].flatMap((adminMode) =>
      [false, true].map((externalLicenses) => ({ adminMode, externalLicenses })),
    );

    // Act
    const marks = targets.flatMap((target) =>
      (['economic', 'uniconta'] as const).map((system) => exportMarkKey(system, target)),
    );

    // Assess
    expect(new Set(marks).size).toBe(marks.length);
    expect(exportMarkKey('uniconta', { adminMode: false, externalLicenses: false })).toBe('uniconta');
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
    [1, 100],
    [9000, 100],
    [9001, 101],
    [20_000, 223],
  ])('%i invoices go in batches of %i, never more than 90 batches', (count, size) => {
    expect(exportBatchSize(count)).toBe(size);
    expect(Math.ceil(count / exportBatchSize(count))).toBeLessThanOrEqual(90);
  });
});
