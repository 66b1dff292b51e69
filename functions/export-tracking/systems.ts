/**
 * GET /invoices/export/systems: the systems that pull the caller's invoices through export
 * tracking (GET /invoices/export registers them), so a reseller can see what counts against its
 * limit and what to retire.
 */
import * as z from 'zod';
import { objectId } from '#api/common';
import { maxExportSystems } from '#app/ports/store';
import { httpHandler } from '#lambda/http-handler';
import { exportSystemStore } from '#wiring/store';
import { resellerOf } from './register.ts';
import { systemsDescription } from './schemas.ts';

const query = z.strictObject({ reseller: objectId('Reseller is invalid').optional() });

export const handler = httpHandler({
  access: ['ADMIN', 'RESELLER'],
  docs: {
    summary: 'The systems that pull the invoices (export tracking)',
    description: [systemsDescription, 'An ADMIN names the reseller with `reseller`.'].join('\n\n'),
    responses: { 200: { description: '`{ systems: [{ system_id, registered_at }], limit }`, oldest first' } },
  },
  query,
  handle: async ({ caller, query }) => {
    const reseller = resellerOf(caller, query.reseller);
    const systems = await exportSystemStore.listExportSystems(reseller);
    return {
      status: 200,
      json: {
        systems: systems.map((system) => ({ system_id: system.name, registered_at: system.registeredAt })),
        limit: maxExportSystems,
      },
    };
  },
});
