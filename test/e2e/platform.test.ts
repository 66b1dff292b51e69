import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { calculateJwkThumbprint, generateKeyPair, importJWK, type JWK, type JWTPayload, SignJWT } from 'jose';
import { describe, expect, inject, it } from 'vitest';
import { localAudience, localIssuer } from '#local/gateway/local-identity';
import { apiUrl, as, call, tokenFor } from './support/api.ts';

/** A token signed by the stack's own key (its data folder), with exactly the claims given. */
const signedByTheStack = async (payload: JWTPayload): Promise<string> => {
  const jwk = JSON.parse(readFileSync(join(inject('dataDir'), 'identity-key.json'), 'utf8')) as JWK;
  const alg = jwk.kty === 'RSA' ? 'RS256' : 'ES256';
  const kid = await calculateJwkThumbprint(
    jwk.kty === 'RSA'
      ? { kty: jwk.kty, n: jwk.n, e: jwk.e }
      : { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y },
  );
  return new SignJWT(payload).setProtectedHeader({ alg, typ: 'JWT', kid }).sign(await importJWK(jwk, alg));
};

/**
 * What API Gateway and the handler foundation promise every route: health, authentication (401),
 * role checks (403 access_denied), unknown routes (404) and malformed bodies (400, never 500).
 *
 * Sent untyped on purpose: forged, expired and missing tokens, routes that do not exist and bodies
 * that are not JSON are what is under test; every answer of a route the reference has is still held
 * to it (support/api.ts).
 */
describe('the local HTTP API', () => {
  it('answers GET /health without a token once every component is ready', async () => {
    const response = await call('GET', '/health');

    expect(response.status).toBe(200);
    expect(response.body.status).toBe('ok');
    expect(Object.values(response.body.components).every(Boolean)).toBe(true);
  });

  it('refuses a request without a token with 401', async () => {
    const response = await call('GET', '/reseller');

    expect(response.status).toBe(401);
    expect(response.body).toEqual({ message: 'Unauthorized' });
  });

  it('refuses a token signed by another key with 401', async () => {
    // Prepare: a well-formed token with the right issuer and audience, but a foreign key
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT({ 'custom:role': 'ADMIN' })
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject('intruder')
      .setIssuer(localIssuer)
      .setAudience(localAudience)
      .setExpirationTime('1h')
      .sign(privateKey);

    // Act
    const response = await as(forged).get('/reseller');

    // Assess
    expect(response.status).toBe(401);
  });

  it('refuses an expired token with 401', async () => {
    const expired = await tokenFor({ role: 'ADMIN', expiresIn: '-1m' });

    expect((await as(expired).get('/reseller')).status).toBe(401);
  });

  it('refuses a token without exp, and one issued in the future, with 401 as API Gateway does', async () => {
    // Prepare: signed by the stack's own key, right issuer and audience
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: 'ops', 'custom:role': 'ADMIN', iss: localIssuer, aud: localAudience };
    const forever = await signedByTheStack({ ...claims, iat: now });
    const fromTheFuture = await signedByTheStack({ ...claims, iat: now + 3600, exp: now + 7200 });
    const inOrder = await signedByTheStack({ ...claims, iat: now, exp: now + 3600 });

    // Act
    const withoutExp = await as(forever).get('/reseller');
    const issuedLater = await as(fromTheFuture).get('/reseller');
    const accepted = await as(inOrder).get('/reseller');

    // Assess
    expect([withoutExp.status, withoutExp.body]).toEqual([401, { message: 'Unauthorized' }]);
    expect([issuedLater.status, issuedLater.body]).toEqual([401, { message: 'Unauthorized' }]);
    expect(accepted.status).toBe(200);
  });

  it('refuses a garbage bearer value with 401', async () => {
    expect((await as('not-a-jwt').get('/reseller')).status).toBe(401);
  });

  it('answers a USER token on an ADMIN-only route with 403 access_denied', async () => {
    const user = await tokenFor({
      role: 'USER',
      reseller: '65f000000000000000000001',
      customer: '65f000000000000000000101',
    });

    const response = await as(user).post('/reseller', { name: 'Sneaky ApS', email: 'x@example.com' });

    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ status: 403, message: 'access_denied' });
  });

  it('answers malformed JSON with 400 bad_request', async () => {
    const admin = await tokenFor({ role: 'ADMIN' });

    const response = await call('POST', '/reseller', { token: admin, rawBody: '{"name": "Broken' });

    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      status: 400,
      message: 'bad_request',
      description: 'The request body is not valid JSON',
    });
  });

  it('answers an unknown route with 404, authenticated or not', async () => {
    const admin = await tokenFor({ role: 'ADMIN' });

    expect((await call('GET', '/no-such-route')).status).toBe(404);
    const deleted = await call('DELETE', '/reseller', {
      token: admin,
      offReference: 'DELETE /reseller is a route the reference does not have',
    });
    expect(deleted.status).toBe(404);
  });

  it('listens where the test setup asked it to', () => {
    expect(apiUrl()).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });
});
