import { describe, expect, it } from 'vitest';
import type { Caller } from '../../../src/caller.ts';
import {
  firstBeyondLimit,
  maxExportSystems,
  systemIdPattern,
  systemLimitReached,
  trackedReseller,
} from '../../../src/export-tracking/systems.ts';
import { Refusal } from '../../../src/refusal.ts';

const reseller = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const other = 'bbbbbbbbbbbbbbbbbbbbbbbb';
const admin: Caller = { userId: 'admin', role: 'ADMIN' };
const resellerCaller: Caller = { userId: 'r', role: 'RESELLER', reseller };
const user: Caller = { userId: 'u', role: 'USER', reseller, customer: 'c' };

const refusalOf = (act: () => unknown): unknown => {
  try {
    act();
  } catch (error) {
    return error instanceof Refusal ? error.toBody() : error;
  }
  return undefined;
};

describe('trackedReseller', () => {
  it('gives a RESELLER its own tenant, named or not', () => {
    // Act
    const unnamed = trackedReseller(resellerCaller, undefined);
    const named = trackedReseller(resellerCaller, reseller);

    // Assess
    expect([unnamed, named]).toEqual([reseller, reseller]);
  });

  it('refuses a RESELLER that names another reseller', () => {
    // Act
    const refusal = refusalOf(() => trackedReseller(resellerCaller, other));

    // Assess
    expect(refusal).toEqual({ status: 403, message: 'access_denied', description: 'Access denied' });
  });

  it('refuses a USER, even for its own reseller', () => {
    // Act
    const refusal = refusalOf(() => trackedReseller(user, reseller));

    // Assess
    expect(refusal).toEqual({
      status: 403,
      message: 'access_denied',
      description: 'Insufficient access level',
    });
  });

  it('gives an ADMIN the reseller it names, and refuses an ADMIN that names none', () => {
    // Act
    const named = trackedReseller(admin, other);
    const refusal = refusalOf(() => trackedReseller(admin, undefined));

    // Assess
    expect(named).toBe(other);
    expect(refusal).toEqual({
      status: 422,
      message: 'reseller',
      description: 'ADMIN must name the reseller',
    });
  });
});

describe('the system limit', () => {
  it('lets systems in up to the limit and names the first one past it', () => {
    // Prepare
    const added = ['a', 'b', 'c'];

    // Act
    const fits = firstBeyondLimit(maxExportSystems - 3, added);
    const beyond = firstBeyondLimit(maxExportSystems - 1, added);

    // Assess
    expect(fits).toBeUndefined();
    expect(beyond).toBe('b');
  });

  it('refuses under the key the request named the system by', () => {
    // Act
    const refusal = systemLimitReached('invoices[3].system_id').toBody();

    // Assess
    expect(refusal).toEqual({
      status: 422,
      message: 'invoices[3].system_id',
      description:
        "At most 20 systems can pull a reseller's invoices; retire one first (DELETE /invoices/export/systems)",
    });
  });

  it.each([
    ['warehouse', true],
    ['erp:eu-1/books@acme.dk', true],
    ['two words', false],
    ['', false],
  ])('system id %j has an allowed form: %s', (id, expected) => {
    // Act
    const allowed = systemIdPattern.test(id);

    // Assess
    expect(allowed).toBe(expected);
  });
});
