import { describe, expect, it, vi } from 'vitest';
import { compensateExport, deletionsInFlight } from '#app/exports/compensate-export';
import { compensateExportBatch, stopStartingWithinMs } from '#app/exports/compensate-export-batch';
import { finalizeExport } from '#app/exports/finalize-export';
import { ExportNoLongerQueued, prepareExport } from '#app/exports/prepare-export';
import { ExportNoLongerRunning, runExportBatch } from '#app/exports/run-export-batch';
import { ExportBatchMissing, ExportJobMissing, requireJobAndBatch } from '#app/exports/saga';
import type { DraftOrder } from '#app/ports/accounting';
import type { StoredInvoice } from '#app/ports/store';
import { AccountingRejected, AccountingThrottled, AccountingUnavailable } from '#domain/accounting-failures';
import type { Customer } from '#domain/customer';
import { draftReference, type LedgerEntry } from '#domain/export-job';
import {
  accountingSystem,
  callCounts,
  counting,
  exportId,
  exportRecords,
  fixedClock,
  job,
  reseller,
  resellerId,
  sagaInput,
} from '../fakes.ts';

const invoiceA = '65f0000000000000000000a1';
const invoiceB = '65f0000000000000000000b2';
const refA = draftReference(exportId, invoiceA);
const refB = draftReference(exportId, invoiceB);
const now = '2026-11-15T10:00:00.000Z';
/** What each invoice's draft must carry, as the mapping says. */
const invoiceAmounts = { net: 350, vat: 32.03, gross: 382.03 };
/** A draft as listed where its amounts do not matter to the test. */
const noAmounts = { net: 0, vat: 0, gross: 0 };

const storedInvoice = (id: string, customer = 'cust-1') =>
  ({ invoice: { id, reseller: resellerId, customer } }) as unknown as StoredInvoice;

/** The store's answer to getInvoices: the ones asked for, by id. */
const invoicesById = async (_reseller: string, ids: readonly string[]) =>
  new Map(ids.map((id) => [id, storedInvoice(id)] as const));

const batchWorld = (
  ledger: LedgerEntry[] = [],
  status: 'running' | 'compensating' = 'running',
  invoices: readonly string[] = [invoiceA, invoiceB],
) => {
  const exports = exportRecords(job({ status }), [invoices]);
  for (const entry of ledger) exports.ledger.set(entry.invoice, entry);
  const accounting = accountingSystem();
  const ports = {
    exports,
    invoices: { getInvoices: vi.fn(invoicesById) },
    customers: {
      getCustomers: vi.fn(
        async (_reseller: string, ids: readonly string[]) =>
          new Map(ids.map((id) => [id, { finance: { accountingSystemId: '100' } } as Customer] as const)),
      ),
    },
    resellers: { getReseller: vi.fn(async () => reseller()) },
    accountingFor: vi.fn(async () => accounting),
    draftOrderOf: vi.fn(
      (_invoice: unknown, options: { reference: string }) =>
        ({ reference: options.reference, totals: invoiceAmounts }) as never,
    ),
    accountingCalls: callCounts(),
    clock: fixedClock(now),
    counters: counting(),
  };
  return { ports, exports, accounting };
};

