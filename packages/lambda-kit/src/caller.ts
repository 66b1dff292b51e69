import * as z from 'zod/mini';
import { type Caller, type Role, roles } from '#domain/caller';
import { objectIdPattern } from '#domain/ids';
import { accessDenied } from '#domain/refusal';

/**
 * Who is calling, from the claims the JWT authorizer verified. In AWS these are the Cognito ID
 * token's custom attributes; locally the same claim names in a token signed by the local key.
 * Handlers see only the caller (packages/domain/src/caller.ts), never the token.
 */
export { type Caller, type Role, roles } from '#domain/caller';

const objectId = z.string().check(z.regex(objectIdPattern));

const claimsSchema = z
  .object({
    sub: z.string().check(z.minLength(1)),
    'custom:role': z.enum(roles),
    'custom:reseller': z.optional(objectId),
    'custom:customer': z.optional(objectId),
    email: z.optional(z.string()),
  })
  .check(
    z.refine((claims) => claims['custom:role'] === 'ADMIN' || claims['custom:reseller'] !== undefined, {
      message: 'a RESELLER or USER token must name its reseller',
    }),
    z.refine((claims) => claims['custom:role'] !== 'USER' || claims['custom:customer'] !== undefined, {
      message: 'a USER token must name its customer',
    }),
  );

export const callerFromClaims = (claims: Record<string, unknown> | undefined): Caller => {
  const parsed = claimsSchema.safeParse(claims ?? {});
  if (!parsed.success) throw accessDenied('The token does not carry a valid role for this API');
  const { sub, email } = parsed.data;
  return {
    userId: sub,
    role: parsed.data['custom:role'],
    reseller: parsed.data['custom:reseller'],
    customer: parsed.data['custom:customer'],
    email,
  };
};

export const requireRole = (caller: Caller, allowed: readonly Role[]): void => {
  if (!allowed.includes(caller.role)) throw accessDenied('Insufficient access level');
};
