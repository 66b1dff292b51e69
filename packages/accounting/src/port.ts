/** The port these adapters implement is the application's (packages/app/src/ports/accounting.ts). */
export type * from '#app/ports/accounting';
