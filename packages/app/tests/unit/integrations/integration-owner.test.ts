import { describe, expect, it } from 'vitest';
import type { Caller } from '#domain/caller';
import { integrationOwner } from '../../../src/integrations/integration-owner.ts';

const reseller = 'a'.repeat(24);
const otherReseller = 'b'.repeat(24);
const admin: Caller = { userId: 'admin', role: 'ADMIN' };
const resellerCaller: Caller = { userId: 'r', role: 'RESELLER', reseller };
const user: Caller = { userId: 'u', role: 'USER', reseller, customer: 'c'.repeat(24) };

describe('integrationOwner', () => {
  it('gives a RESELLER its own integration, named or not', () => {
    // Act
    const unnamed = integrationOwner(resellerCaller, {});
    const named = integrationOwner(resellerCaller, { reseller });

    // Assess
    expect(unnamed).toEqual({ kind: 'reseller', reseller });
    expect(named).toEqual({ kind: 'reseller', reseller });
  });

  it('refuses a RESELLER another reseller’s integration, and the platform’s', () => {
    // Act & Assess
    expect(() => integrationOwner(resellerCaller, { reseller: otherReseller })).toThrow(
      expect.objectContaining({ status: 403, key: 'access_denied' }),
    );
    expect(() => integrationOwner(resellerCaller, { platform: true })).toThrow(
      expect.objectContaining({ status: 403, key: 'access_denied' }),
    );
  });

  it('lets ADMIN name any reseller or the platform, and asks it to name one', () => {
    // Act & Assess
    expect(integrationOwner(admin, { reseller: otherReseller })).toEqual({
      kind: 'reseller',
      reseller: otherReseller,
    });
    expect(integrationOwner(admin, { platform: true })).toEqual({ kind: 'platform' });
    expect(() => integrationOwner(admin, {})).toThrow(
      expect.objectContaining({ status: 422, key: 'reseller' }),
    );
  });

  it('refuses a USER another reseller’s integration and the platform’s (the routes admit no USER: a second line)', () => {
    // Act & Assess
    expect(() => integrationOwner(user, { reseller: otherReseller })).toThrow(
      expect.objectContaining({ status: 403 }),
    );
    expect(() => integrationOwner(user, { platform: true })).toThrow(
      expect.objectContaining({ status: 403 }),
    );
  });
});
