import * as z from 'zod';
import { accessDenied } from './errors.ts';

/**
 * Who is calling, from the claims the JWT authorizer verified. In AWS these are the Cognito ID
 * token's custom attributes; locally the same claim names in a token signed by the local key.
 * Handlers see only this, never the token.
 */
export const roles = ['ADMIN', 'RESELLER', 'USER'] as const;
export type Role = (typeof roles)[number];

export interface Caller {
  readonly userId: string;
  readonly role: Role;
  /** The reseller (tenant) the caller belongs to; absent only for ADMIN. */
  readonly reseller?: string;
  /** The customer a USER belongs to. */
  readonly customer?: string;
  readonly email?: string;
}

const objectId = z.string().regex(/^[0-9a-f]{24}$/);

const claimsSchema = z
  .object({
    sub: z.string().min(1),
    'custom:role': z.enum(roles),
    'custom:reseller': objectId.optional(),
    'custom:customer': objectId.optional(),
    email: z.string().optional(),
  })
  .refine((claims) => claims['custom:role'] === 'ADMIN' || claims['custom:reseller'] !== undefined, {
    message: 'a RESELLER or USER token must name its reseller',
  })
  .refine((claims) => claims['custom:role'] !== 'USER' || claims['custom:customer'] !== undefined, {
    message: 'a USER token must name its customer',
  });

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
