import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, type JWTPayload, jwtVerify, SignJWT } from 'jose';

/**
 * The local stand-in for the Cognito user pool: one signing key, kept in the data folder so that
 * tokens survive a restart, and the same claims Cognito's ID token carries (`custom:role`,
 * `custom:reseller`, `custom:customer`, `email`). The gateway verifies them as API Gateway's JWT
 * authorizer would: signature, issuer, audience, expiry.
 */
export const localIssuer = 'https://faktura.local/identity';
export const localAudience = 'faktura-local';
const algorithm = 'ES256';

export interface TokenRequest {
  readonly role: 'ADMIN' | 'RESELLER' | 'USER';
  readonly reseller?: string;
  readonly customer?: string;
  readonly email?: string;
  readonly subject?: string;
  readonly expiresIn?: string;
}

export interface LocalIdentity {
  sign(request: TokenRequest): Promise<string>;
  /** The verified claims, or undefined for a missing, foreign, expired or malformed token. */
  verify(token: string): Promise<JWTPayload | undefined>;
}

const createKeyFile = async (file: string): Promise<void> => {
  const { privateKey } = await generateKeyPair(algorithm, { extractable: true });
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(await exportJWK(privateKey)), { mode: 0o600 });
};

export const openLocalIdentity = async (keyFile: string): Promise<LocalIdentity> => {
  if (!existsSync(keyFile)) await createKeyFile(keyFile);
  const privateJwk = JSON.parse(readFileSync(keyFile, 'utf8')) as JWK;
  const { d: _private, ...publicJwk } = privateJwk;
  const privateKey = await importJWK(privateJwk, algorithm);
  const publicKey = await importJWK(publicJwk, algorithm);

  return {
    sign: async ({ role, reseller, customer, email, subject, expiresIn = '12h' }) =>
      new SignJWT({
        'custom:role': role,
        ...(reseller ? { 'custom:reseller': reseller } : {}),
        ...(customer ? { 'custom:customer': customer } : {}),
        ...(email ? { email } : {}),
        token_use: 'id',
      })
        .setProtectedHeader({ alg: algorithm, typ: 'JWT' })
        .setSubject(subject ?? `local-${role.toLowerCase()}`)
        .setIssuer(localIssuer)
        .setAudience(localAudience)
        .setIssuedAt()
        .setExpirationTime(expiresIn)
        .sign(privateKey),
    verify: async (token) => {
      try {
        const { payload } = await jwtVerify(token, publicKey, {
          issuer: localIssuer,
          audience: localAudience,
        });
        return payload;
      } catch {
        return undefined;
      }
    },
  };
};
