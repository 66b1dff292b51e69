/**
 * GET /invoices/export/systems: the systems that pull the caller's invoices through export
 * tracking (GET /invoices/export registers them), so a reseller can see what counts against its
 * limit and what to retire.
 */
import { systemsQuery } from '#api/export-tracking';
import { listSystems } from '#app/export-tracking/systems';
import { httpHandler } from '#lambda/http-handler';
import { exportSystemStore } from '#wiring/store';

export const handler = httpHandler({
  access: ['ADMIN', 'RESELLER'],
  query: systemsQuery,
  handle: async ({ caller, query }) => ({
    status: 200,
    json: await listSystems({ exportSystems: exportSystemStore }, caller, query.reseller),
  }),
});