describe('runExportBatch: the ledger protocol', () => {
  it('records the intents, makes the drafts, records them made; in that order, a group at a time', async () => {
    // Prepare
    const { ports, exports, accounting } = batchWorld();

    // Act
    const result = await runExportBatch(ports, { ...sagaInput, batch: 0 });

    // Assess
    expect(result).toEqual({ created: 2 });
    const [intents, made] = exports.recordLedgerEntriesWhileRunning.mock.calls.map(([, entries]) => entries);
    expect(exports.recordLedgerEntriesWhileRunning).toHaveBeenCalledTimes(2);
    expect(intents).toEqual([
      { invoice: invoiceA, reference: refA, state: 'creating', at: now },
      { invoice: invoiceB, reference: refB, state: 'creating', at: now },
    ]);
    expect(made).toEqual(
      expect.arrayContaining([
        { invoice: invoiceA, reference: refA, state: 'created', draftNumber: '1', at: now },
        { invoice: invoiceB, reference: refB, state: 'created', draftNumber: '2', at: now },
      ]),
    );
    // The intents are recorded before any draft is made, and the drafts recorded after all are made.
    const [intentsAt, madeAt] = exports.recordLedgerEntriesWhileRunning.mock.invocationCallOrder;
    for (const draftAt of accounting.createDraft.mock.invocationCallOrder) {
      expect(intentsAt).toBeLessThan(draftAt);
      expect(madeAt).toBeGreaterThan(draftAt);
    }
    expect(ports.invoices.getInvoices).toHaveBeenCalledExactlyOnceWith(resellerId, [invoiceA, invoiceB]);
    expect(ports.customers.getCustomers).toHaveBeenCalledExactlyOnceWith(resellerId, ['cust-1']);
    expect(accounting.createDraft).toHaveBeenCalledTimes(2);
    expect(accounting.createDraft).toHaveBeenCalledWith({ reference: refA, totals: invoiceAmounts }, refA, {
      firstAttempt: true,
    });
    expect(ports.draftOrderOf).toHaveBeenCalledWith(storedInvoice(invoiceA).invoice, {
      reference: refA,
      customerNumber: '100',
      priceColumn: 'price',
      groupInvoiceLines: false,
      externalLicenses: false,
    });
    expect(ports.counters.counted).toEqual({ DraftsCreated: 2 });
  });

  it('is idempotent on retry: skips what is created, looks up what was being created', async () => {
    // Prepare: A was made by the attempt before, B's attempt died after its intent
    const { ports, exports, accounting } = batchWorld([
      {
        invoice: invoiceA,
        reference: refA,
        state: 'created',
        draftNumber: '7',
        at: '2026-11-15T09:00:00.000Z',
      },
      { invoice: invoiceB, reference: refB, state: 'creating', at: '2026-11-15T09:00:00.000Z' },
    ]);

    // Act
    const result = await runExportBatch(ports, { ...sagaInput, batch: 0 });

    // Assess
    expect(result).toEqual({ created: 1 });
    expect(accounting.createDraft).toHaveBeenCalledExactlyOnceWith(
      { reference: refB, totals: invoiceAmounts },
      refB,
      {
        firstAttempt: false,
      },
    );
    expect(ports.invoices.getInvoices).toHaveBeenCalledExactlyOnceWith(resellerId, [invoiceB]);
    expect(exports.recordLedgerEntriesWhileRunning).toHaveBeenCalledWith(
      expect.objectContaining({ id: exportId }),
      [{ invoice: invoiceB, reference: refB, state: 'creating', at: '2026-11-15T09:00:00.000Z' }],
    );
  });

  it('makes nothing once the export is being compensated', async () => {
    // Prepare
    const { ports, accounting } = batchWorld([], 'compensating');

    // Act
    const run = runExportBatch(ports, { ...sagaInput, batch: 0 });

    // Assess
    await expect(run).rejects.toBeInstanceOf(ExportNoLongerRunning);
    expect(accounting.createDraft).not.toHaveBeenCalled();
  });

  it('takes away a draft made while the compensation began, and records it gone', async () => {
    // Prepare: the job stops running while A's draft is being made
    const { ports, exports, accounting } = batchWorld([], 'running', [invoiceA]);
    accounting.createDraft.mockImplementationOnce(async (order: DraftOrder) => {
      exports.job = { ...exports.job!, status: 'compensating' };
      const draft = { number: '1', reference: order.reference, totals: order.totals };
      accounting.drafts.set(order.reference, draft);
      return draft;
    });

    // Act
    const run = runExportBatch(ports, { ...sagaInput, batch: 0 });

    // Assess
    await expect(run).rejects.toBeInstanceOf(ExportNoLongerRunning);
    expect(accounting.deleteDraft).toHaveBeenCalledExactlyOnceWith(
      { number: '1', reference: refA },
      `${refA}:delete`,
    );
    expect(exports.recordLedger).toHaveBeenCalledExactlyOnceWith(resellerId, exportId, {
      invoice: invoiceA,
      reference: refA,
      state: 'deleted',
      draftNumber: '1',
      at: now,
    });
    expect(accounting.drafts.size).toBe(0);
  });

  it('works in groups of 50: a read, an intents write and a drafts write per group; customers read once', async () => {
    // Prepare: 120 invoices of three customers
    const invoices = Array.from({ length: 120 }, (_, index) => `inv-${String(index).padStart(3, '0')}`);
    const { ports, exports, accounting } = batchWorld([], 'running', invoices);
    ports.invoices.getInvoices.mockImplementation(
      async (_reseller: string, ids: readonly string[]) =>
        new Map(ids.map((id) => [id, storedInvoice(id, `cust-${Number(id.slice(4)) % 3}`)] as const)),
    );

    const prepareCustomers = vi.fn(async (_numbers: readonly string[]) => {});
    Object.assign(accounting, { prepareCustomers });

    // Act
    const result = await runExportBatch(ports, { ...sagaInput, batch: 0 });

    // Assess
    expect(result).toEqual({ created: 120 });
    // Each group's customers read ahead in the accounting system, before its intents are recorded.
    expect(prepareCustomers.mock.calls.map(([numbers]) => numbers.length)).toEqual([50, 50, 20]);
    expect(prepareCustomers.mock.invocationCallOrder[0]).toBeLessThan(
      exports.recordLedgerEntriesWhileRunning.mock.invocationCallOrder[0]!,
    );
    expect(ports.invoices.getInvoices.mock.calls.map(([, ids]) => ids)).toEqual([
      invoices.slice(0, 50),
      invoices.slice(50, 100),
      invoices.slice(100),
    ]);
    // Groups run side by side, so their writes interleave: two per group, whatever the order.
    expect(
      exports.recordLedgerEntriesWhileRunning.mock.calls
        .map(([, entries]) => entries.length)
        .sort((a, b) => a - b),
    ).toEqual([20, 20, 50, 50, 50, 50]);
    expect(ports.customers.getCustomers.mock.calls.map(([, ids]) => ids)).toEqual([
      ['cust-0', 'cust-1', 'cust-2'],
    ]);
    expect(accounting.createDraft).toHaveBeenCalledTimes(120);
    expect([...exports.ledger.values()].every((entry) => entry.state === 'created')).toBe(true);
    expect(ports.counters.counted).toEqual({ DraftsCreated: 120 });
  });

  it('keeps 32 drafts in flight, shared by four groups under way, so the lane waits on the limit, not on answers', async () => {
    // Prepare: 250 invoices (five groups); each draft answers only when released
    const invoices = Array.from({ length: 250 }, (_, index) => `inv-${String(index).padStart(3, '0')}`);
    const { ports, accounting } = batchWorld([], 'running', invoices);
    const makeDraft = accounting.createDraft.getMockImplementation()!;
    const unanswered: (() => void)[] = [];
    accounting.createDraft.mockImplementation(async (...args) => {
      await new Promise<void>((answer) => unanswered.push(answer));
      return makeDraft(...args);
    });

    // Act
    const run = runExportBatch(ports, { ...sagaInput, batch: 0 });
    await vi.waitFor(() => expect(ports.invoices.getInvoices).toHaveBeenCalledTimes(4));
    await vi.waitFor(() => expect(unanswered).toHaveLength(32));
    await new Promise((settle) => setTimeout(settle, 20));
    const inFlightBeforeAnyAnswer = unanswered.length;
    const groupsReadBeforeAnyAnswer = ports.invoices.getInvoices.mock.calls.length;
    const answering = setInterval(() => {
      for (const answer of unanswered.splice(0)) answer();
    }, 1);
    const result = await run.finally(() => clearInterval(answering));

    // Assess
    expect(inFlightBeforeAnyAnswer).toBe(32);
    expect(groupsReadBeforeAnyAnswer).toBe(4);
    expect(result).toEqual({ created: 250 });
    expect(ports.invoices.getInvoices).toHaveBeenCalledTimes(5);
  });

  it('sends no draft of any group after one has failed for good, and fails with that failure', async () => {
    // Prepare: 200 invoices (four groups); the eleventh is refused for good, the others answer after a while
    const invoices = Array.from({ length: 200 }, (_, index) => `inv-${String(index).padStart(3, '0')}`);
    const { ports, exports, accounting } = batchWorld([], 'running', invoices);
    const makeDraft = accounting.createDraft.getMockImplementation()!;
    accounting.createDraft.mockImplementation(async (order: DraftOrder, ...rest) => {
      if (order.reference === draftReference(exportId, 'inv-010'))
        throw new AccountingRejected('Product 42 is barred', 400);
      await new Promise((settle) => setTimeout(settle, 5));
      return makeDraft(order, ...rest);
    });

    // Act
    const run = runExportBatch(ports, { ...sagaInput, batch: 0 });

    // Assess: only the drafts already in flight were made (the slot the failure frees may start one
    // more before the failure is known: 33 at most, of 200); the job says why, once
    await expect(run).rejects.toMatchObject({ name: 'AccountingRejected', message: 'Product 42 is barred' });
    expect(accounting.createDraft.mock.calls.length).toBeLessThanOrEqual(33);
    expect(exports.job?.failure).toEqual({ reason: 'Product 42 is barred', invoice: 'inv-010' });
    expect(exports.updateExportJob).toHaveBeenCalledTimes(1);
    const created = [...exports.ledger.values()].filter((entry) => entry.state === 'created');
    expect(created).toHaveLength(accounting.createDraft.mock.calls.length - 1);
  });

  it('records the drafts a group made before one of its invoices failed, so none is looked up again', async () => {
    // Prepare: A's draft is made, B's is refused for good
    const { ports, exports, accounting } = batchWorld();
    accounting.createDraft.mockImplementation(async (order: DraftOrder) => {
      if (order.reference === refB) throw new AccountingRejected('Product 42 is barred', 400);
      return { number: '1', reference: order.reference, totals: order.totals };
    });

    // Act
    const run = runExportBatch(ports, { ...sagaInput, batch: 0 });

    // Assess
    await expect(run).rejects.toMatchObject({ name: 'AccountingRejected' });
    expect(exports.ledger.get(invoiceA)).toEqual({
      invoice: invoiceA,
      reference: refA,
      state: 'created',
      draftNumber: '1',
      at: now,
    });
    expect(exports.ledger.get(invoiceB)).toEqual({
      invoice: invoiceB,
      reference: refB,
      state: 'creating',
      at: now,
    });
    expect(exports.job?.failure).toEqual({ reason: 'Product 42 is barred', invoice: invoiceB });
  });

  it('fails the export when a draft’s amounts differ from its invoice’s, keeping the draft recorded for the compensation', async () => {
    // Prepare: the accounting system decides VAT on B's VAT-exempt line as well
    const { ports, exports, accounting } = batchWorld();
    accounting.createDraft.mockImplementation(async (order: DraftOrder) => {
      const number = order.reference === refA ? '1' : '2';
      const totals = order.reference === refB ? { net: 350, vat: 119.53, gross: 469.53 } : order.totals;
      return { number, reference: order.reference, totals };
    });

    // Act
    const run = runExportBatch(ports, { ...sagaInput, batch: 0 });

    // Assess
    await expect(run).rejects.toMatchObject({ name: 'DraftTotalsDiffer' });
    expect(exports.ledger.get(invoiceB)).toEqual({
      invoice: invoiceB,
      reference: refB,
      state: 'created',
      draftNumber: '2',
      at: now,
    });
    expect(exports.ledger.get(invoiceA)?.state).toBe('created');
    expect(exports.job?.failure).toEqual({
      reason: `Invoice ${invoiceB}: the e-conomic draft 2 has net 350.00, VAT 119.53, gross 469.53; the invoice has net 350.00, VAT 32.03, gross 382.03`,
      invoice: invoiceB,
    });
    expect(ports.counters.count).toHaveBeenCalledWith('DraftTotalsDiffer');
  });

  it('records why on the job for a permanent failure, not for a retryable one', async () => {
    // Prepare
    const rejected = batchWorld([], 'running', [invoiceA]);
    rejected.accounting.createDraft.mockRejectedValue(new AccountingRejected('Layout 3 does not exist', 400));
    const throttled = batchWorld();
    throttled.accounting.createDraft.mockRejectedValue(new AccountingThrottled('slow down'));
    const unavailable = batchWorld();
    unavailable.accounting.createDraft.mockRejectedValue(new AccountingUnavailable('502'));

    // Act
    const runs = [rejected, throttled, unavailable].map(({ ports }) =>
      runExportBatch(ports, { ...sagaInput, batch: 0 }),
    );

    // Assess
    await expect(runs[0]).rejects.toMatchObject({ name: 'AccountingRejected' });
    await expect(runs[1]).rejects.toMatchObject({ name: 'AccountingThrottled' });
    await expect(runs[2]).rejects.toMatchObject({ name: 'AccountingUnavailable' });
    expect(rejected.exports.updateExportJob).toHaveBeenCalledWith(
      expect.objectContaining({ id: exportId }),
      ['running'],
      {
        status: 'running',
        failure: { reason: 'Layout 3 does not exist', invoice: invoiceA },
      },
    );
    expect(throttled.exports.updateExportJob).not.toHaveBeenCalled();
    expect(unavailable.exports.updateExportJob).not.toHaveBeenCalled();
    expect(throttled.ports.counters.count).toHaveBeenCalledWith('AccountingThrottled');
  });

  it('bills the reseller at wholesale in adminMode, under its number in the platform’s books', async () => {
    // Prepare
    const { ports, exports } = batchWorld();
    exports.job = job({ options: { ...job().options, adminMode: true } });

    // Act
    await runExportBatch(ports, { ...sagaInput, batch: 0 });

    // Assess
    expect(ports.draftOrderOf).toHaveBeenCalledWith(
      expect.anything(),
      expect.objectContaining({ customerNumber: '900', priceColumn: 'wholesale' }),
    );
    expect(ports.customers.getCustomers).not.toHaveBeenCalled();
  });

  it('fails an invoice without an accounting number before calling the system', async () => {
    // Prepare
    const { ports, accounting } = batchWorld();
    ports.customers.getCustomers.mockResolvedValue(new Map([['cust-1', { finance: {} } as Customer]]));

    // Act
    const run = runExportBatch(ports, { ...sagaInput, batch: 0 });

    // Assess
    await expect(run).rejects.toEqual(
      new AccountingRejected(`Invoice ${invoiceA}: the customer has no accounting system ID`, 422),
    );
    expect(accounting.createDraft).not.toHaveBeenCalled();
  });
});

