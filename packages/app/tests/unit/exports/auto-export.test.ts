import { describe, expect, it, vi } from 'vitest';
import { autoExports, monthlyCloseRequester } from '#app/exports/auto-export';
import { finishResellerClose } from '#app/exports/finish-reseller-close';
import { tellRefusedExports } from '#app/exports/tell-refused-exports';
import type { AccountingCustomer } from '#app/ports/accounting';
import { type CloseOutcome, ExportAlreadyRunning, type ExportableInvoiceHeader } from '#app/ports/store';
import type { Customer } from '#domain/customer';
import type { AccountingSystemName, IntegrationSettings } from '#domain/integration';
import { periodInvoiceId } from '#domain/monthly-close/period-invoice-id';
import { acceptingWorld, exportId, fixedClock, reseller, resellerId, silentLog } from '../fakes.ts';

const month = '2026-10';
const customerId = 'dddddddddddddddddddddddd';
const periodInvoice = periodInvoiceId(resellerId, customerId, month);
const now = '2026-11-01T02:00:00.000Z';

const header = (id: string, period: boolean) =>
  ({
    id,
    customer: customerId,
    period,
    productCodes: ['P1'],
    externalLicenseProductCodes: [],
    invoiceDate: '2026-10-31T23:00:00.000Z',
  }) as unknown as ExportableInvoiceHeader;

const settings = (system: AccountingSystemName, autoExport: boolean): IntegrationSettings => ({
  system,
  owner: { kind: 'reseller', reseller: resellerId },
  baseUrl: 'https://sim.example',
  defaultLayoutNumber: 1,
  autoExport,
  maskedCredentials: {},
  verifiedAt: now,
  updatedAt: now,
});

const world = (
  autoExporting: readonly AccountingSystemName[],
  products = ['P1'],
  terms: Pick<AccountingCustomer, 'paymentTerms'> & Pick<IntegrationSettings, 'defaultDaysOfCredit'> = {},
  draftTexts?: Parameters<typeof acceptingWorld>[0]['draftTexts'],
) => {
  const { paymentTerms, defaultDaysOfCredit } = terms;
  const { ports } = acceptingWorld({
    ...(draftTexts ? { draftTexts } : {}),
    headers: [header(periodInvoice, true), header('65f0000000000000000000e5', false)],
    customer: { id: customerId, name: 'Kunde', finance: { accountingSystemId: '100' } } as Customer,
    integration: (_owner, system) => ({
      ...settings(system, autoExporting.includes(system)),
      ...(defaultDaysOfCredit === undefined ? {} : { defaultDaysOfCredit }),
    }),
    masterData: {
      customers: new Map([
        ['100', { number: '100', name: 'Kunde', barred: false, ...(paymentTerms ? { paymentTerms } : {}) }],
      ]),
      products: new Map(products.map((code) => [code, { number: code, name: code, barred: false }])),
    },
  });
  return { ...ports, clock: fixedClock(now), closes: { putCloseOutcome: vi.fn(async () => {}) } };
};

