/** GET /integration/exports/{exportId}: where an export stands (packages/app/src/exports/read-export.ts). */
import { exportDocument, exportPath } from '#api/export';
import { readExport } from '#app/exports/read-export';
import { httpHandler } from '#lambda/http-handler';
import { exportStore } from '#wiring/store';

export const handler = httpHandler({
  access: ['ADMIN', 'RESELLER'],
  docs: {
    summary: 'Read an export job',
    responses: {
      200: { description: 'The job and each invoice’s draft', schema: exportDocument },
      404: { description: '`not_found`' },
    },
  },
  path: exportPath,
  handle: async ({ caller, path: { exportId } }) => ({
    status: 200,
    json: await readExport({ exports: exportStore }, { caller, exportId }),
  }),
});