/** A promise and what settles it: a fake's answer held until another call has been made. */
const signal = () => {
  let give: () => void = () => undefined;
  const given = new Promise<void>((resolve) => {
    give = resolve;
  });
  return { give, given };
};

describe('requireJobAndBatch', () => {
  it('reads the job and the batch side by side, by the saga’s ids', async () => {
    // Prepare: the job answers only once the batch has been asked for (read in turn, it never would)
    const exports = exportRecords(job(), [[invoiceA]]);
    const batchAsked = signal();
    const readBatch = exports.getExportBatch.getMockImplementation()!;
    exports.getExportBatch.mockImplementationOnce(async (...args) => {
      batchAsked.give();
      return readBatch(...args);
    });
    const readJob = exports.getExportJob.getMockImplementation()!;
    exports.getExportJob.mockImplementationOnce(async () => {
      await batchAsked.given;
      return readJob();
    });

    // Act
    const { job: read, batch } = await requireJobAndBatch(exports, { ...sagaInput, batch: 0 });

    // Assess
    expect(read.id).toBe(exportId);
    expect(batch).toEqual({ index: 0, invoices: [invoiceA] });
    expect(exports.getExportJob).toHaveBeenCalledExactlyOnceWith(resellerId, exportId);
    expect(exports.getExportBatch).toHaveBeenCalledExactlyOnceWith(resellerId, exportId, 0);
  });

  it('names a missing job before a missing batch', async () => {
    // Prepare
    const exports = exportRecords(job(), []);
    exports.job = undefined;

    // Act
    const read = requireJobAndBatch(exports, { ...sagaInput, batch: 3 });

    // Assess
    await expect(read).rejects.toBeInstanceOf(ExportJobMissing);
  });
});

