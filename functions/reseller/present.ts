import type { Reseller } from '#domain/reseller';

/** The reseller as the API shows it: ids as `_id`, like every resource in the seed documents. */
export const presentReseller = ({ id, ...rest }: Reseller) => ({ _id: id, ...rest });
