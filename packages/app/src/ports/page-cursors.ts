/**
 * The opaque cursors of paged lists: a position in a list is sealed before it goes out and opened
 * when it comes back, so that a cursor only works on the list and tenant it was given out for.
 */
export interface CursorScope {
  /** Which list: a cursor of `customers` is refused by `products`. */
  readonly list: string;
  /** Whose list: the reseller the rows belong to, or `platform` for the platform's own lists. */
  readonly tenant: string;
}

export interface PageCursors {
  seal(position: string | undefined, scope: CursorScope): Promise<string | undefined>;
  open(cursor: string | undefined, scope: CursorScope): Promise<string | undefined>;
}
