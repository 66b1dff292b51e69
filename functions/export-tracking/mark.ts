/**
 * POST /invoices/mark-as-exported (docs/seeds/004-export-tracking.txt): a system confirms the invoices it has imported, all
 * or nothing (packages/app/src/export-tracking/mark-exported.ts).
 */
import { markExportedBody, markExportedQuery } from '#api/export-tracking';
import { markExported } from '#app/export-tracking/mark-exported';
import { httpHandler } from '#lambda/http-handler';
import { directoryStore, exportSystemStore, invoiceReadStore, markStore } from '#wiring/store';
import { systemClock } from '#wiring/system';

export const handler = httpHandler({
  access: ['ADMIN', 'RESELLER'],
  query: markExportedQuery,
  body: markExportedBody,
  handle: async ({ caller, body }) => {
    const marked = await markExported(
      {
        directory: directoryStore,
        invoices: invoiceReadStore,
        exportSystems: exportSystemStore,
        marks: markStore,
        clock: systemClock,
      },
      caller,
      body.invoices.map(({ invoice_id, system_id, note }) => ({
        invoice: invoice_id,
        system: system_id,
        ...(note ? { note } : {}),
      })),
    );
    return { status: 200, json: { marked } };
  },
});