describe('autoExports', () => {
  it('exports only the close’s own period invoices, for the systems that ask for it', async () => {
    // Prepare
    const ports = world(['uniconta']);

    // Act
    const outcomes = await autoExports(ports, { reseller: resellerId, month });

    // Assess
    expect(outcomes).toEqual([{ system: 'uniconta', status: 'queued', exportId, exported: 1 }]);
    expect(ports.exports.createExportJob).toHaveBeenCalledExactlyOnceWith(
      expect.objectContaining({
        system: 'uniconta',
        requestedBy: monthlyCloseRequester,
        options: expect.objectContaining({ invoiceDate: '2026-11-01' }),
        total: 2,
        exported: 1,
      }),
      [[periodInvoice]],
    );
    // Each system's settings are read once: the export uses the ones read to see autoExport.
    const owner = { kind: 'reseller', reseller: resellerId };
    expect(ports.integrations.getIntegration.mock.calls).toEqual([
      [owner, 'economic'],
      [owner, 'uniconta'],
    ]);
    expect(ports.credentials.loadCredentials).toHaveBeenCalledExactlyOnceWith(owner, 'uniconta');
  });

  it('records a Uniconta text over its field’s limit as a refusal naming it (uniconta.field), and starts nothing', async () => {
    // Prepare
    const ports = world(['uniconta'], ['P1'], {}, () => ({
      heading: 'Faktura 1',
      lines: [
        { productNumber: 'P1', description: 'x'.repeat(251), quantity: 1, unitNetPrice: 1, vatExempt: false },
      ],
    }));

    // Act
    const outcomes = await autoExports(ports, { reseller: resellerId, month });

    // Assess
    expect(outcomes).toEqual([
      {
        system: 'uniconta',
        status: 'refused',
        problem: expect.objectContaining({
          key: 'multiple',
          details: [
            `uniconta.field: Field lines[0].Text of invoice ${periodInvoice} (Kunde) cannot be sent to Uniconta: 251 characters, Uniconta takes at most 250`,
          ],
        }),
      },
    ]);
    expect(ports.exports.createExportJob).not.toHaveBeenCalled();
  });

  it('refuses an automatic Uniconta export over today’s remaining call allowance like one asked for, and the accounting contact is told the figures', async () => {
    // Prepare: 4,999 calls counted today (Danish day of the close's run); the period invoice needs 2, and the VAT tables 4
    const ports = world(['uniconta']);
    ports.accountingCalls.days.set(`${resellerId}#uniconta#2026-11-01`, 4_999);
    const allowance =
      "uniconta.allowance: The export needs 6 Uniconta calls, and 1 of today's allowance of 5,000 remain (4,999 used on 2026-11-01, Danish time); Uniconta's count starts again at midnight";
    const mailer = { send: vi.fn(async () => ['books@telco.example']) };

    // Act
    const outcomes = await autoExports(ports, { reseller: resellerId, month });
    await tellRefusedExports(
      {
        resellers: {
          getReseller: vi.fn(async () => reseller({ finance: { accountingEmail: 'books@telco.example' } })),
        },
        closes: { markRefusalsNotified: vi.fn(async () => true) },
        mailer,
        clock: fixedClock(now),
        log: silentLog(),
      },
      [{ month, run: 'run-1', reseller: resellerId, exports: outcomes, recordedAt: now }],
    );

    // Assess
    expect(outcomes).toEqual([
      {
        system: 'uniconta',
        status: 'refused',
        problem: expect.objectContaining({ key: 'multiple', details: [allowance] }),
      },
    ]);
    expect(ports.exports.createExportJob).not.toHaveBeenCalled();
    expect(mailer.send).toHaveBeenCalledExactlyOnceWith({
      to: ['books@telco.example'],
      subject: expect.any(String),
      text: expect.stringContaining(`- ${allowance}`),
      html: expect.stringContaining('<table'),
    });
  });

  it('records a refusal with every problem, and a running export as already running', async () => {
    // Prepare
    const ports = world(['economic', 'uniconta'], []);
    const running = world(['economic']);
    running.exports.createExportJob.mockRejectedValue(new ExportAlreadyRunning('x'));

    // Act
    const refused = await autoExports(ports, { reseller: resellerId, month });
    const alreadyRunning = await autoExports(running, { reseller: resellerId, month });

    // Assess
    expect(refused).toEqual(
      ['economic', 'uniconta'].map((system) => ({
        system,
        status: 'refused',
        problem: {
          key: 'multiple',
          description: '1 problem(s) must be fixed before these invoices can be exported',
          details: [
            `${system}.product: Product not found in ${system === 'economic' ? 'e-conomic' : 'Uniconta'} with product code: P1`,
          ],
        },
      })),
    );
    expect(alreadyRunning).toEqual([{ system: 'economic', status: 'already-running' }]);
  });

  it('refuses a period invoice without a due date for a customer on dueDate terms, unless the settings read give a default', async () => {
    // Prepare
    const paymentTerms = { number: 4, name: 'Forfaldsdato', type: 'dueDate' } as const;
    const without = world(['economic'], ['P1'], { paymentTerms });
    const withDefault = world(['economic'], ['P1'], { paymentTerms, defaultDaysOfCredit: 8 });

    // Act
    const refused = await autoExports(without, { reseller: resellerId, month });
    const queued = await autoExports(withDefault, { reseller: resellerId, month });

    // Assess
    expect(refused).toEqual([
      {
        system: 'economic',
        status: 'refused',
        problem: expect.objectContaining({
          details: [
            'economic.paymentTerms: Payment terms 4 "Forfaldsdato" (type dueDate) need a due date, and an invoice has none and no defaultDaysOfCredit is set on the e-conomic integration: Kunde',
          ],
        }),
      },
    ]);
    expect(queued).toEqual([{ system: 'economic', status: 'queued', exportId, exported: 1 }]);
  });

  it('lets an unexpected error fail the step', async () => {
    // Prepare
    const ports = world(['economic']);
    const broken = new Error('DynamoDB is down');
    ports.invoices.invoiceHeadersInPeriod.mockRejectedValue(broken);

    // Act
    const run = autoExports(ports, { reseller: resellerId, month });

    // Assess
    await expect(run).rejects.toBe(broken);
  });
});

