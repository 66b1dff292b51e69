import { createHash } from 'node:crypto';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { sqsMailQueue } from '../../src/sqs-mail-queue.ts';

const queueUrl = 'https://sqs.eu-west-1.amazonaws.com/123456789012/mail.fifo';
const sqs = new SQSClient({ region: 'eu-west-1' });
const sqsMock = mockClient(sqs);
const mailer = sqsMailQueue(sqs, () => queueUrl);
const mail = {
  subject: 'Eksport gennemført',
  text: 'Alle fakturaer er overført.',
  html: '<p>Alle fakturaer er overført.</p>',
};
const sent = () => sqsMock.commandCalls(SendMessageCommand).map((call) => call.args[0].input);

describe('sqsMailQueue', () => {
  beforeEach(() => sqsMock.reset());

  it('queues the e-mail to each deliverable address once, in its own group, deduplicated by its digest', async () => {
    // Act
    const sentTo = await mailer.send({
      to: ['finance@example.com', undefined, '', 'finance@example.com', 'user@example.com'],
      ...mail,
    });

    // Assess
    const body = JSON.stringify({ to: ['finance@example.com', 'user@example.com'], ...mail });
    const digest = createHash('sha256').update(body).digest('hex');
    expect(sent()).toEqual([
      { QueueUrl: queueUrl, MessageBody: body, MessageGroupId: digest, MessageDeduplicationId: digest },
    ]);
    expect(sentTo).toEqual(['finance@example.com', 'user@example.com']);
  });

  it('gives the same e-mail the same deduplication id, and another e-mail another', async () => {
    // Act: a step retried after it queued, and the next export's e-mail
    await mailer.send({ to: ['finance@example.com'], ...mail });
    await mailer.send({ to: ['finance@example.com'], ...mail });
    await mailer.send({ to: ['finance@example.com'], ...mail, subject: 'Eksport fejlet' });

    // Assess
    const [first, retried, next] = sent().map((input) => input.MessageDeduplicationId);
    expect(retried).toBe(first);
    expect(next).not.toBe(first);
  });

  it('queues nothing when no address is deliverable, and says nobody was told', async () => {
    // Act
    const sentTo = await mailer.send({
      to: [undefined, 'not an address', 'a@example.com\nBcc: b@x.dk'],
      ...mail,
    });

    // Assess
    expect(sent()).toEqual([]);
    expect(sentTo).toEqual([]);
  });

  it('fails when SQS refuses the message, so the step is retried and nothing is recorded as told', async () => {
    // Prepare
    sqsMock
      .on(SendMessageCommand)
      .rejects(Object.assign(new Error('throttled'), { name: 'ThrottlingException' }));

    // Act & Assess
    await expect(mailer.send({ to: ['finance@example.com'], ...mail })).rejects.toThrow('throttled');
  });
});
