import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { newId } from '#domain/ids';
import { createLambdaContext } from '#local/services/context';
import { sentMail } from './support/accounting.ts';
import { createTenant } from './support/fixtures.ts';
import { useTestStackInProcess } from './support/in-process.ts';

/**
 * The close's report, as the person on call reads it: one structured log line with what the run
 * did per reseller, and the metrics the dashboard and the alarm stand on; and as a finance person
 * reads it: an e-mail when the automatic export was refused. The handler runs in this process
 * against the test stack's DynamoDB and SES, with logs and metrics on (the tests keep them off).
 */
type Handler = (event: unknown, context: unknown) => Promise<Record<string, number | string>>;
type Store = typeof import('#wiring/store');

describe('monthly close report', () => {
  let handler: Handler;
  let store: Store;
  let written: string[];

  beforeAll(async () => {
    useTestStackInProcess({ POWERTOOLS_LOG_LEVEL: 'INFO', POWERTOOLS_METRICS_DISABLED: 'false' });
    store = await import('#wiring/store');
    ({ handler } = (await import('../../functions/monthly-close/report.ts')) as unknown as {
      handler: Handler;
    });
  });

  afterEach(() => vi.restoreAllMocks());

  const outputLines = () =>
    written.flatMap((chunk) => chunk.split('\n')).filter((line) => line.startsWith('{'));

  it('logs one line with each reseller’s outcome, emits the totals as metrics, and counts every failure', async () => {
    // Prepare: two resellers of one run; one had a failed customer and a refused automatic export
    const run = `close-2026-10-test-${newId()}`;
    const [good, bad] = [newId(), newId()];
    const recordedAt = new Date().toISOString();
    await store.closeStore.putCloseOutcome({
      month: '2026-10',
      run,
      reseller: good,
      tally: { created: 3, existed: 1, nothingBilled: 2, failed: 0, failures: [] },
      exports: [{ system: 'economic', status: 'queued', exportId: newId(), exported: 4 }],
      recordedAt,
    });
    await store.closeStore.putCloseOutcome({
      month: '2026-10',
      run,
      reseller: bad,
      tally: {
        created: 1,
        existed: 0,
        nothingBilled: 0,
        failed: 1,
        failures: [{ customer: 'c', reason: 'r' }],
      },
      exports: [{ system: 'uniconta', status: 'refused', problem: { key: 'multiple', description: 'd' } }],
      recordedAt,
    });
    written = [];
    // Powertools writes INFO and metrics to stdout, WARN and ERROR to stderr.
    for (const stream of [process.stdout, process.stderr]) {
      vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
        written.push(String(chunk));
        return true;
      });
    }

    // Act
    const summary = await handler(
      { month: '2026-10', run },
      createLambdaContext({ functionName: 'monthly-close-report', timeoutSeconds: 60 }),
    );

    // Assess: the answer the state machine's Outcome choice reads
    expect(summary).toEqual({
      month: '2026-10',
      run,
      resellers: 2,
      invoicesCreated: 4,
      invoicesExisted: 1,
      customersFailed: 1,
      resellersFailed: 0,
      exportsQueued: 1,
      exportsRefused: 1,
      // The refused reseller is not one the stack knows: nobody to e-mail.
      refusalMailsSent: 0,
      refusalMailsFailed: 0,
      failures: 2,
    });
    // Assess: the log line, at ERROR since something failed
    const line = outputLines()
      .map((text) => JSON.parse(text))
      .find((entry) => entry.message === 'Monthly close finished');
    expect(line).toMatchObject({ level: 'ERROR', monthlyClose: summary });
    expect(line.resellers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ reseller: good, created: 3, existed: 1, nothingBilled: 2, failed: 0 }),
        expect.objectContaining({
          reseller: bad,
          created: 1,
          failed: 1,
          failures: [{ customer: 'c', reason: 'r' }],
        }),
      ]),
    );
    // Assess: the metrics (CloudWatch embedded metric format)
    const emf = outputLines()
      .map((text) => JSON.parse(text))
      .find((entry) => entry._aws?.CloudWatchMetrics);
    expect(emf).toMatchObject({
      MonthlyCloseInvoicesCreated: 4,
      MonthlyCloseFailures: 2,
      MonthlyCloseExportsQueued: 1,
      _aws: { CloudWatchMetrics: [expect.objectContaining({ Namespace: 'Faktura' })] },
    });
  });

  it('e-mails the accounting contact each refused automatic export with every problem, once however often it runs', async () => {
    // Prepare: an English reseller whose exports to both systems were refused…
    const tenant = await createTenant('Refused', { language: 'en' });
    const run = `close-2026-10-test-${newId()}`;
    await store.closeStore.putCloseOutcome({
      month: '2026-10',
      run,
      reseller: tenant.reseller,
      tally: { created: 2, existed: 0, nothingBilled: 0, failed: 0, failures: [] },
      exports: [
        {
          system: 'economic',
          status: 'refused',
          problem: {
            key: 'multiple',
            description: '2 problem(s) must be fixed before these invoices can be exported',
            details: ['customer_accounting_id: no id', 'product_not_found: 4711'],
          },
        },
        { system: 'uniconta', status: 'refused', problem: { key: 'uniconta', description: 'not set up' } },
      ],
      recordedAt: new Date().toISOString(),
    });
    // …and two Danish resellers refused once each, told at the same time as the first
    const danes = [await createTenant('Refused DA'), await createTenant('Refused DA')];
    for (const dane of danes) {
      await store.closeStore.putCloseOutcome({
        month: '2026-10',
        run,
        reseller: dane.reseller,
        exports: [{ system: 'uniconta', status: 'refused', problem: { key: 'uniconta', description: 'x' } }],
        recordedAt: new Date().toISOString(),
      });
    }
    const context = createLambdaContext({ functionName: 'monthly-close-report', timeoutSeconds: 60 });
    vi.spyOn(process.stdout, 'write').mockReturnValue(true);
    vi.spyOn(process.stderr, 'write').mockReturnValue(true);
    const reseller = await store.resellerStore.getReseller(tenant.reseller);

    // Act: the step, and the step again as a retry would run it
    const first = await handler({ month: '2026-10', run }, context);
    const again = await handler({ month: '2026-10', run }, context);

    // Assess
    expect(first).toMatchObject({ exportsRefused: 4, refusalMailsSent: 4, refusalMailsFailed: 0 });
    expect(again).toMatchObject({ exportsRefused: 4, refusalMailsSent: 0, refusalMailsFailed: 0 });
    const all = (await sentMail()).filter((m) => m.text.includes(run));
    expect(all.filter((m) => m.subject.includes('blev ikke startet'))).toHaveLength(2);
    const mail = all.filter(
      (m) => m.to[0] === reseller?.finance.accountingEmail && m.text.startsWith('Hello'),
    );
    expect(mail.map((m) => m.subject).sort()).toEqual([
      'Faktura: the automatic export to Uniconta (2026-10) was not started',
      'Faktura: the automatic export to e-conomic (2026-10) was not started',
    ]);
    expect(mail.every((m) => m.to.length === 1 && m.to[0] === reseller?.finance.accountingEmail)).toBe(true);
    const economic = mail.find((m) => m.subject.includes('e-conomic'))!;
    expect(economic.text).toContain('- customer_accounting_id: no id\n- product_not_found: 4711\n');
    expect(economic.text).toContain('export the invoices dated 2026-11-01');
  });
});
