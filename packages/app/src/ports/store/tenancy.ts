import type { Credentials } from '#domain/integration';

export type DirectoryKind = 'customer' | 'current-item' | 'invoice' | 'export';

/** Which tenant owns an id: what ADMIN callers, who name an object by id alone, are resolved with. */
export interface DirectoryEntry {
  readonly id: string;
  readonly kind: DirectoryKind;
  readonly reseller: string;
  readonly customer?: string;
}

export class ResellerExistsError extends Error {
  public override readonly name = 'ResellerExistsError';
}

/**
 * A reseller change was not written: the reseller is gone (`missing`), or its numbering moved on
 * since it was read (an invoice took a number), or the series' next number was claimed meanwhile
 * (`numbering-moved`): read again and decide again.
 */
export class ResellerChangeConflict extends Error {
  public override readonly name = 'ResellerChangeConflict';
  public constructor(public readonly reason: 'missing' | 'numbering-moved') {
    super(`Reseller change not written: ${reason}`);
  }
}

export interface StoredCredentials<T extends Credentials = Credentials> {
  readonly credentials: T;
  /** The origin they were given for; undefined for a secret written before credentials were bound. */
  readonly origin?: string;
}
