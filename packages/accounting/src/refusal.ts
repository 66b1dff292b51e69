import { AccountingRejected } from '#domain/accounting-failures';

/**
 * A request the adapter refuses to send because the accounting system would reject it, or because
 * sending it would change what the accountant sees (a price rounded, a reference cut short).
 * `status` 0 says that nothing was sent; `detail` names the field, as the system's own error would.
 */
export const refuse = (message: string, detail: { readonly field: string; readonly value?: unknown }) =>
  new AccountingRejected(message, 0, detail);
