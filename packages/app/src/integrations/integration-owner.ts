import type { Caller } from '#domain/caller';
import type { IntegrationOwner } from '#domain/integration';
import { accessDenied, invalid } from '#domain/refusal';

/**
 * Whose integration a request is about: a RESELLER's own; ADMIN names a reseller, or the
 * platform's own (the books of `adminMode` exports). Nobody else has one.
 */
export const integrationOwner = (
  caller: Caller,
  requested: { readonly reseller?: string | undefined; readonly platform?: boolean | undefined },
): IntegrationOwner => {
  if (requested.platform) {
    if (caller.role !== 'ADMIN') throw accessDenied('Only ADMIN manages the platform’s own integration');
    return { kind: 'platform' };
  }
  if (caller.role === 'ADMIN') {
    if (!requested.reseller) throw invalid('reseller', 'ADMIN must name the reseller, or platform: true');
    return { kind: 'reseller', reseller: requested.reseller };
  }
  if (requested.reseller && requested.reseller !== caller.reseller) throw accessDenied();
  return { kind: 'reseller', reseller: caller.reseller! };
};