describe('runExportBatch: its start', () => {
  it('reads the ledger beside the accounting system it opens, not after it', async () => {
    // Prepare: the accounting system opens only once the ledger has been asked for (in turn, never)
    const { ports, exports, accounting } = batchWorld();
    const ledgerAsked = signal();
    const readLedger = exports.getLedgerEntries.getMockImplementation()!;
    exports.getLedgerEntries.mockImplementationOnce(async (...args) => {
      ledgerAsked.give();
      return readLedger(...args);
    });
    ports.accountingFor.mockImplementationOnce(async () => {
      await ledgerAsked.given;
      return accounting;
    });

    // Act
    const result = await runExportBatch(ports, { ...sagaInput, batch: 0 });

    // Assess
    expect(result).toEqual({ created: 2 });
    expect(exports.getLedgerEntries).toHaveBeenCalledWith(resellerId, exportId, [invoiceA, invoiceB]);
  });
});

describe('compensateExport', () => {
  const compensationWorld = (ledger: LedgerEntry[]) => {
    const exports = exportRecords(job({ status: 'running' }));
    for (const entry of ledger) exports.ledger.set(entry.invoice, entry);
    const accounting = accountingSystem();
    return {
      exports,
      accounting,
      ports: {
        exports,
        accountingFor: vi.fn(async () => accounting),
        accountingCalls: callCounts(),
        clock: fixedClock(now),
        counters: counting(),
      },
    };
  };

  it('deletes exactly what the ledger says was created or being created, and fails the job', async () => {
    // Prepare: A made, B's creation under way (its draft exists), C never started, D deleted before
    const { ports, exports, accounting } = compensationWorld([
      { invoice: invoiceA, reference: refA, state: 'created', draftNumber: '1', at: now },
      { invoice: invoiceB, reference: refB, state: 'creating', at: now },
      { invoice: 'd', reference: 'FK-d', state: 'deleted', draftNumber: '9', at: now },
    ]);
    accounting.drafts.set(refA, { number: '1', reference: refA, totals: noAmounts });
    accounting.drafts.set(refB, { number: '2', reference: refB, totals: noAmounts });
    accounting.drafts.set('someone-else', { number: '3', reference: 'someone-else', totals: noAmounts });

    // Act
    const result = await compensateExport(ports, {
      ...sagaInput,
      failure: {
        Error: 'AccountingUnavailable',
        Cause: '{"errorType":"AccountingUnavailable","errorMessage":"10.0.0.1:443"}',
      },
    });

    // Assess
    expect(result).toEqual({ deleted: 3, alreadyGone: 0 });
    expect(accounting.findDraftByReference).toHaveBeenCalledExactlyOnceWith(refB);
    expect(accounting.deleteDraft.mock.calls).toEqual([
      [{ number: '1', reference: refA }, `${refA}:delete`],
      [{ number: '2', reference: refB, totals: noAmounts }, `${refB}:delete`],
    ]);
    expect([...accounting.drafts.keys()]).toEqual(['someone-else']);
    expect(exports.recordLedger.mock.calls.map(([, , entry]) => entry)).toEqual([
      { invoice: invoiceA, reference: refA, state: 'deleted', draftNumber: '1', at: now },
      { invoice: invoiceB, reference: refB, state: 'deleted', draftNumber: '2', at: now },
    ]);
    expect(exports.updateExportJob).toHaveBeenCalledWith(
      expect.objectContaining({ id: exportId }),
      ['queued', 'running', 'compensating'],
      {
        status: 'compensating',
      },
    );
    expect(exports.job).toMatchObject({
      status: 'failed',
      failure: {
        reason: 'The e-conomic integration is not valid: e-conomic could not be reached; try again later',
      },
      compensation: { deleted: 3, alreadyGone: 0 },
      finishedAt: now,
    });
    expect(ports.counters.counted).toEqual({ ExportsFailed: 1, DraftsDeleted: 3 });
  });

  it('records a draft that never came to be as already gone', async () => {
    // Prepare
    const { ports, exports } = compensationWorld([
      { invoice: invoiceB, reference: refB, state: 'creating', at: now },
    ]);

    // Act
    const result = await compensateExport(ports, sagaInput);

    // Assess
    expect(result).toEqual({ deleted: 0, alreadyGone: 1 });
    expect(exports.ledger.get(invoiceB)).toEqual({
      invoice: invoiceB,
      reference: refB,
      state: 'already-gone',
      at: now,
    });
    expect(exports.job?.failure).toEqual({ reason: 'The export failed' });
  });

  it('is idempotent: a retry deletes nothing twice and counts nothing twice', async () => {
    // Prepare
    const { ports, accounting } = compensationWorld([
      { invoice: invoiceA, reference: refA, state: 'created', draftNumber: '1', at: now },
    ]);
    accounting.drafts.set(refA, { number: '1', reference: refA, totals: noAmounts });
    await compensateExport(ports, sagaInput);

    // Act
    const again = await compensateExport(ports, sagaInput);

    // Assess
    expect(again).toEqual({ deleted: 1, alreadyGone: 0 });
    expect(accounting.deleteDraft).toHaveBeenCalledTimes(1);
    expect(ports.counters.counted).toEqual({ ExportsFailed: 1, DraftsDeleted: 1 });
  });

  it('keeps the reason a batch recorded, and opens no accounting system when nothing is open', async () => {
    // Prepare
    const { ports, exports } = compensationWorld([]);
    exports.job = job({
      status: 'running',
      failure: { reason: 'Layout 3 does not exist', invoice: invoiceA },
    });

    // Act
    await compensateExport(ports, { ...sagaInput, failure: { Error: 'AccountingRejected', Cause: 'x' } });

    // Assess: the ledger read once, as nothing was deleted
    expect(ports.accountingFor).not.toHaveBeenCalled();
    expect(exports.getLedger).toHaveBeenCalledTimes(1);
    expect(exports.job?.failure).toEqual({ reason: 'Layout 3 does not exist', invoice: invoiceA });
  });
});

