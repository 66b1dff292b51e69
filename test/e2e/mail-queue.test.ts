import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '#domain/ids';
import { createLambdaContext } from '#local/services/context';
import { sentMail } from './support/accounting.ts';
import { useTestStackInProcess } from './support/in-process.ts';

type Mailer = typeof import('#wiring/sqs-mail-queue');
type Sender = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

/**
 * E-mail on its way out: a step queues it (packages/wiring/src/sqs-mail-queue.ts) on the test
 * stack's mail queue, and the stack's sender (functions/mail/send.ts, fed by the queue as Lambda's
 * event source mapping feeds it) hands it to SES. The queueing side runs in this process, as the
 * saga's and the close's steps run it.
 */
describe('the mail queue', () => {
  let mailer: Mailer;
  let sender: Sender;

  beforeAll(async () => {
    useTestStackInProcess();
    mailer = await import('#wiring/sqs-mail-queue');
    ({ handler: sender } = (await import('../../functions/mail/send.ts')) as unknown as { handler: Sender });
  });

  const notification = (marker: string) => ({
    to: ['finance@reseller.example', 'not an address', 'staff@reseller.example'],
    subject: `Eksport gennemført ${marker}`,
    text: `Alle fakturaer er overført. ${marker}`,
    html: `<p>Alle fakturaer er overført. ${marker}</p>`,
  });

  it('sends a queued e-mail through SES to each deliverable address, with both parts', async () => {
    // Prepare
    const marker = newId();

    // Act
    const queuedTo = await mailer.queuedMailer.send(notification(marker));

    // Assess
    expect(queuedTo).toEqual(['finance@reseller.example', 'staff@reseller.example']);
    const mail = (await sentMail()).filter((m) => m.subject.includes(marker));
    expect(mail).toEqual([
      {
        subject: `Eksport gennemført ${marker}`,
        to: ['finance@reseller.example', 'staff@reseller.example'],
        text: `Alle fakturaer er overført. ${marker}`,
        html: `<p>Alle fakturaer er overført. ${marker}</p>`,
      },
    ]);
  });

  it('sends the same e-mail once when a retried step queues it again, and another e-mail as well', async () => {
    // Prepare
    const [marker, other] = [newId(), newId()];

    // Act: the step, the step retried after it queued, and the next e-mail
    await mailer.queuedMailer.send(notification(marker));
    await mailer.queuedMailer.send(notification(marker));
    await mailer.queuedMailer.send(notification(other));

    // Assess
    const mail = await sentMail();
    expect(mail.filter((m) => m.subject.includes(marker))).toHaveLength(1);
    expect(mail.filter((m) => m.subject.includes(other))).toHaveLength(1);
  });

  it('sends the good e-mails of a batch and reports the malformed one alone as failed, for SQS to retry and then park', async () => {
    // Prepare
    const marker = newId();
    const record = (messageId: string, body: string) =>
      ({
        messageId,
        body,
        attributes: { MessageGroupId: messageId },
      }) as unknown as SQSEvent['Records'][number];
    const good = JSON.stringify({ ...notification(marker), to: ['finance@reseller.example'] });

    // Act
    const answer = await sender(
      { Records: [record('m1', '{"to":[],"subject":"x"}'), record('m2', good)] },
      createLambdaContext({ functionName: 'mail-send', timeoutSeconds: 30 }),
    );

    // Assess
    expect(answer).toEqual({ batchItemFailures: [{ itemIdentifier: 'm1' }] });
    expect((await sentMail()).filter((m) => m.subject.includes(marker))).toHaveLength(1);
  });
});
