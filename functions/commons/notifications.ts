/**
 * Sends one plain-text e-mail through SES from the stack's notification sender, under its
 * configuration set when there is one (bounces and complaints are tracked there). Every e-mail
 * Faktura sends goes through here, so they all come from the same address with the same tracking.
 */
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';

const ses = new SESv2Client({});

export interface Notification {
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
}

export const sendNotification = async ({ to, subject, text }: Notification): Promise<void> => {
  await ses.send(
    new SendEmailCommand({
      FromEmailAddress: process.env.NOTIFICATION_SENDER,
      Destination: { ToAddresses: [...to] },
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
};
