/**
 * The records, errors and limits of the store that use cases see, defined here so that the
 * application layer never imports the store; the store (packages/store) implements them. The use
 * cases' own store ports (the functions each needs) are declared beside them.
 */

export * from './store/bookings.ts';
export * from './store/exported-to.ts';
export * from './store/exports.ts';
export * from './store/idempotency.ts';
export * from './store/invoices.ts';
export * from './store/monthly-close.ts';
export * from './store/paging.ts';
export * from './store/tenancy.ts';
