import { describe, expect, it, vi } from 'vitest';
import { invoicesShown, notifyExport } from '#app/exports/notify-export';
import { readExport } from '#app/exports/read-export';
import { startExport } from '#app/exports/start-export';
import { maxRequeues, neverStartedReason, sweepQueuedExports } from '#app/exports/sweep-queued-exports';
import type { Notification } from '#app/ports/mailer';
import type { ExportableInvoiceHeader } from '#app/ports/store';
import type { Caller } from '#domain/caller';
import type { Customer } from '#domain/customer';
import type { ExportJob } from '#domain/export-job';
import { Refusal } from '#domain/refusal';
import {
  counting,
  exportId,
  exportRecords,
  fixedClock,
  job,
  otherResellerId,
  reseller,
  resellerId,
  sagaInput,
  silentLog,
} from '../fakes.ts';

const now = '2026-11-15T10:00:00.000Z';

describe('notifyExport', () => {
  const world = (
    overrides: Partial<ExportJob> = {},
    finance: { accountingEmail?: string } = { accountingEmail: 'books@telco.example' },
  ) => {
    const exports = exportRecords(job({ status: 'succeeded', ...overrides }));
    const headers: ExportableInvoiceHeader[] = [];
    const ports = {
      exports,
      resellers: { getReseller: vi.fn(async () => reseller({ finance })) },
      invoices: { invoiceHeadersInPeriod: vi.fn(async () => headers) },
      customers: {
        getCustomers: vi.fn(
          async (_reseller: string, ids: readonly string[]) =>
            new Map(ids.map((id) => [id, { id, name: `Kunde <${id}> & Co` } as Customer])),
        ),
      },
      mailer: {
        send: vi.fn(
          async ({ to }: { to: readonly (string | undefined)[] }) => to.filter(Boolean) as string[],
        ),
      },
      clock: fixedClock(now),
      log: silentLog(),
      counters: counting(),
    };
    /** An exported invoice: its header in the export's month, its ledger entry. */
    const exported = (id: string, customer: string, total: number, draftNumber: string, wholesale = 0) => {
      headers.push({
        id,
        customer,
        invoiceNumber: '-1',
        totals: { total, subTotalWholesale: wholesale, vatWholesale: wholesale / 4 },
      } as unknown as ExportableInvoiceHeader);
      exports.ledger.set(id, {
        invoice: id,
        reference: `FK-${exportId}-${id}`,
        state: 'created',
        draftNumber,
        at: now,
      });
    };
    return { exports, ports, exported };
  };

  it('e-mails the asker and the accounting contact once, in the reseller’s language', async () => {
    // Prepare
    const { exports, ports } = world();

    // Act
    const first = await notifyExport(ports, sagaInput);
    const again = await notifyExport(ports, sagaInput);

    // Assess
    expect(first).toEqual({ sentTo: ['asker@telco.example', 'books@telco.example'] });
    expect(again).toEqual({ sentTo: [] });
    expect(ports.mailer.send).toHaveBeenCalledExactlyOnceWith({
      to: ['asker@telco.example', 'books@telco.example'],
      subject: expect.stringContaining('e-conomic'),
      text: expect.any(String),
      html: expect.stringContaining('<!DOCTYPE html>'),
    });
    expect(exports.job?.notifiedAt).toBe(now);
    expect(ports.counters.counted).toEqual({ ExportNotificationsSent: 1 });
  });

  it('shows each invoice in the HTML part: customer, number, amount, draft, outcome, and the exact total', async () => {
    // Prepare
    const { ports, exported } = world();
    exported('i2', 'c-b', 100.1, '12');
    exported('i1', 'c-a', 200.2, '11');

    // Act
    await notifyExport(ports, sagaInput);

    // Assess
    const [mail] = ports.mailer.send.mock.calls[0]!;
    const html = (mail as unknown as { html: string }).html;
    const rows = [...html.matchAll(/<tr>(.*?)<\/tr>/gs)].map(([, row]) =>
      [...row!.matchAll(/>([^<]*)<\/t[dh]>/g)].map(([, text]) => text),
    );
    expect(rows).toEqual([
      ['Kunde', 'Faktura', 'Beløb inkl. moms', 'Kladdeordre', 'Udfald'],
      ['Kunde &lt;c-a&gt; &amp; Co', 'afventer bogføring', '200,20 kr.', '11', 'Oprettet'],
      ['Kunde &lt;c-b&gt; &amp; Co', 'afventer bogføring', '100,10 kr.', '12', 'Oprettet'],
      ['I alt', '', '300,30 kr.', '', ''],
    ]);
    expect(ports.invoices.invoiceHeadersInPeriod).toHaveBeenCalledExactlyOnceWith(
      resellerId,
      expect.any(String),
      expect.any(String),
    );
  });

  it('shows the first invoices of a long export, says how many more, and totals them all; at wholesale in adminMode', async () => {
    // Prepare
    const { ports, exported } = world({ options: { ...job().options, adminMode: true } });
    for (let index = 0; index < invoicesShown + 5; index += 1)
      exported(`i${String(index).padStart(3, '0')}`, 'c-a', 1000, String(index), 8);

    // Act
    await notifyExport(ports, sagaInput);

    // Assess: 205 invoices at wholesale 8 + 2 VAT
    const html = (ports.mailer.send.mock.calls[0]![0] as unknown as { html: string }).html;
    expect(html.match(/>10,00 kr\.</g)).toHaveLength(invoicesShown);
    expect(html).toContain('>2.050,00 kr.<');
    // Mustache escapes `/` too (&#x2F;): shown as typed by every mail client
    expect(html.replaceAll('&#x2F;', '/')).toContain(
      `Og 5 fakturaer mere; hele listen: GET /integration/exports/${exportId}.`,
    );
    expect(ports.customers.getCustomers).toHaveBeenCalledExactlyOnceWith(resellerId, ['c-a']);
  });

  it('tells an English reseller of a failed export why, and which drafts were deleted again, in both parts', async () => {
    // Prepare
    const { exports, ports, exported } = world({
      status: 'failed',
      failure: { reason: 'Product <X> was refused', invoice: 'i1' },
      compensation: { deleted: 1, alreadyGone: 0 },
    });
    ports.resellers.getReseller.mockResolvedValue(reseller({ language: 'en' }));
    exported('i1', 'c-a', 200.2, '11');
    exports.ledger.set('i1', { ...exports.ledger.get('i1')!, state: 'deleted' });

    // Act
    await notifyExport(ports, sagaInput);

    // Assess
    const [mail] = ports.mailer.send.mock.calls[0]! as unknown as [Notification];
    expect(mail.subject).toMatch(/^Faktura: the export to e-conomic \(\d{4}-\d{2}\) failed$/);
    expect(mail.text).toContain('failed: Product <X> was refused (invoice i1).');
    expect(mail.text).toContain('- Kunde <c-a> & Co | when booked | DKK 200.20 | 11 | Deleted again');
    expect(mail.html).toContain('failed: Product &lt;X&gt; was refused (invoice i1).');
    expect(mail.html).toContain(
      '>Kunde &lt;c-a&gt; &amp; Co</td><td style="padding:6px 10px;border-bottom:1px solid #e2e2e2;text-align:left;">when booked</td>',
    );
    expect(mail.html).toContain('>Deleted again</td>');
  });

  it('sends nothing when nobody has an address, and says so', async () => {
    // Prepare
    const { ports } = world({ requestedBy: { userId: 'faktura:monthly-close' } }, {});

    // Act
    const result = await notifyExport(ports, sagaInput);

    // Assess
    expect(result).toEqual({ sentTo: [] });
    expect(ports.mailer.send).not.toHaveBeenCalled();
    expect(ports.log.warn).toHaveBeenCalledWith('Nobody to tell how the export went', { exportId });
  });
});