describe('compensateExportBatch', () => {
  /** Ten invoices in batch 0, each with a draft made; one more in batch 1. */
  const batch0 = Array.from(
    { length: 10 },
    (_, index) => `65f0000000000000000001${String(index).padStart(2, '0')}`,
  );
  const other = '65f0000000000000000002aa';
  const batchWorld = () => {
    const exports = exportRecords(job({ status: 'running' }), [batch0, [other]]);
    const accounting = accountingSystem();
    for (const [index, invoice] of [...batch0, other].entries()) {
      const reference = draftReference(exportId, invoice);
      exports.ledger.set(invoice, {
        invoice,
        reference,
        state: 'created',
        draftNumber: String(index + 1),
        at: now,
      });
      accounting.drafts.set(reference, { number: String(index + 1), reference, totals: noAmounts });
    }
    const ports = {
      exports,
      accountingFor: vi.fn(async () => accounting),
      accountingCalls: callCounts(),
      clock: fixedClock(now),
      counters: counting(),
    };
    return { ports, exports, accounting };
  };
  const plentyOfTime = () => 280_000;

  it('deletes its own batch’s drafts, records each, and shows the export as being compensated', async () => {
    // Prepare
    const { ports, exports, accounting } = batchWorld();

    // Act
    const result = await compensateExportBatch(ports, { ...sagaInput, batch: 0 }, plentyOfTime);

    // Assess
    expect(result).toEqual({ deleted: 10, left: 0 });
    expect(exports.getExportBatch).toHaveBeenCalledExactlyOnceWith(resellerId, exportId, 0);
    expect(exports.getLedgerEntries).toHaveBeenCalledExactlyOnceWith(resellerId, exportId, batch0);
    expect(accounting.deleteDraft.mock.calls.map(([draft]) => draft.reference).sort()).toEqual(
      batch0.map((invoice) => draftReference(exportId, invoice)).sort(),
    );
    expect([...accounting.drafts.keys()]).toEqual([draftReference(exportId, other)]);
    expect(batch0.map((invoice) => exports.ledger.get(invoice)?.state)).toEqual(batch0.map(() => 'deleted'));
    expect(exports.ledger.get(other)?.state).toBe('created');
    expect(exports.updateExportJob).toHaveBeenCalledExactlyOnceWith(
      expect.objectContaining({ id: exportId }),
      ['queued', 'running'],
      { status: 'compensating' },
    );
    expect(exports.job?.status).toBe('compensating');
    expect(exports.finishExportJob).not.toHaveBeenCalled();
  });

  it('starts no deletion once its invocation is near its end, says how many are left, and the next call finishes them', async () => {
    // Prepare: less than the margin left from the start; only the first few deletions may start
    const { ports, exports, accounting } = batchWorld();
    const nearTheEnd = () => stopStartingWithinMs - 1;

    // Act
    const first = await compensateExportBatch(ports, { ...sagaInput, batch: 0 }, nearTheEnd);
    const second = await compensateExportBatch(ports, { ...sagaInput, batch: 0 }, plentyOfTime);

    // Assess
    expect(first).toEqual({ deleted: deletionsInFlight, left: 10 - deletionsInFlight });
    expect(second).toEqual({ deleted: 10 - deletionsInFlight, left: 0 });
    expect(accounting.deleteDraft).toHaveBeenCalledTimes(10);
    expect(new Set(accounting.deleteDraft.mock.calls.map(([draft]) => draft.reference)).size).toBe(10);
    expect(batch0.every((invoice) => exports.ledger.get(invoice)?.state === 'deleted')).toBe(true);
    // Shown as compensating once; the second call finds it so.
    expect(exports.updateExportJob).toHaveBeenCalledTimes(1);
  });

  it('opens no accounting system for a batch with nothing open', async () => {
    // Prepare
    const { ports, exports } = batchWorld();
    for (const invoice of batch0)
      exports.ledger.set(invoice, { ...exports.ledger.get(invoice)!, state: 'deleted' });

    // Act
    const result = await compensateExportBatch(ports, { ...sagaInput, batch: 0 }, plentyOfTime);

    // Assess
    expect(result).toEqual({ deleted: 0, left: 0 });
    expect(ports.accountingFor).not.toHaveBeenCalled();
  });

  it('refuses a batch the export does not have', async () => {
    // Prepare
    const { ports } = batchWorld();

    // Act
    const run = compensateExportBatch(ports, { ...sagaInput, batch: 7 }, plentyOfTime);

    // Assess
    await expect(run).rejects.toBeInstanceOf(ExportBatchMissing);
  });
});

