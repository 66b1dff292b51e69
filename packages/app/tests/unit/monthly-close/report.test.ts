import { describe, expect, it, vi } from 'vitest';
import type { Mailer, Notification } from '#app/ports/mailer';
import type { CloseOutcome } from '#app/ports/store';
import { refusedExportReport } from '#domain/monthly-close/refused-export-report';
import type { Reseller } from '#domain/reseller';
import type { CloseStore, ResellerLookup } from '../../../src/monthly-close/ports.ts';
import { reportClose } from '../../../src/monthly-close/report.ts';

const run = 'close-2026-10-20261101T010000Z';
const at = '2026-11-01T03:00:00.000Z';
const told = 'r00000000000000000000001';
const fine = 'r00000000000000000000002';
const unknown = 'r00000000000000000000003';
const refused = { key: 'multiple', description: '2 problems', details: ['a: b', 'c: d'] };

const outcome = (reseller: string, more: Partial<CloseOutcome> = {}): CloseOutcome => ({
  month: '2026-10',
  run,
  reseller,
  exports: [],
  recordedAt: '2026-11-01T02:00:00.000Z',
  ...more,
});

const accounting: Reseller = {
  id: told,
  name: 'Telco',
  email: 'staff@telco.dk',
  language: 'en',
  finance: { accountingEmail: 'books@telco.dk' },
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

const reportPorts = (outcomes: CloseOutcome[]) => {
  const closes: CloseStore = {
    listCloseOutcomes: vi.fn(async () => outcomes),
    markRefusalsNotified: vi.fn(async () => true),
  };
  const resellers: ResellerLookup = {
    getReseller: vi.fn(async (id: string) => (id === told ? accounting : undefined)),
  };
  const mailer: Mailer = {
    send: vi.fn(async ({ to }: Notification) => to.filter((each): each is string => each !== undefined)),
  };
  return {
    closes,
    resellers,
    mailer,
    clock: { now: () => new Date(at) },
    log: { info: vi.fn(), warn: vi.fn(), error: vi.fn() },
  };
};

describe('reportClose', () => {
  it('sums the run over its resellers and counts every failure', async () => {
    // Prepare
    const ports = reportPorts([
      outcome(fine, {
        tally: { created: 3, existed: 1, nothingBilled: 2, failed: 0, failures: [] },
        exports: [{ system: 'economic', status: 'queued', exportId: 'e1', exported: 3 }],
      }),
      outcome(unknown, {
        tally: {
          created: 1,
          existed: 0,
          nothingBilled: 0,
          failed: 1,
          failures: [{ customer: 'c', reason: 'r' }],
        },
      }),
      outcome(told, { error: 'States.Timeout' }),
    ]);

    // Act
    const report = await reportClose(ports, { month: '2026-10', run });

    // Assess
    expect(ports.closes.listCloseOutcomes).toHaveBeenCalledExactlyOnceWith('2026-10', run);
    expect(report.summary).toEqual({
      month: '2026-10',
      run,
      resellers: 3,
      invoicesCreated: 4,
      invoicesExisted: 1,
      customersFailed: 1,
      resellersFailed: 1,
      exportsQueued: 1,
      exportsRefused: 0,
      refusalMailsSent: 0,
      refusalMailsFailed: 0,
      failures: 2,
    });
    expect(report.resellers).toEqual([
      {
        reseller: fine,
        created: 3,
        existed: 1,
        nothingBilled: 2,
        failed: 0,
        failures: [],
        exports: [{ system: 'economic', status: 'queued', exportId: 'e1', exported: 3 }],
      },
      {
        reseller: unknown,
        created: 1,
        existed: 0,
        nothingBilled: 0,
        failed: 1,
        failures: [{ customer: 'c', reason: 'r' }],
        exports: [],
      },
      {
        reseller: told,
        created: 0,
        existed: 0,
        nothingBilled: 0,
        failed: 0,
        failures: [],
        exports: [],
        error: 'States.Timeout',
      },
    ]);
    expect(ports.mailer.send).not.toHaveBeenCalled();
  });

  it('e-mails the accounting contact each refused automatic export, and records that it did', async () => {
    // Prepare
    const ports = reportPorts([
      outcome(told, {
        exports: [
          { system: 'economic', status: 'refused', problem: refused },
          { system: 'uniconta', status: 'queued', exportId: 'e2', exported: 1 },
        ],
      }),
    ]);

    // Act
    const report = await reportClose(ports, { month: '2026-10', run });

    // Assess
    const mail = refusedExportReport(
      { system: 'economic', month: '2026-10', invoiceDate: '2026-11-01', problem: refused },
      { name: 'Telco', language: 'en' },
      run,
    );
    expect(ports.mailer.send).toHaveBeenCalledExactlyOnceWith({ to: ['books@telco.dk'], ...mail });
    expect(ports.closes.markRefusalsNotified).toHaveBeenCalledExactlyOnceWith(
      expect.objectContaining({ month: '2026-10', run, reseller: told }),
      at,
    );
    expect(report.summary).toMatchObject({
      exportsRefused: 1,
      refusalMailsSent: 1,
      refusalMailsFailed: 0,
      failures: 1,
    });
  });

  it('tells nobody again about refusals an earlier attempt of the step already told', async () => {
    // Prepare
    const ports = reportPorts([
      outcome(told, {
        exports: [{ system: 'economic', status: 'refused', problem: refused }],
        refusalsNotifiedAt: '2026-11-01T02:30:00.000Z',
      }),
    ]);

    // Act
    const report = await reportClose(ports, { month: '2026-10', run });

    // Assess
    expect(ports.mailer.send).not.toHaveBeenCalled();
    expect(ports.closes.markRefusalsNotified).not.toHaveBeenCalled();
    expect(report.summary).toMatchObject({ exportsRefused: 1, refusalMailsSent: 0, refusalMailsFailed: 0 });
  });

  it('warns when a reseller has nobody to tell, and counts a mail that fails without stopping the others', async () => {
    // Prepare: an unknown reseller, and a mailer that fails once
    const ports = reportPorts([
      outcome(unknown, { exports: [{ system: 'uniconta', status: 'refused', problem: refused }] }),
      outcome(told, { exports: [{ system: 'uniconta', status: 'refused', problem: refused }] }),
    ]);
    const outage = new Error('SES is down');
    vi.mocked(ports.mailer.send).mockRejectedValueOnce(outage);

    // Act
    const report = await reportClose(ports, { month: '2026-10', run });

    // Assess
    expect(ports.log.warn).toHaveBeenCalledExactlyOnceWith(
      'Nobody to tell that the automatic export was refused',
      {
        reseller: unknown,
      },
    );
    expect(ports.log.error).toHaveBeenCalledExactlyOnceWith('Could not e-mail the refused automatic export', {
      reseller: told,
      month: '2026-10',
      error: outage,
    });
    expect(ports.closes.markRefusalsNotified).not.toHaveBeenCalled();
    expect(report.summary).toMatchObject({ exportsRefused: 2, refusalMailsSent: 0, refusalMailsFailed: 1 });
  });
});
