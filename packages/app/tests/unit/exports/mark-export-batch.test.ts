import { describe, expect, it, vi } from 'vitest';
import { markExportBatch } from '#app/exports/mark-export-batch';
import { ExportBatchMissing } from '#app/exports/saga';
import type { MarkWriteOptions } from '#app/ports/export-store';
import { type ExportMark, MarksAlreadyWritten } from '#app/ports/store';
import type { LedgerEntry } from '#domain/export-job';
import { exportId, exportRecords, job, resellerId, sagaInput } from '../fakes.ts';

const at = '2026-11-15T10:00:00.000Z';
const invoice = (n: number) => `65f0000000000000000${String(n).padStart(5, '0')}`;
const created = (id: string, draftNumber = '7'): LedgerEntry => ({
  invoice: id,
  reference: `FK-${exportId}-${id}`,
  state: 'created',
  draftNumber,
  at,
});

/**
 * Marks as the store keeps them: one per invoice and system; a mark written again with its time is
 * refused as DynamoDB's condition refuses it (alone: 'already-marked'; with others: nothing of the
 * call written, MarksAlreadyWritten). `failAfter` makes the store fail once that many calls were
 * answered, as a killed invocation would stop.
 */
const markBook = (failAfter = Number.POSITIVE_INFINITY) => {
  const written = new Map<string, ExportMark>();
  const key = (mark: ExportMark) => `${mark.invoice} ${mark.system}`;
  const isWritten = (mark: ExportMark) => written.get(key(mark))?.at === mark.at;
  let calls = 0;
  const call = () => {
    calls += 1;
    if (calls > failAfter) throw new Error('Task timed out');
  };
  return {
    written,
    markExported: vi.fn(async (mark: ExportMark, _options?: MarkWriteOptions) => {
      call();
      if (isWritten(mark)) return 'already-marked' as const;
      written.set(key(mark), mark);
      return 'marked' as const;
    }),
    markExportedTogether: vi.fn(async (marks: readonly ExportMark[], _options?: MarkWriteOptions) => {
      call();
      if (marks.some(isWritten)) {
        if (marks.length === 1) return 'already-marked' as const;
        throw new MarksAlreadyWritten('one was already written');
      }
      for (const mark of marks) written.set(key(mark), mark);
      return 'marked' as const;
    }),
  };
};

/** Export tracking's registry: `pulling` are the systems the reseller's invoices are pulled by. */
const registry = (...pulling: string[]) => ({
  getExportSystem: vi.fn(async (_reseller: string, system: string) =>
    pulling.includes(system)
      ? { name: system, generation: 'g1', registeredAt: at, frontier: '0' }
      : undefined,
  ),
});

