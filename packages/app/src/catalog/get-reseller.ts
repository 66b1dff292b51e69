import type { Caller } from '#domain/caller';
import { notFound } from '#domain/refusal';
import type { Reseller } from '#domain/reseller';

export interface GetResellerPorts {
  readonly resellers: { getReseller(id: string): Promise<Reseller | undefined> };
}

/**
 * ADMIN reads any reseller, a RESELLER only itself. Another tenant's id is a 404, exactly like an
 * id that does not exist, so that ids of other tenants cannot be probed.
 */
export const getReseller = async (
  { resellers }: GetResellerPorts,
  caller: Caller,
  id: string,
): Promise<Reseller> => {
  if (caller.role !== 'ADMIN' && caller.reseller !== id) throw notFound();
  const reseller = await resellers.getReseller(id);
  if (!reseller) throw notFound();
  return reseller;
};
