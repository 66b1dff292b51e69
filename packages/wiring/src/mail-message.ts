/**
 * A message of the mail queue: one e-mail, as the queue's sender (functions/mail/send.ts) hands it
 * to SES. Written by sqs-mail-queue.ts.
 *
 * Read by hand rather than by a zod schema: the sender is a worker that would otherwise bundle a
 * schema library for four fields.
 */
import type { Notification } from '#app/ports/mailer';

export class MalformedMailMessage extends Error {
  public override readonly name = 'MalformedMailMessage';
}

/** An e-mail whose addresses are checked (recipients.ts): what a message of the mail queue holds. */
export interface QueuedMail extends Notification {
  readonly to: readonly string[];
}

/** The message body of `mail`: its four fields, nothing else the caller's object may carry. */
export const mailMessageBody = ({ to, subject, text, html }: QueuedMail): string =>
  JSON.stringify({ to, subject, text, html });

const isText = (value: unknown): value is string => typeof value === 'string';

/** The e-mail, or MalformedMailMessage naming every field that is wrong. */
export const readMailMessage = (body: unknown): QueuedMail => {
  const message = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const problems = [
    ...(Array.isArray(message.to) && message.to.length > 0 && message.to.every(isText)
      ? []
      : ['to is not a list of addresses']),
    ...(['subject', 'text', 'html'] as const).flatMap((field) =>
      isText(message[field]) ? [] : [`${field} is not text`],
    ),
  ];
  if (problems.length > 0) throw new MalformedMailMessage(`The e-mail is malformed: ${problems.join('; ')}`);
  return {
    to: message.to as string[],
    subject: message.subject as string,
    text: message.text as string,
    html: message.html as string,
  };
};
