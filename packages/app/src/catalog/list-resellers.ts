import type { PageCursors } from '#app/ports/page-cursors';
import type { Page } from '#app/ports/store';
import type { Caller } from '#domain/caller';
import type { Reseller } from '#domain/reseller';

export interface ListResellersPorts {
  readonly resellers: {
    getReseller(id: string): Promise<Reseller | undefined>;
    listResellers(limit: number, cursor?: string): Promise<Page<Reseller>>;
  };
  readonly cursors: PageCursors;
}

/** ADMIN pages through every reseller; a RESELLER gets a list of one, itself, so one call fits every role. */
export const listResellers = async (
  { resellers, cursors }: ListResellersPorts,
  caller: Caller,
  query: { readonly limit: number; readonly cursor?: string },
): Promise<Page<Reseller>> => {
  if (caller.role !== 'ADMIN') {
    const own = caller.reseller ? await resellers.getReseller(caller.reseller) : undefined;
    return { items: own ? [own] : [] };
  }
  const scope = { list: 'resellers', tenant: 'platform' };
  const page = await resellers.listResellers(query.limit, await cursors.open(query.cursor, scope));
  return { items: page.items, cursor: await cursors.seal(page.cursor, scope) };
};
