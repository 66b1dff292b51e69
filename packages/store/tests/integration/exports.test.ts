import { beforeAll, describe, expect, it } from 'vitest';
import type { ExportJob } from '#domain/export-job';
import { newId } from '#domain/ids';
import { exportJob as jobOf } from '../../../domain/tests/unit/export-job-fixture.ts';
import { exportRepository } from '../../src/exports.ts';
import { testStackDb } from '../support/test-stack.ts';

/**
 * The end of an export job against DynamoDB Local (the global setup's stack): the job's status and
 * its month's lock change in one write, so that whoever reads the job as finished can start the
 * month's next export at once.
 */
type Store = ReturnType<typeof exportRepository>;

/** A running export of a tenant of its own, created now (so its month's lock is live). */
const exportJob = (overrides: Partial<ExportJob> = {}): ExportJob =>
  jobOf({
    id: newId(),
    reseller: newId(),
    status: 'running',
    createdAt: new Date().toISOString(),
    ...overrides,
  });

describe('finishExportJob', () => {
  let store: Store;

  beforeAll(async () => {
    store = exportRepository(testStackDb());
  });

  const started = async (overrides: Partial<ExportJob> = {}) => {
    const job = exportJob(overrides);
    await store.createExportJob(job, [['invoice-1']]);
    return job;
  };

  it('ends the job and frees its month in the same write', async () => {
    // Prepare
    const job = await started();

    // Act
    const finished = await store.finishExportJob(job, ['running'], {
      status: 'succeeded',
      finishedAt: '2026-11-21T10:00:00.000Z',
    });
    const next = store.createExportJob(exportJob({ reseller: job.reseller }), [['invoice-2']]);

    // Assess
    expect(finished).toBe(true);
    expect(await store.getExportJob(job.reseller, job.id)).toMatchObject({
      status: 'succeeded',
      finishedAt: '2026-11-21T10:00:00.000Z',
    });
    await expect(next).resolves.toBeUndefined();
  });

  it('changes nothing when a retried step finishes the job again, and leaves the month free', async () => {
    // Prepare
    const job = await started();
    await store.finishExportJob(job, ['running'], {
      status: 'succeeded',
      finishedAt: '2026-11-21T10:00:00.000Z',
    });

    // Act
    const again = await store.finishExportJob(job, ['running'], {
      status: 'succeeded',
      finishedAt: '2026-11-21T11:00:00.000Z',
    });

    // Assess
    expect(again).toBe(false);
    expect((await store.getExportJob(job.reseller, job.id))?.finishedAt).toBe('2026-11-21T10:00:00.000Z');
    await expect(
      store.createExportJob(exportJob({ reseller: job.reseller }), [['x']]),
    ).resolves.toBeUndefined();
  });

  it('ends a job that outlived its lock without freeing the month another export holds now', async () => {
    // Prepare: the job's lock expired and a later export of the month took it
    const job = await started({ createdAt: new Date(Date.now() - 25 * 3600 * 1000).toISOString() });
    const later = await started({ reseller: job.reseller });

    // Act
    const finished = await store.finishExportJob(job, ['running'], { status: 'failed' });
    const third = await store
      .createExportJob(exportJob({ reseller: job.reseller }), [['y']])
      .catch((error) => error);

    // Assess
    expect(finished).toBe(true);
    expect((await store.getExportJob(job.reseller, job.id))?.status).toBe('failed');
    expect(third).toMatchObject({ name: 'ExportAlreadyRunning', runningExport: later.id });
  });

  it('locks a month per books and document: the same document waits, the other document and the other books go', async () => {
    // Prepare: the invoice proper of the month is being exported into the reseller's books
    const running = await started();
    const withOptions = (options: Partial<ExportJob['options']>) =>
      exportJob({ reseller: running.reseller, options: { ...running.options, ...options } });

    // Act
    const sameDocument = await store.createExportJob(withOptions({}), [['a']]).catch((error) => error);
    const licences = store.createExportJob(withOptions({ externalLicenses: true }), [['a']]);
    const platform = store.createExportJob(withOptions({ adminMode: true }), [['a']]);

    // Assess
    expect(sameDocument).toMatchObject({ name: 'ExportAlreadyRunning', runningExport: running.id });
    await expect(licences).resolves.toBeUndefined();
    await expect(platform).resolves.toBeUndefined();
  });
});
