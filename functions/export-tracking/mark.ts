/**
 * POST /invoices/mark-as-exported (seed 004): a system confirms the invoices it has imported, at
 * most 10 a call, all or nothing. Marking again updates the time and keeps the history; the note
 * goes into the invoice's timeline. An invoice the caller may not see is a 404 for that item, and
 * then nothing in the call is marked.
 */
import * as z from 'zod';
import { objectId } from '#api/common';
import { maxExportSystems } from '#app/ports/store';
import { ApiError, notFound } from '#lambda/errors';
import { httpHandler } from '#lambda/http-handler';
import { directoryStore, exportSystemStore, invoiceStore, markStore } from '#wiring/store';
import { registerSystem, systemLimitReached } from './register.ts';
import { systemId } from './schemas.ts';

const body = z.strictObject({
  invoices: z
    .array(
      z.strictObject({
        invoice_id: objectId('invoice_id must be an invoice id'),
        system_id: systemId,
        note: z
          .string({ error: 'note must be text' })
          .max(1000, { error: 'note is at most 1000 characters' })
          .optional(),
      }),
      { error: 'invoices must be a list' },
    )
    .min(1, { error: 'invoices must hold 1 to 10 invoices' })
    .max(10, { error: 'At most 10 invoices can be marked at a time' }),
});

export const handler = httpHandler({
  access: ['ADMIN', 'RESELLER'],
  docs: {
    summary: 'Mark invoices as exported (seed 004)',
    responses: {
      200: { description: 'The marks written' },
      404: { description: '`invoices[x].invoice_id`: Invoice not found (nothing was marked)' },
      422: {
        description:
          '`invoices[x].system_id`: a system the reseller has not registered, when it already has the most it may have (nothing was marked)',
      },
    },
  },
  body,
  handle: async ({ caller, body }) => {
    const owners = await Promise.all(
      body.invoices.map(async ({ invoice_id }) =>
        caller.role === 'ADMIN'
          ? (await directoryStore.lookUp(invoice_id, 'invoice'))?.reseller
          : caller.reseller,
      ),
    );
    const headers = await invoiceStore.getInvoiceHeaders(
      body.invoices.flatMap(({ invoice_id }, index) =>
        owners[index] ? [{ reseller: owners[index]!, id: invoice_id }] : [],
      ),
    );
    const found = new Set(headers.map((header) => header.id));
    const missing = body.invoices
      .map(({ invoice_id }, index) =>
        found.has(invoice_id) ? undefined : notFound(`invoices[${index}].invoice_id`, 'Invoice not found'),
      )
      .filter((problem): problem is ApiError => problem !== undefined);
    if (missing.length > 0) {
      throw missing.length === 1
        ? missing[0]!
        : new ApiError(422, 'multiple', 'Some invoices were not found; nothing was marked', missing);
    }

    // Marking registers the system too (each system a header carries a mark of counts), and one
    // system too many refuses the whole call before anything is registered or marked.
    const firstUse = new Map<string, number>();
    body.invoices.forEach(({ system_id }, index) => {
      const key = `${owners[index]}\n${system_id}`;
      if (!firstUse.has(key)) firstUse.set(key, index);
    });
    const uses = [...firstUse.values()].map((index) => ({
      owner: owners[index]!,
      system: body.invoices[index]!.system_id,
      key: `invoices[${index}].system_id`,
    }));
    for (const owner of new Set(uses.map((use) => use.owner))) {
      const known = new Set((await exportSystemStore.listExportSystems(owner)).map((system) => system.name));
      const added = uses.filter((use) => use.owner === owner && !known.has(use.system));
      const tooMany = added[maxExportSystems - known.size];
      if (tooMany) throw systemLimitReached(tooMany.key);
    }
    for (const use of uses) await registerSystem(use.owner, use.system, use.key);
    const at = new Date().toISOString();
    await markStore.markExportedTogether(
      body.invoices.map(({ invoice_id, system_id, note }, index) => ({
        reseller: owners[index]!,
        invoice: invoice_id,
        system: system_id,
        at,
        by: caller.email ?? caller.userId,
        ...(note ? { note } : {}),
        event: `marked exported to ${system_id}`,
      })),
    );
    return {
      status: 200,
      json: {
        marked: body.invoices.map(({ invoice_id, system_id }) => ({
          invoice_id,
          system_id,
          exported_at: at,
        })),
      },
    };
  },
});
