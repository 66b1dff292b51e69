/**
 * Where an invoice has been exported, as its header keeps it (`exportedTo`): one entry per system.
 *
 * Why the entries are not keyed by the bare system name: a system id is the caller's text, and
 * the SDK turns a DynamoDB map into a plain object by assignment, so an entry named `__proto__`
 * would become the object's prototype instead of an entry, and a lookup of `constructor` or
 * `toString` would find Object.prototype's function. Keys carry a prefix no built-in property has,
 * and are read with Object.hasOwn: every system name is just a name.
 */
export interface ExportSummary {
  readonly at: string;
  readonly exportId?: string;
  readonly draftNumber?: string;
  readonly note?: string;
}

export type ExportedTo = Readonly<Record<string, ExportSummary>>;

const prefix = 'S#';

/** The header's map key for a system: what the store's `SET exportedTo.#s` names. */
export const exportedToField = (system: string): string => `${prefix}${system}`;

/** The system's entry on an invoice's header, or undefined when the system never took it. */
export const exportSummaryOf = (
  header: { readonly exportedTo?: ExportedTo },
  system: string,
): ExportSummary | undefined => {
  const exportedTo = header.exportedTo;
  if (!exportedTo) return undefined;
  const field = exportedToField(system);
  return Object.hasOwn(exportedTo, field) ? exportedTo[field] : undefined;
};

export const isExportedTo = (header: { readonly exportedTo?: ExportedTo }, system: string): boolean =>
  exportSummaryOf(header, system) !== undefined;
