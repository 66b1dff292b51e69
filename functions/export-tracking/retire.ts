/**
 * DELETE /invoices/export/systems?system_id=X: retires a system that pulls the caller's invoices,
 * freeing its place under the limit (packages/app/src/export-tracking/systems.ts).
 */
import { retireSystemQuery } from '#api/export-tracking';
import { retireSystem } from '#app/export-tracking/systems';
import { httpHandler } from '#lambda/http-handler';
import { exportSystemStore } from '#wiring/store';

export const handler = httpHandler({
  access: ['ADMIN', 'RESELLER'],
  query: retireSystemQuery,
  handle: async ({ caller, query }) => {
    await retireSystem({ exportSystems: exportSystemStore }, caller, {
      system: query.system_id,
      ...(query.reseller ? { reseller: query.reseller } : {}),
    });
    return { status: 204, text: '', contentType: 'text/plain' };
  },
});