describe('markExportBatch', () => {
  it('marks the created drafts of its own batch, fifty to a transaction and no pending item taken when no system pulls under the mark’s name, each with the exact mark', async () => {
    // Prepare: batch 1 of two, 53 created drafts, one deleted again and one still being made
    const ours = Array.from({ length: 55 }, (_, n) => invoice(n));
    const exports = exportRecords(job({ options: { ...job().options, adminMode: true } }), [
      [invoice(900)],
      ours,
    ]);
    for (const id of ours.slice(0, 53)) exports.ledger.set(id, created(id));
    exports.ledger.set(ours[53]!, { ...created(ours[53]!), state: 'deleted' });
    exports.ledger.set(ours[54]!, { ...created(ours[54]!), state: 'creating' });
    exports.ledger.set(invoice(900), created(invoice(900)));
    const marks = markBook();
    const exportSystems = registry('economic');

    // Act
    const result = await markExportBatch({ exports, marks, exportSystems }, { ...sagaInput, batch: 1 });

    // Assess
    expect(result).toEqual({ marked: 53 });
    expect(exports.getLedgerEntries).toHaveBeenCalledExactlyOnceWith(resellerId, exportId, ours);
    expect(exportSystems.getExportSystem).toHaveBeenCalledExactlyOnceWith(resellerId, 'economic:platform');
    expect(marks.markExportedTogether.mock.calls.map(([group, options]) => [group.length, options])).toEqual([
      [50, { pulled: false }],
      [3, { pulled: false }],
    ]);
    expect(marks.markExported).not.toHaveBeenCalled();
    expect([...marks.written.keys()].sort()).toEqual(
      ours.slice(0, 53).map((id) => `${id} economic:platform`),
    );
    expect(marks.written.get(`${ours[0]} economic:platform`)).toEqual({
      reseller: resellerId,
      invoice: ours[0],
      system: 'economic:platform',
      at,
      exportId,
      draftNumber: '7',
      by: 'asker@telco.example',
      event: 'exported to e-conomic (platform) as draft 7',
    });
  });

  it('takes each invoice’s pending item, 33 to a transaction, when a system of the mark’s name pulls the reseller’s invoices', async () => {
    // Prepare
    const ours = Array.from({ length: 40 }, (_, n) => invoice(n));
    const exports = exportRecords(job(), [ours]);
    for (const id of ours) exports.ledger.set(id, created(id));
    const marks = markBook();

    // Act
    await markExportBatch(
      { exports, marks, exportSystems: registry('economic') },
      { ...sagaInput, batch: 0 },
    );

    // Assess
    expect(marks.markExportedTogether.mock.calls.map(([group, options]) => [group.length, options])).toEqual([
      [33, { pulled: true }],
      [7, { pulled: true }],
    ]);
  });

  it('reads the registry beside the ledger, not after it: the export’s end waits on both', async () => {
    // Prepare: the ledger answers only once the registry has been asked (read in turn, it never would)
    const exports = exportRecords(job(), [[invoice(1)]]);
    exports.ledger.set(invoice(1), created(invoice(1)));
    const exportSystems = registry();
    let registryAsked: () => void = () => undefined;
    const asked = new Promise<void>((resolve) => {
      registryAsked = resolve;
    });
    exportSystems.getExportSystem.mockImplementationOnce(async () => {
      registryAsked();
      return undefined;
    });
    const readLedger = exports.getLedgerEntries.getMockImplementation()!;
    exports.getLedgerEntries.mockImplementationOnce(async (...args) => {
      await asked;
      return readLedger(...args);
    });
    const marks = markBook();

    // Act
    const result = await markExportBatch({ exports, marks, exportSystems }, { ...sagaInput, batch: 0 });

    // Assess
    expect(result).toEqual({ marked: 1 });
    expect(exportSystems.getExportSystem).toHaveBeenCalledExactlyOnceWith(resellerId, 'economic');
    expect(marks.markExportedTogether).toHaveBeenCalledExactlyOnceWith(
      [expect.objectContaining({ invoice: invoice(1) })],
      { pulled: false },
    );
  });

  it('marks nothing when the batch has no created draft', async () => {
    // Prepare
    const exports = exportRecords(job(), [[invoice(1)]]);
    exports.ledger.set(invoice(1), { ...created(invoice(1)), state: 'deleted' });
    const marks = markBook();

    // Act
    const result = await markExportBatch(
      { exports, marks, exportSystems: registry() },
      { ...sagaInput, batch: 0 },
    );

    // Assess
    expect(result).toEqual({ marked: 0 });
    expect(marks.markExportedTogether).not.toHaveBeenCalled();
    expect(marks.markExported).not.toHaveBeenCalled();
  });

  it('marks the external-licence document apart from the invoice proper, and says so on the timeline', async () => {
    // Prepare
    const exports = exportRecords(job({ options: { ...job().options, externalLicenses: true } }), [
      [invoice(1)],
    ]);
    exports.ledger.set(invoice(1), created(invoice(1), '9'));
    const marks = markBook();

    // Act
    await markExportBatch({ exports, marks, exportSystems: registry() }, { ...sagaInput, batch: 0 });

    // Assess
    expect(marks.written.get(`${invoice(1)} economic:external-licenses`)).toMatchObject({
      system: 'economic:external-licenses',
      event: 'exported to e-conomic (external licences) as draft 9',
    });
  });

  it('resumes a batch stopped half way: a retry writes what is missing and nothing twice', async () => {
    // Prepare: 120 created drafts; the first attempt stops after two of its three transactions
    const ours = Array.from({ length: 120 }, (_, n) => invoice(n));
    const exports = exportRecords(job(), [ours]);
    const exportSystems = registry();
    for (const id of ours) exports.ledger.set(id, created(id));
    const stopping = markBook(2);

    // Act
    const first = markExportBatch({ exports, marks: stopping, exportSystems }, { ...sagaInput, batch: 0 });
    await expect(first).rejects.toThrow('Task timed out');
    const writtenBefore = stopping.written.size;
    const resumed = markBook();
    for (const [key, mark] of stopping.written) resumed.written.set(key, mark);
    const retry = await markExportBatch(
      { exports, marks: resumed, exportSystems },
      { ...sagaInput, batch: 0 },
    );

    // Assess: every invoice marked once; the groups written before were each refused together,
    // then found written one by one; the rest went together
    expect(writtenBefore).toBe(100);
    expect(retry).toEqual({ marked: 120 });
    expect(resumed.written.size).toBe(120);
    expect(resumed.markExported).toHaveBeenCalledTimes(100);
    expect(resumed.markExported.mock.calls.every(([, options]) => options?.pulled === false)).toBe(true);
    expect(await Promise.all(resumed.markExported.mock.results.map((result) => result.value))).toEqual(
      Array(100).fill('already-marked'),
    );
  });

  it('names a batch that does not exist', async () => {
    // Prepare
    const exports = exportRecords(job(), []);

    // Act
    const run = markExportBatch(
      { exports, marks: markBook(), exportSystems: registry() },
      { ...sagaInput, batch: 3 },
    );

    // Assess
    await expect(run).rejects.toBeInstanceOf(ExportBatchMissing);
  });
});
