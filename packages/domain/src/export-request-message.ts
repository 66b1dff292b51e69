import { isObjectId } from './ids.ts';
import { type AccountingSystemName, isAccountingSystem } from './integration.ts';

/**
 * A message of the export request queue: which export of which reseller to start
 * (packages/wiring/src/sqs-export-queue.ts sends it; functions/export/request-consumer.ts reads it).
 *
 * Read by hand rather than by a zod schema: the consumer is a worker that would otherwise bundle
 * a schema library (~95 KB of its ~315 KB) for three strings.
 */
export interface ExportRequestMessage {
  readonly exportId: string;
  readonly reseller: string;
  readonly system: AccountingSystemName;
}

export class MalformedExportRequest extends Error {
  public override readonly name = 'MalformedExportRequest';
}

/** The message, or MalformedExportRequest naming every field that is wrong. */
export const readExportRequestMessage = (body: unknown): ExportRequestMessage => {
  const message = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const problems = [
    ...(isObjectId(message.exportId) ? [] : ['exportId is not an id']),
    ...(isObjectId(message.reseller) ? [] : ['reseller is not an id']),
    ...(isAccountingSystem(message.system) ? [] : ['system is not economic or uniconta']),
  ];
  if (problems.length > 0)
    throw new MalformedExportRequest(`The export request is malformed: ${problems.join('; ')}`);
  return {
    exportId: message.exportId as string,
    reseller: message.reseller as string,
    system: message.system as AccountingSystemName,
  };
};
