import type { Caller } from '#domain/caller';
import type { CurrentItem } from '#domain/current-item';
import { notFound } from '#domain/refusal';
import type { IdDirectory } from '../tenancy.ts';

export interface DeleteCurrentItemPorts {
  readonly directory: IdDirectory;
  readonly currentItems: {
    deleteCurrentItem(item: Pick<CurrentItem, 'id' | 'reseller' | 'customer'>): Promise<boolean>;
  };
}

/**
 * Takes an item off the current invoice. An item already gone (billed, deleted, or another
 * tenant's) is a 404, so a client can tell "removed now" from "was never (or no longer) there".
 */
export const deleteCurrentItem = async (
  { directory, currentItems }: DeleteCurrentItemPorts,
  caller: Caller,
  id: string,
): Promise<void> => {
  const entry = await directory.lookUp(id, 'current-item');
  if (!entry || (caller.role !== 'ADMIN' && entry.reseller !== caller.reseller)) throw notFound();
  if (
    !(await currentItems.deleteCurrentItem({
      id: entry.id,
      reseller: entry.reseller,
      customer: entry.customer!,
    }))
  )
    throw notFound();
};
