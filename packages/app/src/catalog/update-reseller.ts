/**
 * Changes a reseller's fields given, leaves the others (PATCH /reseller/{id}). ADMIN changes any
 * reseller, a RESELLER only itself; the reseller's customer number in the platform's own books
 * (`finance.accountingSystemId`) is the platform's to set. A change of numbering is decided against
 * the series as it stands and the numbers already used (#domain/invoice/numbering), and written on
 * the condition that no invoice took a number meanwhile; when one did, it is decided again.
 */
import type { Clock } from '#app/ports/clock';
import { ResellerChangeConflict } from '#app/ports/store';
import type { Caller } from '#domain/caller';
import { type NumberingRequest, numberingChange } from '#domain/invoice/numbering';
import { accessDenied, conflict, notFound, Refusal } from '#domain/refusal';
import type { Reseller } from '#domain/reseller';
import type { ResellerFields } from './create-reseller.ts';

export interface UpdateResellerPorts {
  readonly resellers: {
    getReseller(id: string): Promise<Reseller | undefined>;
    updateReseller(
      id: string,
      changes: Partial<Omit<Reseller, 'id' | 'createdAt'>>,
      seen: Pick<Reseller, 'invoiceNumbering' | 'nextInvoiceNumber'>,
    ): Promise<Reseller>;
    highestInvoiceNumberUsed(reseller: string): Promise<number | undefined>;
  };
  readonly clock: Clock;
}

export type ResellerChanges = Partial<Omit<ResellerFields, 'finance'>> & {
  readonly finance?: Partial<Reseller['finance']>;
};

/** Invoices being made while the numbering changes: each one moves the series; a few tries suffice. */
const maxAttempts = 10;

export const updateReseller = async (
  ports: UpdateResellerPorts,
  caller: Caller,
  id: string,
  changes: ResellerChanges,
): Promise<Reseller> => {
  if (caller.role !== 'ADMIN' && caller.reseller !== id) throw notFound();
  if (caller.role !== 'ADMIN' && changes.finance?.accountingSystemId !== undefined)
    throw accessDenied('Only the platform sets a reseller’s customer number in its books');
  const { invoiceNumbering, nextInvoiceNumber, finance, ...fields } = changes;
  const numberingAsked = invoiceNumbering !== undefined || nextInvoiceNumber !== undefined;
  for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
    const existing = await ports.resellers.getReseller(id);
    if (!existing) throw notFound();
    const numbering = numberingAsked
      ? await decideNumbering(ports, existing, { invoiceNumbering, nextInvoiceNumber })
      : {};
    try {
      return await ports.resellers.updateReseller(
        id,
        {
          ...fields,
          ...(finance ? { finance: { ...existing.finance, ...finance } } : {}),
          ...numbering,
          updatedAt: ports.clock.now().toISOString(),
        },
        existing,
      );
    } catch (error) {
      if (!(error instanceof ResellerChangeConflict)) throw error;
      if (error.reason === 'missing') throw notFound();
    }
  }
  throw conflict('invoiceNumber', 'Invoices were being numbered while the numbering changed; retry');
};

const decideNumbering = async (
  ports: UpdateResellerPorts,
  existing: Reseller,
  requested: NumberingRequest,
) => {
  const faktura = (requested.invoiceNumbering ?? existing.invoiceNumbering) === 'faktura';
  // Only a series can collide with the numbers used; reading them is for that case alone.
  const highestUsed = faktura ? await ports.resellers.highestInvoiceNumberUsed(existing.id) : undefined;
  const change = numberingChange(existing, requested, highestUsed);
  if (change instanceof Refusal) throw change;
  return change;
};
