import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearSentEmails, type LocalSes, readSentEmails, startSes } from '../../src/services/ses.ts';

/** The local SES, driven by the real `@aws-sdk/client-sesv2`, its mail read back from `/store`. */
const region = 'eu-west-1';
let folder: string;
let file: string;
let service: LocalSes;

const send = (endpoint: string, subject: string) =>
  new SESv2Client({ endpoint, region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }).send(
    new SendEmailCommand({
      FromEmailAddress: 'faktura@faktura.local',
      Destination: { ToAddresses: ['user@reseller.example'], CcAddresses: ['bogholderi@customer.example'] },
      Content: {
        Simple: {
          Subject: { Data: subject },
          Body: {
            Text: { Data: 'The export finished: 12 invoices.' },
            Html: { Data: '<p>The export finished.</p>' },
          },
        },
      },
    }),
  );

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'faktura-ses-'));
  file = join(folder, 'ses.json');
  service = await startSes({ port: 0, file });
});

afterAll(async () => {
  await service?.stop();
  rmSync(folder, { recursive: true, force: true });
});

describe('the local SES', () => {
  it('keeps what SendEmail sent and serves it at /store', async () => {
    // Prepare
    await clearSentEmails(service.endpoint);

    // Act
    const sent = await send(service.endpoint, 'Export succeeded');
    const emails = await readSentEmails(service.endpoint);

    // Assess
    expect(sent.MessageId).toEqual(expect.any(String));
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({
      messageId: sent.MessageId,
      from: 'faktura@faktura.local',
      destination: { to: ['user@reseller.example'], cc: ['bogholderi@customer.example'], bcc: [] },
      subject: 'Export succeeded',
      body: { text: 'The export finished: 12 invoices.', html: '<p>The export finished.</p>' },
    });
    expect(service.sentEmails().map((email) => email.messageId)).toEqual([sent.MessageId]);
  });

  it('serves the viewer at /', async () => {
    // Act
    const response = await fetch(`${service.endpoint}/`);

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
  });

  it('keeps sent mail across a restart when given a file', async () => {
    // Prepare
    await clearSentEmails(service.endpoint);
    const sent = await send(service.endpoint, 'Export failed');

    // Act
    await service.stop();
    service = await startSes({ port: 0, file });
    const emails = await readSentEmails(service.endpoint);

    // Assess
    expect(emails.map((email) => [email.messageId, email.subject])).toEqual([
      [sent.MessageId, 'Export failed'],
    ]);
  });

  it('refuses a second server in the same process (the package has one store per process)', async () => {
    // Act
    const second = await startSes({ port: 0 }).then(
      (started) => started,
      (error: unknown) => error,
    );

    // Assess
    expect(second).toMatchObject({ message: expect.stringMatching(/already runs in this process/) });
  });
});
