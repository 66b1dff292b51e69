/**
 * The catalogue's resources as the API shows them: ids as `_id`, like every resource in the seed
 * documents, and each role's own prices only (invoice/visibility.ts: cost to ADMIN, wholesale to
 * RESELLER and ADMIN). These are also what an `Idempotency-Key` replay answers, so they are fixed
 * when the object is created.
 */
import type { CurrentItem } from './current-item.ts';
import type { Customer } from './customer.ts';
import { canSee, type ViewerRole } from './invoice/visibility.ts';
import type { Product } from './product.ts';
import type { Reseller } from './reseller.ts';

export const presentCustomer = ({ id, ...rest }: Customer) => ({ _id: id, ...rest });

export const presentReseller = ({ id, ...rest }: Reseller) => ({ _id: id, ...rest });

export const presentProduct = ({ id, unitCost, unitWholesale, ...rest }: Product, role: ViewerRole) => ({
  _id: id,
  ...rest,
  ...(canSee(role, 'cost') ? { unitCost } : {}),
  ...(canSee(role, 'wholesale') ? { unitWholesale } : {}),
});

/** An override the role may not see is left out; the item's claim by a close is nobody's business. */
export const presentCurrentItem = (
  { id, unitCost, unitWholesale, claimedBy: _claimedBy, ...rest }: CurrentItem,
  role: ViewerRole,
) => ({
  _id: id,
  ...rest,
  ...(canSee(role, 'cost') && unitCost !== undefined ? { unitCost } : {}),
  ...(canSee(role, 'wholesale') && unitWholesale !== undefined ? { unitWholesale } : {}),
});
