/**
 * Sends one plain-text e-mail through SES from the stack's notification sender, under its
 * configuration set when there is one (bounces and complaints are tracked there). Every e-mail
 * Faktura sends goes through here, so they all come from the same address with the same tracking,
 * and every destination is checked here (recipients.ts): a bad one is skipped, the others are sent.
 */
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { logger } from '#lambda/observability';
import { deliverableRecipients } from './recipients.ts';

const ses = new SESv2Client({});

export interface Notification {
  readonly to: readonly (string | undefined)[];
  readonly subject: string;
  readonly text: string;
}

/** Resolves to the addresses it was sent to; none (and nothing sent) when no address is deliverable. */
export const sendNotification = async ({ to, subject, text }: Notification): Promise<string[]> => {
  const recipients = deliverableRecipients(to);
  if (recipients.length === 0) {
    logger.warn('E-mail not sent: no deliverable recipient', { subject });
    return [];
  }
  await ses.send(
    new SendEmailCommand({
      FromEmailAddress: process.env.NOTIFICATION_SENDER,
      Destination: { ToAddresses: recipients },
      Content: {
        Simple: {
          Subject: { Data: subject, Charset: 'UTF-8' },
          Body: { Text: { Data: text, Charset: 'UTF-8' } },
        },
      },
      ...(process.env.NOTIFICATION_CONFIGURATION_SET
        ? { ConfigurationSetName: process.env.NOTIFICATION_CONFIGURATION_SET }
        : {}),
    }),
  );
  return recipients;
};
