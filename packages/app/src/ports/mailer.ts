/**
 * One e-mail: its plain text and, when given, the same as HTML (sent together as
 * multipart/alternative). Undefined or empty addresses are allowed and skipped by the mailer.
 */
export interface Notification {
  readonly to: readonly (string | undefined)[];
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
}

/**
 * Sends e-mail from Faktura's one sender. Resolves to the addresses it was sent to; none (and
 * nothing sent) when no address is deliverable (the rule: packages/domain/src/email-address.ts).
 */
export interface Mailer {
  send(notification: Notification): Promise<string[]>;
}
