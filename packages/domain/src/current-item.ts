/**
 * An item on a customer's current invoice: what the customer will be billed next. Recurring
 * items stay and are billed again each period by the monthly close; locked items may not be
 * taken into an invoice by hand.
 */
export const recurrences = ['NONE', 'MONTHLY', 'QUARTERLY', 'YEARLY'] as const;
export type Recurrence = (typeof recurrences)[number];

export interface CurrentItem {
  readonly id: string;
  readonly reseller: string;
  readonly customer: string;
  readonly product: string;
  /** May be negative: a credit. */
  readonly units: number;
  readonly unitCost?: number;
  readonly unitWholesale?: number;
  readonly unitPrice?: number;
  readonly description?: string;
  /** ISO dates (YYYY-MM-DD): the period the item covers. */
  readonly from?: string;
  readonly to?: string;
  readonly recurrence: Recurrence;
  readonly locked: boolean;
  /** Bill whole months even when the item starts or stops inside one. */
  readonly fullMonth: boolean;
  readonly createdAt: string;
  /**
   * The period invoice that is billing the item right now (a close consuming more items than one
   * transaction holds claims them first): no other invoice may take it, nobody may delete it.
   */
  readonly claimedBy?: string;
}