describe('prepareExport', () => {
  it('moves a queued job to running and counts it once', async () => {
    // Prepare
    const exports = exportRecords(job({ status: 'queued', batchCount: 3 }));
    const ports = { exports, clock: fixedClock(now), counters: counting() };

    // Act
    const first = await prepareExport(ports, sagaInput);
    const again = await prepareExport(ports, sagaInput);

    // Assess
    expect(first).toEqual({ batchCount: 3 });
    expect(again).toEqual({ batchCount: 3 });
    expect(exports.job).toMatchObject({ status: 'running', startedAt: now });
    expect(ports.counters.counted).toEqual({ ExportsStarted: 1 });
  });

  it('refuses to run a job the sweeper failed before it started', async () => {
    // Prepare
    const exports = exportRecords(job({ status: 'failed', failure: { reason: 'never started' } }));

    // Act
    const run = prepareExport({ exports, clock: fixedClock(), counters: counting() }, sagaInput);

    // Assess
    await expect(run).rejects.toEqual(new ExportNoLongerQueued('never started'));
  });

  it('names a job that does not exist', async () => {
    // Prepare
    const exports = exportRecords(job());
    exports.job = undefined;

    // Act
    const run = prepareExport({ exports, clock: fixedClock(), counters: counting() }, sagaInput);

    // Assess
    await expect(run).rejects.toBeInstanceOf(ExportJobMissing);
  });
});

