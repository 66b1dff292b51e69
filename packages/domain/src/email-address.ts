/**
 * What counts as one e-mail address, for the addresses Faktura stores (reseller, customer and
 * accounting contacts) and for every address an e-mail is sent to, the `email` claim of a token
 * included. One rule in plain code, so that the workers that send mail check it without bundling
 * a validation library: a local part of letters, digits and `_ ' + - .` (no leading dot, no two
 * dots in a row), an `@`, and a domain of dot-separated labels ending in a letters-only top-level
 * label. Nothing else: no display name, no list, no white space or line break.
 */
export const mailboxAddressPattern =
  /^(?!\.)(?!.*\.\.)[A-Za-z0-9_'+\-.]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

/** SMTP's limit on a forward path (RFC 5321, 4.5.3.1.3). */
export const maxMailboxAddressLength = 254;

export const isMailboxAddress = (value: unknown): value is string =>
  typeof value === 'string' && value.length <= maxMailboxAddressLength && mailboxAddressPattern.test(value);
