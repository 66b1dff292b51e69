import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from 'jose';

/**
 * The local stand-in for the Cognito user pool: one signing key, kept in the data folder so that
 * tokens survive a restart, and the same claims Cognito's ID token carries (`custom:role`,
 * `custom:reseller`, `custom:customer`, `email`).
 *
 * The gateway verifies them as API Gateway's JWT authorizer does (its developer guide, "Control
 * access to HTTP APIs with JWT authorizers"): an RSA signature by the issuer's key, whose `kid` the
 * token's header must name; `iss` the configured issuer; `aud` one of the configured audiences;
 * `exp` after the current time (so a token without `exp` is refused); `nbf` and `iat`, when present,
 * not after it. Any failure is a 401 with API Gateway's body. Route scopes are not checked here
 * because no Faktura route requires one (Cognito's ID tokens carry none).
 */
export const localIssuer = 'https://faktura.local/identity';
export const localAudience = 'faktura-local';
/** Cognito signs with RS256, and API Gateway's JWT authorizer accepts RSA algorithms only. */
export const localAlgorithm = 'RS256';
const algorithm = localAlgorithm;

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
  const { privateKey } = await generateKeyPair(algorithm, { extractable: true, modulusLength: 2048 });
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, JSON.stringify(await exportJWK(privateKey)), { mode: 0o600 });
};

/** The public half of an RSA private JWK: what a `jwks_uri` would publish. */
const publicHalf = ({ kty, n, e }: JWK): JWK => ({ kty, n, e });

export const openLocalIdentity = async (keyFile: string): Promise<LocalIdentity> => {
  // A data folder from before the RSA key (an EC key) gets a new key: its tokens stop working.
  if (!existsSync(keyFile) || (JSON.parse(readFileSync(keyFile, 'utf8')) as JWK).kty !== 'RSA') {
    await createKeyFile(keyFile);
  }
  const privateJwk = JSON.parse(readFileSync(keyFile, 'utf8')) as JWK;
  const publicJwk = publicHalf(privateJwk);
  const keyId = await calculateJwkThumbprint(publicJwk);
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
        .setProtectedHeader({ alg: algorithm, typ: 'JWT', kid: keyId })
        .setSubject(subject ?? `local-${role.toLowerCase()}`)
        .setIssuer(localIssuer)
        .setAudience(localAudience)
        .setIssuedAt()
        .setExpirationTime(expiresIn)
        .sign(privateKey),
    verify: async (token) => {
      try {
        const { payload } = await jwtVerify(
          token,
          (header) => {
            if (header.kid !== keyId) throw new Error('No key with that kid');
            return publicKey;
          },
          { issuer: localIssuer, audience: localAudience, algorithms: [algorithm], requiredClaims: ['exp'] },
        );
        // jose checks `iat` only with maxTokenAge; API Gateway refuses one after the current time.
        if (payload.iat !== undefined && payload.iat > Math.floor(Date.now() / 1000)) return undefined;
        return payload;
      } catch {
        return undefined;
      }
    },
  };
};