describe('readExport', () => {
  const record = { job: job({ requeued: 1, requeuedAt: now }), ledger: [], batchCount: 1 };
  const exports = () => ({
    findExportTenant: vi.fn(async () => resellerId),
    getExport: vi.fn(async (tenant: string) => (tenant === resellerId ? record : undefined)),
  });

  it('finds an ADMIN’s export by id, and shows its drafts and requeues', async () => {
    // Prepare
    const store = exports();
    const admin: Caller = { userId: 'a', role: 'ADMIN' };

    // Act
    const view = await readExport({ exports: store }, { caller: admin, exportId });

    // Assess
    expect(store.findExportTenant).toHaveBeenCalledWith(exportId);
    expect(view).toMatchObject({
      exportId,
      drafts: { created: 0, deleted: 0 },
      requeued: 1,
      requeuedAt: now,
    });
  });

  it('answers 404 for another reseller’s export, without looking it up by id', async () => {
    // Prepare
    const store = exports();
    const stranger: Caller = { userId: 'r', role: 'RESELLER', reseller: otherResellerId };

    // Act
    const read = readExport({ exports: store }, { caller: stranger, exportId });

    // Assess
    await expect(read).rejects.toEqual(new Refusal(404, 'not_found', 'Not found'));
    expect(store.findExportTenant).not.toHaveBeenCalled();
    expect(store.getExport).toHaveBeenCalledWith(otherResellerId, exportId);
  });
});

