/**
 * The export routes' paths: `{system}` (shared by the integration routes) and `{exportId}`. The
 * request's body is in export-request.ts, the answers in documents.ts.
 */
import * as z from 'zod/mini';
import { accountingSystems } from '#domain/integration';
import { objectId } from './common.ts';

export const accountingSystem = z.enum(accountingSystems, { error: 'Unknown accounting system' });

export const systemPath = z.object({ system: accountingSystem });

export const exportPath = z.object({
  exportId: objectId('Id not found in request URI: expected a 24-character hex id'),
});
