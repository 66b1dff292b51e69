/**
 * Who is asking: a platform ADMIN, a RESELLER (a tenant), or a customer's USER. Every use case
 * decides what the caller may see and do from this alone; how it was proven (a verified token's
 * claims) is the API's business (packages/lambda-kit/src/caller.ts).
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
