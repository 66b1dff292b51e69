/**
 * A product of the platform's catalogue, with the three prices the three roles see: what the
 * platform pays (cost, ADMIN), what the reseller pays (wholesale) and what the customer pays
 * (price). Amounts are kept as the decimal numbers the API received; arithmetic on them goes
 * through the money module, never through binary floating point.
 */
export const unitTypes = ['MIN', 'MB', 'UNITS', 'HOURS', 'KM', 'MONTHS'] as const;
export type UnitType = (typeof unitTypes)[number];

/** Subscriptions recur; usage is metered (calls, data); one-off is billed once. */
export const productKinds = ['subscription', 'usage', 'one-off'] as const;
export type ProductKind = (typeof productKinds)[number];

export interface Product {
  readonly id: string;
  /** The product number in the accounting system, e.g. 'IN4010'. */
  readonly productCode: string;
  readonly name: string;
  readonly description?: string;
  readonly unitType: UnitType;
  readonly unitCost: number;
  readonly unitWholesale: number;
  readonly unitPrice: number;
  readonly vatExempt: boolean;
  readonly kind: ProductKind;
  /** Included in another subscription, so free: hidden on invoices unless asked for. */
  readonly included: boolean;
  /** A licence billed on behalf of a third party: shown only when external licences are asked for. */
  readonly externalLicense: boolean;
  /** Barred products may not be used on new invoice lines. */
  readonly barred: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}
