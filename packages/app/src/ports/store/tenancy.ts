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

export interface StoredCredentials<T extends Credentials = Credentials> {
  readonly credentials: T;
  /** The origin they were given for; undefined for a secret written before credentials were bound. */
  readonly origin?: string;
}
