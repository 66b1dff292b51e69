import { expect, vi } from 'vitest';
import type { ExportSystem } from '#app/ports/store';
import type { Caller } from '#domain/caller';
import { Refusal } from '#domain/refusal';
import type { ExportSystemStore } from '../../../src/export-tracking/ports.ts';

export const reseller = '65f000000000000000000001';
export const otherReseller = '65f000000000000000000002';
export const now = new Date('2026-11-03T10:00:00.000Z');
export const clock = { now: () => now };

export const admin: Caller = { userId: 'admin-1', role: 'ADMIN' };
export const resellerCaller: Caller = {
  userId: 'staff-1',
  role: 'RESELLER',
  reseller,
  email: 'staff@telco.dk',
};
export const user: Caller = {
  userId: 'user-1',
  role: 'USER',
  reseller,
  customer: '54463ed73fc6ea53780080cf',
};

export const system = (name: string, registeredAt = '2026-10-01T00:00:00.000Z'): ExportSystem => ({
  name,
  generation: `gen-${name}`,
  registeredAt,
  frontier: '0',
});

/** A registry holding these systems; registering adds one as the store does. */
export const exportSystemsWith = (...names: string[]): ExportSystemStore => ({
  listExportSystems: vi.fn(async () => names.map((name) => system(name))),
  registerExportSystem: vi.fn(async (_reseller, name: string) => system(name, now.toISOString())),
  retireExportSystem: vi.fn(async (_reseller, name: string) => names.includes(name)),
});

/** The refusal a promise was rejected with, in the seeds' error form. */
export const refusalOf = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (rejected: unknown) => rejected,
  );
  expect(error).toBeInstanceOf(Refusal);
  return (error as Refusal).toBody();
};
