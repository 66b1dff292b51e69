import { createHmac, timingSafeEqual } from 'node:crypto';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { invalid } from '#domain/refusal';

/**
 * The cursors of paged lists, as callers see them: the store's own position (DynamoDB's
 * LastEvaluatedKey, opaque text) sealed with an HMAC-SHA256 over the position, the list and the
 * tenant it was given out for. Why: a position the caller could write is a key the handler would
 * hand to DynamoDB, so a made-up one became a 500 (a key of another shape) or a page of something
 * else; and a cursor of one tenant or one list must not be replayed on another. A cursor that
 * does not verify is `422 cursor`, whatever is wrong with it.
 *
 * The key is deployment configuration: a Secrets Manager secret the stack generates, named by
 * `CURSOR_KEY_SECRET_ARN` (the `cursor-key:read` grant), read once per container.
 */
export interface CursorScope {
  /** Which list: a cursor of `customers` is refused by `products`, and by `invoices-export#A` on `#B`. */
  readonly list: string;
  /** Whose list: the reseller the rows belong to, or `platform` for the platform's own lists. */
  readonly tenant: string;
}

const secrets = new SecretsManagerClient({});
let signingKey: Promise<Buffer> | undefined;

const loadSigningKey = async (): Promise<Buffer> => {
  const secretId = process.env.CURSOR_KEY_SECRET_ARN;
  if (!secretId) throw new Error('CURSOR_KEY_SECRET_ARN is not set');
  const { SecretString } = await secrets.send(new GetSecretValueCommand({ SecretId: secretId }));
  // 32 bytes is HMAC-SHA256's block-size floor for a key that is as strong as the hash.
  if (!SecretString || SecretString.length < 32)
    throw new Error('The cursor signing key is missing or short');
  return Buffer.from(SecretString, 'utf8');
};

/** Once per container; a failed read is tried again by the next request rather than cached. */
const key = (): Promise<Buffer> => {
  signingKey ??= loadSigningKey().catch((error: unknown) => {
    signingKey = undefined;
    throw error;
  });
  return signingKey;
};

const version = 'v1';

const signature = (secret: Buffer, payload: string): Buffer =>
  createHmac('sha256', secret).update(`${version}.${payload}`).digest();

const refused = () => invalid('cursor', 'Cursor is not one this API gave out for this list');

/** The cursor to give out for the store's next position, or none on the last page. */
export const sealCursor = async (
  position: string | undefined,
  scope: CursorScope,
): Promise<string | undefined> => {
  if (position === undefined) return undefined;
  const payload = Buffer.from(
    JSON.stringify({ l: scope.list, t: scope.tenant, p: position }),
    'utf8',
  ).toString('base64url');
  return `${payload}.${signature(await key(), payload).toString('base64url')}`;
};

/** The store's position a cursor carries, once its signature, list and tenant check out; 422 `cursor` otherwise. */
export const openCursor = async (
  cursor: string | undefined,
  scope: CursorScope,
): Promise<string | undefined> => {
  if (cursor === undefined) return undefined;
  const [payload, signed, ...rest] = cursor.split('.');
  if (!payload || !signed || rest.length > 0) throw refused();
  // Compared as text: base64url's last character carries spare bits that decode alike, and an
  // edited character must not pass for the one given out.
  const expected = Buffer.from(signature(await key(), payload).toString('base64url'), 'utf8');
  const given = Buffer.from(signed, 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw refused();
  let sealed: unknown;
  try {
    sealed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw refused();
  }
  const { l, t, p } = (sealed ?? {}) as { l?: unknown; t?: unknown; p?: unknown };
  if (l !== scope.list || t !== scope.tenant || typeof p !== 'string') throw refused();
  return p;
};
