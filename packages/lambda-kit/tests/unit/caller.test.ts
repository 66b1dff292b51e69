import { describe, expect, it } from 'vitest';
import { Refusal } from '#domain/refusal';
import { callerFromClaims, requireRole } from '../../src/caller.ts';
import { adminClaims, resellerClaims, userClaims } from './helpers.ts';

describe('callerFromClaims', () => {
  it('reads role, reseller, customer and e-mail from Cognito-style claims', () => {
    expect(callerFromClaims({ ...userClaims, email: 'user@example.com' })).toEqual({
      userId: 'user-1',
      role: 'USER',
      reseller: 'aaaaaaaaaaaaaaaaaaaaaaaa',
      customer: 'bbbbbbbbbbbbbbbbbbbbbbbb',
      email: 'user@example.com',
    });
  });

  it.each([
    ['no claims', undefined],
    ['an unknown role', { sub: 'x', 'custom:role': 'OWNER' }],
    ['a RESELLER without its reseller', { sub: 'x', 'custom:role': 'RESELLER' }],
    ['a USER without its customer', { ...resellerClaims, 'custom:role': 'USER' }],
    ['a reseller id that is not an id', { ...resellerClaims, 'custom:reseller': 'x' }],
  ])('refuses %s with 403 access_denied', (_, claims) => {
    expect(() => callerFromClaims(claims)).toThrowError(
      expect.objectContaining({ status: 403, key: 'access_denied' }) as Refusal,
    );
  });

  it('lets an allowed role through and stops the others', () => {
    const admin = callerFromClaims(adminClaims);
    expect(() => requireRole(admin, ['ADMIN'])).not.toThrow();
    expect(() => requireRole(callerFromClaims(resellerClaims), ['ADMIN'])).toThrowError(Refusal);
  });
});
