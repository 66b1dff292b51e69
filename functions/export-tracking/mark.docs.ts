/**
 * What the API reference (docs/openapi.json) says of the route of ./mark.ts beside its schemas:
 * read by `npm run openapi`, never bundled with the handler.
 */

import { markExportedDocs } from '#api/export-tracking-docs';
import type { RouteDocs } from '#lambda/http-handler';

export const docs: RouteDocs = markExportedDocs;