describe('finishResellerClose', () => {
  it('records the outcome with the exports; a failed close exports nothing', async () => {
    // Prepare
    const ports = world(['economic']);

    // Act
    await finishResellerClose(ports, {
      month,
      run: 'run-1',
      reseller: resellerId,
      error: { Error: 'Boom', Cause: 'why' },
    });

    // Assess
    expect(ports.closes.putCloseOutcome).toHaveBeenCalledExactlyOnceWith({
      month,
      run: 'run-1',
      reseller: resellerId,
      exports: [],
      error: 'Boom: why',
      recordedAt: now,
    });
    expect(ports.integrations.getIntegration).not.toHaveBeenCalled();
  });
});

describe('tellRefusedExports', () => {
  const refused: CloseOutcome = {
    month,
    run: 'run-1',
    reseller: resellerId,
    exports: [
      { system: 'economic', status: 'refused', problem: { key: 'economic', description: 'not set up' } },
      { system: 'uniconta', status: 'queued', exportId },
    ],
    recordedAt: now,
  };

  const ports = (accountingEmail?: string) => ({
    resellers: {
      getReseller: vi.fn(async () => reseller({ finance: accountingEmail ? { accountingEmail } : {} })),
    },
    closes: { markRefusalsNotified: vi.fn(async () => true) },
    mailer: { send: vi.fn(async () => ['books@telco.example']) },
    clock: fixedClock(now),
    log: silentLog(),
  });

  it('e-mails the accounting contact once per refused system and records it told', async () => {
    // Prepare
    const given = ports('books@telco.example');

    // Act
    const tally = await tellRefusedExports(given, [
      refused,
      { ...refused, reseller: 'told', refusalsNotifiedAt: now },
    ]);

    // Assess
    expect(tally).toEqual({ sent: 1, failed: 0 });
    expect(given.mailer.send).toHaveBeenCalledExactlyOnceWith({
      to: ['books@telco.example'],
      subject: expect.any(String),
      text: expect.stringContaining('not set up'),
      html: expect.stringContaining('not set up'),
    });
    expect(given.closes.markRefusalsNotified).toHaveBeenCalledExactlyOnceWith(refused, now);
  });

  it('counts an e-mail that failed and goes on; tells nobody without an address', async () => {
    // Prepare
    const failing = ports('books@telco.example');
    failing.mailer.send.mockRejectedValue(new Error('SES is down'));
    const nobody = ports();

    // Act
    const failed = await tellRefusedExports(failing, [refused]);
    const untold = await tellRefusedExports(nobody, [refused]);

    // Assess
    expect(failed).toEqual({ sent: 0, failed: 1 });
    expect(failing.closes.markRefusalsNotified).not.toHaveBeenCalled();
    expect(untold).toEqual({ sent: 0, failed: 0 });
    expect(nobody.mailer.send).not.toHaveBeenCalled();
  });
});