describe('startExport', () => {
  it('starts the export’s one execution, named after it; a redelivery starts nothing', async () => {
    // Prepare
    const executions = {
      start: vi.fn().mockResolvedValueOnce({ executionArn: 'arn', started: true }).mockResolvedValueOnce({
        executionArn: 'arn',
        started: false,
      }),
    };
    const log = silentLog();

    // Act
    const first = await startExport({ executions, log }, sagaInput);
    const redelivered = await startExport({ executions, log }, sagaInput);

    // Assess
    expect(first).toEqual({ started: true });
    expect(redelivered).toEqual({ started: false });
    expect(executions.start).toHaveBeenCalledWith('export', exportId, sagaInput);
    expect(log.info).toHaveBeenCalledTimes(1);
  });
});

describe('sweepQueuedExports', () => {
  const world = (jobs: ExportJob[]) => {
    const ports = {
      exports: {
        queuedExportsWaitingSince: vi.fn(async () => jobs),
        recordExportRequeue: vi.fn(async () => true),
        finishExportJob: vi.fn(async () => true),
      },
      queue: { sendExportRequest: vi.fn(async () => {}) },
      clock: fixedClock(now),
      log: silentLog(),
      counters: counting(),
    };
    return ports;
  };

  it('queues a waiting job again, counting the send before it is made', async () => {
    // Prepare
    const waiting = job({ status: 'queued', requeued: 1 });
    const ports = world([waiting]);

    // Act
    const result = await sweepQueuedExports(ports, { startWithinSeconds: 60 });

    // Assess
    expect(result).toEqual({ requeued: 1, failed: 0 });
    expect(ports.exports.queuedExportsWaitingSince).toHaveBeenCalledWith('2026-11-15T09:59:00.000Z', 100);
    expect(ports.exports.recordExportRequeue).toHaveBeenCalledWith(waiting, now);
    expect(ports.queue.sendExportRequest).toHaveBeenCalledWith(waiting, 2);
    expect(ports.exports.recordExportRequeue.mock.invocationCallOrder[0]).toBeLessThan(
      ports.queue.sendExportRequest.mock.invocationCallOrder[0]!,
    );
  });

  it('fails a job queued too often and frees its month; a job another sweep took is left alone', async () => {
    // Prepare
    const tooOften = job({ status: 'queued', requeued: maxRequeues });
    const taken = job({ id: 'other', status: 'queued' });
    const ports = world([tooOften, taken]);
    ports.exports.recordExportRequeue.mockResolvedValue(false);

    // Act
    const result = await sweepQueuedExports(ports, undefined);

    // Assess
    expect(result).toEqual({ requeued: 0, failed: 1 });
    expect(ports.exports.finishExportJob).toHaveBeenCalledExactlyOnceWith(tooOften, ['queued'], {
      status: 'failed',
      failure: { reason: neverStartedReason(maxRequeues) },
      finishedAt: now,
    });
    expect(ports.queue.sendExportRequest).not.toHaveBeenCalled();
    expect(ports.counters.counted).toEqual({ ExportsRequeued: 0, ExportsNeverStarted: 1 });
  });

  it('sweeps every job it can and then throws for the ones it could not', async () => {
    // Prepare
    const ports = world([job({ status: 'queued' }), job({ id: 'second', status: 'queued' })]);
    ports.queue.sendExportRequest.mockRejectedValueOnce(new Error('SQS is down'));

    // Act
    const sweep = sweepQueuedExports(ports, undefined);

    // Assess
    await expect(sweep).rejects.toThrow('1 waiting export(s) could not be swept');
    expect(ports.queue.sendExportRequest).toHaveBeenCalledTimes(2);
  });
});
