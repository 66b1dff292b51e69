/** GET /integration/exports/{exportId}: where an export stands (packages/app/src/exports/read-export.ts). */
import { exportPath } from '#api/export';
import { readExport } from '#app/exports/read-export';
import { httpHandler } from '#lambda/http-handler';
import { exportStore } from '#wiring/store';

export const handler = httpHandler({
  access: ['ADMIN', 'RESELLER'],
  path: exportPath,
  handle: async ({ caller, path: { exportId } }) => ({
    status: 200,
    json: await readExport({ exports: exportStore }, { caller, exportId }),
  }),
});
