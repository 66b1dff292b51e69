/**
 * The query of the integration routes (`GET /integration/{system}/settings`, `GET …/bookings`):
 * whose integration. PUT's bodies are in integration-settings.ts, the answers in documents.ts.
 */
import * as z from 'zod/mini';
import { objectId, queryBoolean } from './common.ts';

export const settingsQuery = z.object({
  reseller: z.optional(objectId('Reseller is invalid')),
  platform: z.optional(queryBoolean('platform')),
});
