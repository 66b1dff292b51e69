import type { PageCursors } from '#app/ports/page-cursors';
import type { Page } from '#app/ports/store';
import type { Caller } from '#domain/caller';
import type { Product } from '#domain/product';

export interface ListProductsPorts {
  readonly products: { listProducts(limit: number, cursor?: string): Promise<Page<Product>> };
  readonly cursors: PageCursors;
}

/** The catalogue in product-code order, a page at a time. */
export const listProducts = async (
  { products, cursors }: ListProductsPorts,
  caller: Caller,
  query: { readonly limit: number; readonly cursor?: string },
): Promise<Page<Product>> => {
  // One catalogue for all, but a cursor is still the caller's tenant's: it is not passed around.
  const scope = { list: 'products', tenant: caller.reseller ?? 'platform' };
  const page = await products.listProducts(query.limit, await cursors.open(query.cursor, scope));
  return { items: page.items, cursor: await cursors.seal(page.cursor, scope) };
};
