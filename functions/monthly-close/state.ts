/**
 * The close's state moved to packages/app/src/monthly-close/close-state.ts; this stays only while
 * finish-reseller.ts still imports it from here.
 */
export * from '#app/monthly-close/close-state';
