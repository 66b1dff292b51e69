/**
 * The mail queue's consumer: each e-mail the export saga and the monthly close queued
 * (packages/wiring/src/sqs-mail-queue.ts) is sent through SES from Faktura's sender. The only
 * function that holds the SES client. An e-mail SES does not take (throttled, or SES down) goes
 * back to the queue and is sent again; after five tries it waits in the dead-letter queue, which
 * alarms.
 */
import { queueWorker } from '#lambda/queue-worker';
import { readMailMessage } from '#wiring/mail-message';
import { mailer } from '#wiring/ses-mailer';

export const handler = queueWorker({
  message: readMailMessage,
  handle: async (mail) => {
    await mailer.send(mail);
  },
});