describe('finalizeExport', () => {
  it('succeeds the job once, and a retry finds it finished and counts nothing again', async () => {
    // Prepare
    const exports = exportRecords(job());
    const ports = { exports, clock: fixedClock(now), counters: counting() };

    // Act
    const first = await finalizeExport(ports, sagaInput);
    const again = await finalizeExport(ports, sagaInput);

    // Assess
    expect([first, again]).toEqual([{ succeeded: true }, { succeeded: false }]);
    expect(exports.job).toMatchObject({ status: 'succeeded', finishedAt: now });
    expect(exports.finishExportJob).toHaveBeenCalledWith(
      expect.objectContaining({ id: exportId }),
      ['running', 'queued'],
      {
        status: 'succeeded',
        finishedAt: now,
      },
    );
    expect(ports.counters.counted).toEqual({ ExportsSucceeded: 1 });
  });
});

describe('the calls a step made, added to the day’s count (Uniconta’s daily allowance)', () => {
  /** An adapter that counts its calls: 2 per draft, told once. */
  const countingCalls = (accounting: ReturnType<typeof accountingSystem>) => {
    let untold = 0;
    const createDraft = accounting.createDraft.getMockImplementation()!;
    accounting.createDraft.mockImplementation(async (order) => {
      untold += 2;
      return createDraft(order);
    });
    Object.assign(accounting, {
      system: 'uniconta',
      callsNotYetCounted: () => {
        const told = untold;
        untold = 0;
        return told;
      },
    });
  };

  it('adds a batch’s calls in one write, for the job’s integration and the Danish day', async () => {
    // Prepare
    const { ports, accounting } = batchWorld();
    countingCalls(accounting);

    // Act
    await runExportBatch(ports, { ...sagaInput, batch: 0 });

    // Assess
    expect(ports.accountingCalls.addAccountingCalls).toHaveBeenCalledExactlyOnceWith(
      { kind: 'reseller', reseller: resellerId },
      'uniconta',
      '2026-11-15',
      4,
    );
  });

  it('adds the calls of a batch that failed part way too: Uniconta counted them', async () => {
    // Prepare: A's draft is made, B's is refused
    const { ports, accounting } = batchWorld();
    countingCalls(accounting);
    const createDraft = accounting.createDraft.getMockImplementation()!;
    accounting.createDraft.mockImplementation(async (order) => {
      const draft = await createDraft(order);
      if (order.reference === draftReference(exportId, invoiceB)) throw new AccountingRejected('no', 400);
      return draft;
    });

    // Act
    const failed = runExportBatch(ports, { ...sagaInput, batch: 0 });

    // Assess
    await expect(failed).rejects.toBeInstanceOf(AccountingRejected);
    expect(ports.accountingCalls.addAccountingCalls).toHaveBeenCalledExactlyOnceWith(
      { kind: 'reseller', reseller: resellerId },
      'uniconta',
      '2026-11-15',
      4,
    );
  });

  it('does not fail a batch whose drafts are made when the count cannot be written: the metric says how many calls went uncounted', async () => {
    // Prepare
    const { ports, accounting } = batchWorld();
    countingCalls(accounting);
    ports.accountingCalls.addAccountingCalls.mockRejectedValue(new Error('DynamoDB is down'));

    // Act
    const result = await runExportBatch(ports, { ...sagaInput, batch: 0 });

    // Assess
    expect(result).toEqual({ created: 2 });
    expect(ports.counters.counted).toEqual({ DraftsCreated: 2, AccountingCallsNotCounted: 4 });
  });

  it('writes nothing for an adapter that does not count calls (e-conomic)', async () => {
    // Prepare
    const { ports } = batchWorld();

    // Act
    await runExportBatch(ports, { ...sagaInput, batch: 0 });

    // Assess
    expect(ports.accountingCalls.addAccountingCalls).not.toHaveBeenCalled();
  });
});
