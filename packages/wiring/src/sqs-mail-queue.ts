/**
 * E-mail as the export saga and the monthly close send it: onto the mail queue, which one function
 * (functions/mail/send.ts) hands to SES. Only that function holds the SES client; a step that
 * e-mails holds SQS's, which it shares much of with DynamoDB's (docs/architecture.md, "E-mail").
 *
 * The recipients are checked here (recipients.ts), so the step learns at once who will be told, and
 * nothing is queued when nobody can be. Each e-mail is its own message group, deduplicated by its
 * digest: the same e-mail queued twice within SQS's five-minute window (a step retried after it
 * queued, before it recorded that) is sent once.
 */
import { createHash } from 'node:crypto';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Mailer } from '#app/ports/mailer';
import { mailMessageBody } from './mail-message.ts';
import { recipientsOf } from './recipients.ts';

export const sqsMailQueue = (sqs: SQSClient, queueUrl: () => string | undefined): Mailer => ({
  async send(notification) {
    const recipients = recipientsOf(notification);
    if (recipients.length === 0) return [];
    const body = mailMessageBody({ ...notification, to: recipients });
    const digest = createHash('sha256').update(body).digest('hex');
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: queueUrl(),
        MessageBody: body,
        MessageGroupId: digest,
        MessageDeduplicationId: digest,
      }),
    );
    return recipients;
  },
});

/** One client per Lambda container, so that its connection is reused across invocations. */
export const queuedMailer: Mailer = sqsMailQueue(new SQSClient({}), () => process.env.MAIL_QUEUE_URL);
