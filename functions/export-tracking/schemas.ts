import * as z from 'zod';
import { maxExportSystems } from '#app/ports/store';

/** A system id: free text naming the system that pulls (economic and uniconta are the saga's own). */
export const systemId = z
  .string({ error: 'system_id is required: the system the invoices are exported to' })
  .trim()
  .min(1, { error: 'system_id is required: the system the invoices are exported to' })
  .max(100, { error: 'system_id is at most 100 characters' })
  .regex(/^[\w.:@/-]+$/, { error: 'system_id may hold letters, digits and . _ : @ / -' });

/** A UTC datetime: ISO 8601 ending in Z (a time in another zone is refused, not converted). */
export const utcDateTime = z.iso.datetime({
  error: 'not_exported_since must be a UTC datetime, e.g. 2026-11-01T00:00:00Z',
});

export const bookedDescription =
  'An invoice is *booked* once it has been sent to the customer (`sent: true`): from then on it is final. Until then it is a draft that may still change, and it is listed only with `include_non_booked=1`.';

export const systemsDescription = `A system is registered the first time it asks (or marks); a reseller has at most ${maxExportSystems}, and one more is refused with \`422 system_id\`. \`GET /invoices/export/systems\` lists them and \`DELETE /invoices/export/systems?system_id=X\` retires one. Registering costs the same however many invoices the reseller has; every invoice without a mark for the system is listed, the oldest first.`;
