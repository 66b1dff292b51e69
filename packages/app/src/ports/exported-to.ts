/**
 * Whether an invoice's header records an export to a set of books. The store keeps that record in
 * its own layout (packages/store/src/exported-to.ts); use cases read it through here only.
 */
export { isExportedTo } from '#store/exported-to';
