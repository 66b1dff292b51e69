/**
 * GET /integration/exports/{exportId}: where an export stands — queued, running, succeeded, or
 * failed and compensated — with its counts, each invoice's draft and the reason for a failure.
 */
import * as z from 'zod';
import { objectId } from '#api/common';
import { notFound } from '#lambda/errors';
import { httpHandler } from '#lambda/http-handler';
import { exportStore } from '#wiring/store';

export const exportDocument = z.object({
  exportId: z.string(),
  reseller: z.string(),
  system: z.enum(['economic', 'uniconta']),
  status: z.enum(['queued', 'running', 'succeeded', 'compensating', 'failed']),
  options: z.record(z.string(), z.unknown()),
  total: z.number().int(),
  exported: z.number().int(),
  drafts: z.object({
    created: z.number().int().describe('Drafts that exist in the accounting system now'),
    deleted: z.number().int().describe('Drafts deleted again by the compensation'),
  }),
  invoices: z.array(
    z.object({
      invoice: z.string(),
      state: z.enum(['creating', 'created', 'deleted', 'already-gone']),
      draftNumber: z.string().optional(),
      at: z.string(),
    }),
  ),
  failure: z.object({ reason: z.string(), invoice: z.string().optional() }).optional(),
  requestedBy: z.object({ userId: z.string(), email: z.string().optional() }),
  createdAt: z.string(),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  requeued: z
    .number()
    .int()
    .optional()
    .describe('How often the export was queued again because it had not started (absent: never)'),
  requeuedAt: z.string().optional(),
});

export const handler = httpHandler({
  access: ['ADMIN', 'RESELLER'],
  docs: {
    summary: 'Read an export job',
    responses: {
      200: { description: 'The job and each invoice’s draft', schema: exportDocument },
      404: { description: '`not_found`' },
    },
  },
  path: z.object({ exportId: objectId('Id not found in request URI: expected a 24-character hex id') }),
  handle: async ({ caller, path }) => {
    const reseller =
      caller.role === 'ADMIN' ? await exportStore.findExportTenant(path.exportId) : caller.reseller;
    const record = reseller ? await exportStore.getExport(reseller, path.exportId) : undefined;
    if (!record) throw notFound();
    const { job, ledger } = record;
    return {
      status: 200,
      json: {
        exportId: job.id,
        reseller: job.reseller,
        system: job.system,
        status: job.status,
        options: job.options,
        total: job.total,
        exported: job.exported,
        drafts: {
          created: ledger.filter((entry) => entry.state === 'created').length,
          deleted: ledger.filter((entry) => entry.state === 'deleted').length,
        },
        invoices: ledger.map(({ invoice, state, draftNumber, at }) => ({
          invoice,
          state,
          ...(draftNumber ? { draftNumber } : {}),
          at,
        })),
        ...(job.failure ? { failure: job.failure } : {}),
        requestedBy: job.requestedBy,
        createdAt: job.createdAt,
        ...(job.startedAt ? { startedAt: job.startedAt } : {}),
        ...(job.finishedAt ? { finishedAt: job.finishedAt } : {}),
        ...(job.requeued ? { requeued: job.requeued, requeuedAt: job.requeuedAt } : {}),
      },
    };
  },
});
