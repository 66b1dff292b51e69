/**
 * E-mail through SES from the stack's notification sender, under its configuration set when there
 * is one (bounces and complaints are tracked there). Every e-mail Faktura sends goes through here,
 * so they all come from the same address with the same tracking, and every destination is checked
 * here (recipients.ts): a bad one is skipped, the others are sent.
 */
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { Mailer } from '#app/ports/mailer';
import { recipientsOf } from './recipients.ts';

export interface SenderSettings {
  readonly from: string | undefined;
  readonly configurationSet: string | undefined;
}

export const sesMailer = (ses: SESv2Client, sender: () => SenderSettings): Mailer => ({
  async send({ to, subject, text, html }) {
    const recipients = recipientsOf({ to, subject });
    if (recipients.length === 0) return [];
    const { from, configurationSet } = sender();
    await ses.send(
      new SendEmailCommand({
        FromEmailAddress: from,
        Destination: { ToAddresses: recipients },
        Content: {
          Simple: {
            Subject: { Data: subject, Charset: 'UTF-8' },
            // Simple content with Text and Html: SES builds the multipart/alternative itself, so
            // there is no MIME to assemble here (as Raw content would need) and nothing to get wrong.
            Body: {
              Text: { Data: text, Charset: 'UTF-8' },
              Html: { Data: html, Charset: 'UTF-8' },
            },
          },
        },
        ...(configurationSet ? { ConfigurationSetName: configurationSet } : {}),
      }),
    );
    return recipients;
  },
});

/** One client per Lambda container, so that its connection is reused across invocations. */
export const mailer: Mailer = sesMailer(new SESv2Client({}), () => ({
  from: process.env.NOTIFICATION_SENDER,
  configurationSet: process.env.NOTIFICATION_CONFIGURATION_SET,
}));
