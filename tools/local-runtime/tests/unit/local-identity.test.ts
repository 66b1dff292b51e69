import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calculateJwkThumbprint, generateKeyPair, importJWK, type JWK, type JWTPayload, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type LocalIdentity,
  localAlgorithm,
  localAudience,
  localIssuer,
  openLocalIdentity,
} from '../../src/gateway/local-identity.ts';

/**
 * The local gateway's token check mirrors API Gateway's JWT authorizer: RSA signature by the key
 * the `kid` names, `iss`, `aud`, `exp` required and after now, `nbf` and `iat` not after now.
 */
describe('local identity: the JWT checks of API Gateway’s authorizer', () => {
  let folder: string;
  let identity: LocalIdentity;
  let privateJwk: JWK;
  let keyId: string;
  const now = () => Math.floor(Date.now() / 1000);
  const claims = { sub: 'someone', 'custom:role': 'ADMIN', token_use: 'id' };

  /** A token signed by the local key, with exactly the claims and header given. */
  const signed = async (payload: JWTPayload, header: Record<string, unknown> = {}) =>
    new SignJWT(payload)
      .setProtectedHeader({ alg: localAlgorithm, typ: 'JWT', kid: keyId, ...header })
      .sign(await importJWK(privateJwk, localAlgorithm));

  const valid = (): JWTPayload => ({
    ...claims,
    iss: localIssuer,
    aud: localAudience,
    iat: now() - 10,
    exp: now() + 3600,
  });

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'faktura-identity-'));
    identity = await openLocalIdentity(join(folder, 'identity-key.json'));
    privateJwk = JSON.parse(readFileSync(join(folder, 'identity-key.json'), 'utf8'));
    keyId = await calculateJwkThumbprint({ kty: privateJwk.kty, n: privateJwk.n, e: privateJwk.e } as JWK);
  });

  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('accepts the tokens it signs, RS256 with the key’s kid', async () => {
    // Act
    const token = await identity.sign({ role: 'RESELLER', reseller: '65f000000000000000000001' });
    const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8'));

    // Assess
    expect(header).toEqual({ alg: 'RS256', typ: 'JWT', kid: keyId });
    expect(await identity.verify(token)).toMatchObject({
      'custom:role': 'RESELLER',
      iss: localIssuer,
      aud: localAudience,
    });
  });

  it('accepts a well-formed token with every claim in order', async () => {
    expect(await identity.verify(await signed(valid()))).toMatchObject(claims);
  });

  it.each<[string, (payload: JWTPayload) => JWTPayload]>([
    ['without exp', ({ exp: _exp, ...rest }) => rest],
    ['with exp now', (payload) => ({ ...payload, exp: now() })],
    ['with exp in the past', (payload) => ({ ...payload, exp: now() - 60 })],
    ['with exp that is not a number', (payload) => ({ ...payload, exp: 'tomorrow' as never })],
    ['with iat in the future', (payload) => ({ ...payload, iat: now() + 600 })],
    ['with nbf in the future', (payload) => ({ ...payload, nbf: now() + 600 })],
    ['without iss', ({ iss: _iss, ...rest }) => rest],
    [
      'from another issuer',
      (payload) => ({ ...payload, iss: 'https://cognito-idp.eu-west-1.amazonaws.com/other' }),
    ],
    ['without aud', ({ aud: _aud, ...rest }) => rest],
    ['for another audience', (payload) => ({ ...payload, aud: 'another-client' })],
  ])('refuses a token %s', async (_case, change) => {
    expect(await identity.verify(await signed(change(valid())))).toBeUndefined();
  });

  it('refuses a token whose header names no kid, or another kid', async () => {
    expect(await identity.verify(await signed(valid(), { kid: undefined }))).toBeUndefined();
    expect(await identity.verify(await signed(valid(), { kid: 'another-key' }))).toBeUndefined();
  });

  it('refuses a token signed by another key under the right kid, and one with alg none', async () => {
    // Prepare
    const { privateKey } = await generateKeyPair('RS256');
    const foreign = await new SignJWT(valid())
      .setProtectedHeader({ alg: 'RS256', kid: keyId })
      .sign(privateKey);
    const [header, payload] = (await signed(valid())).split('.');
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', kid: keyId })).toString('base64url')}.${payload}.`;

    // Assess
    expect(header).toBeDefined();
    expect(await identity.verify(foreign)).toBeUndefined();
    expect(await identity.verify(unsigned)).toBeUndefined();
  });
});
