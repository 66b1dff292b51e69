/**
 * The errors an adapter throws are the domain's (packages/domain/src/accounting-failures.ts): the
 * saga's Retry and Catch and the refusals in Faktura's words match them by name.
 */
export * from '#domain/accounting-failures';
