import { settingsDocument } from '#api/documents';
import type { RouteDocs } from '#lambda/http-handler';

export const docs: RouteDocs = {
  summary: 'Read the accounting integration',
  responses: {
    200: { description: 'The settings, credentials masked', schema: settingsDocument },
    404: { description: '`not_found`: not set up' },
  },
};
