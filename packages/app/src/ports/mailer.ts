/**
 * One e-mail: its plain text and the same as HTML, sent together as multipart/alternative, so each
 * mail client shows the part it can (both rendered from one content: #domain/mail/render-mail).
 * Undefined or empty addresses are allowed and skipped by the mailer.
 */
export interface Notification {
  readonly to: readonly (string | undefined)[];
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/**
 * Sends e-mail from Faktura's one sender. Resolves to the addresses it was sent to; none (and
 * nothing sent) when no address is deliverable (the rule: packages/domain/src/email-address.ts).
 */
export interface Mailer {
  send(notification: Notification): Promise<string[]>;
}
