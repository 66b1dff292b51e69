/**
 * Who an e-mail may go to. An address reaches SES only if it is one mailbox by the same rule the
 * API applies to the addresses it stores (packages/domain/src/email-address.ts): the `email` claim
 * of a token is not checked by anyone before us, and a value with a line break, a comma-separated list or no `@` would
 * otherwise become a destination (or make SES refuse the whole message, so that nobody is told).
 * A bad one is logged and skipped; the others still get the e-mail.
 */
import { isMailboxAddress } from '#domain/email-address';
import { logger } from '#lambda/observability';

/** The deliverable addresses among `candidates`, each once, in order; the others are logged. */
export const deliverableRecipients = (candidates: readonly (string | undefined)[]): string[] => {
  const deliverable = new Set<string>();
  for (const candidate of candidates) {
    if (candidate === undefined || candidate === '') continue;
    if (isMailboxAddress(candidate)) deliverable.add(candidate);
    // JSON-quoted and cut short: a logged control character or a huge claim must not forge log lines.
    else
      logger.warn('E-mail recipient skipped: not one e-mail address', {
        recipient: JSON.stringify(candidate).slice(0, 120),
      });
  }
  return [...deliverable];
};

/**
 * The deliverable addresses of an e-mail; none, with a warning naming its subject, when nobody can
 * be told (the mail is then not sent, by the queue nor by SES).
 */
export const recipientsOf = ({
  to,
  subject,
}: {
  readonly to: readonly (string | undefined)[];
  readonly subject: string;
}): string[] => {
  const recipients = deliverableRecipients(to);
  if (recipients.length === 0) logger.warn('E-mail not sent: no deliverable recipient', { subject });
  return recipients;
};
