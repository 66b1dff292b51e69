import type { Caller } from '../caller.ts';
import { accessDenied, invalid, type Refusal } from '../refusal.ts';

/**
 * The systems that pull a reseller's invoices through export tracking (docs/seeds/004-export-tracking.txt). A reseller has
 * at most this many, which bounds the registry and the marks an invoice's header can carry.
 */
export const maxExportSystems = 20;

/** A system's id is the caller's own text: letters, digits and a few separators, at most 100. */
export const systemIdPattern = /^[\w.:@/-]+$/;
export const maxSystemIdLength = 100;

/**
 * Whose systems and invoices a caller reaches: a RESELLER its own (naming another is refused), an
 * ADMIN the reseller it names. A USER reaches none: the feed is the books' view, not a customer's.
 */
export const trackedReseller = (caller: Caller, named: string | undefined): string => {
  if (caller.role === 'USER') throw accessDenied('Insufficient access level');
  if (caller.role !== 'ADMIN' && named && named !== caller.reseller) throw accessDenied();
  const reseller = caller.role === 'ADMIN' ? named : caller.reseller;
  if (!reseller) throw invalid('reseller', 'ADMIN must name the reseller');
  return reseller;
};

/** The refusal of one system too many, under the request's own key for the system. */
export const systemLimitReached = (key: string): Refusal =>
  invalid(
    key,
    `At most ${maxExportSystems} systems can pull a reseller's invoices; retire one first (DELETE /invoices/export/systems)`,
  );

/**
 * Of the systems a request would add to those a reseller has, the first one past the limit, or
 * undefined when they all fit.
 */
export const firstBeyondLimit = <Use>(registered: number, added: readonly Use[]): Use | undefined =>
  added[maxExportSystems - registered];
