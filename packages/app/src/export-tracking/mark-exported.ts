/**
 * POST /invoices/mark-as-exported (docs/seeds/004-export-tracking.txt): a system confirms the invoices it has imported, at
 * most 10 a call, all or nothing. Marking again updates the time and keeps the history; the note
 * goes into the invoice's timeline. An invoice the caller may not see is a 404 for that item, and
 * then nothing in the call is marked.
 */
import type { Clock } from '#app/ports/clock';
import type { Caller } from '#domain/caller';
import { firstBeyondLimit, systemLimitReached, trackedReseller } from '#domain/export-tracking/systems';
import { notFound, throwIfAny } from '#domain/refusal';
import type { IdDirectory } from '../tenancy.ts';
import type { ExportSystemStore, InvoiceStore, MarkStore } from './ports.ts';
import { registerSystem } from './register-system.ts';

export interface MarkExportedPorts {
  readonly directory: IdDirectory;
  readonly invoices: Pick<InvoiceStore, 'getInvoiceHeaders'>;
  readonly exportSystems: Pick<ExportSystemStore, 'listExportSystems' | 'registerExportSystem'>;
  readonly marks: MarkStore;
  readonly clock: Clock;
}

export interface MarkRequest {
  readonly invoice: string;
  readonly system: string;
  readonly note?: string;
}

export interface WrittenMark {
  readonly invoice_id: string;
  readonly system_id: string;
  readonly exported_at: string;
}

export const markExported = async (
  ports: MarkExportedPorts,
  caller: Caller,
  requests: readonly MarkRequest[],
): Promise<WrittenMark[]> => {
  const owners = await ownersOf(ports, caller, requests);
  await registerSystems(ports, requests, owners);
  const at = ports.clock.now().toISOString();
  await ports.marks.markExportedTogether(
    requests.map(({ invoice, system, note }, index) => ({
      reseller: owners[index]!,
      invoice,
      system,
      at,
      by: caller.email ?? caller.userId,
      ...(note ? { note } : {}),
      event: `marked exported to ${system}`,
    })),
  );
  return requests.map(({ invoice, system }) => ({ invoice_id: invoice, system_id: system, exported_at: at }));
};

/**
 * Whose each invoice is: a RESELLER's own (an invoice of another tenant is not found, like one that
 * does not exist), any tenant's for an ADMIN. Every invoice not found is named; none is marked.
 */
const ownersOf = async (
  ports: MarkExportedPorts,
  caller: Caller,
  requests: readonly MarkRequest[],
): Promise<string[]> => {
  const own = caller.role === 'ADMIN' ? undefined : trackedReseller(caller, undefined);
  const owners = await Promise.all(
    requests.map(async ({ invoice }) => own ?? (await ports.directory.lookUp(invoice, 'invoice'))?.reseller),
  );
  // Up to 10 headers, possibly of several tenants: one batched read, not one read each.
  const headers = await ports.invoices.getInvoiceHeaders(
    requests.flatMap(({ invoice }, index) =>
      owners[index] ? [{ reseller: owners[index]!, id: invoice }] : [],
    ),
  );
  const found = new Set(headers.map(({ reseller, id }) => `${reseller}\n${id}`));
  const missing = requests.flatMap(({ invoice }, index) =>
    owners[index] && found.has(`${owners[index]}\n${invoice}`)
      ? []
      : [notFound(`invoices[${index}].invoice_id`, 'Invoice not found')],
  );
  throwIfAny(missing, 'Some invoices were not found; nothing was marked');
  return owners as string[];
};

/**
 * Marking registers the system too (each system a header carries a mark of counts), and one
 * system too many refuses the whole call before anything is registered or marked.
 */
const registerSystems = async (
  ports: MarkExportedPorts,
  requests: readonly MarkRequest[],
  owners: readonly string[],
): Promise<void> => {
  const firstUse = new Map<string, number>();
  requests.forEach(({ system }, index) => {
    const key = `${owners[index]}\n${system}`;
    if (!firstUse.has(key)) firstUse.set(key, index);
  });
  const uses = [...firstUse.values()].map((index) => ({
    owner: owners[index]!,
    system: requests[index]!.system,
    key: `invoices[${index}].system_id`,
  }));
  for (const owner of new Set(uses.map((use) => use.owner))) {
    const known = new Set((await ports.exportSystems.listExportSystems(owner)).map((system) => system.name));
    const tooMany = firstBeyondLimit(
      known.size,
      uses.filter((use) => use.owner === owner && !known.has(use.system)),
    );
    if (tooMany) throw systemLimitReached(tooMany.key);
  }
  for (const use of uses) await registerSystem(ports, use.owner, use.system, use.key);
};
