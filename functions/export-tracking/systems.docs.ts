/**
 * What the API reference (docs/openapi.json) says of the route of ./systems.ts beside its schemas:
 * read by `npm run openapi`, never bundled with the handler.
 */

import { systemsDocs } from '#api/export-tracking-docs';
import type { RouteDocs } from '#lambda/http-handler';

export const docs: RouteDocs = systemsDocs;
