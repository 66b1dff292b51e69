import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { type SenderSettings, sesMailer } from '../../src/ses-mailer.ts';

const ses = new SESv2Client({ region: 'eu-west-1' });
const sesMock = mockClient(ses);
const mailerFrom = (sender: SenderSettings) => sesMailer(ses, () => sender);
const sender = { from: 'faktura@example.com', configurationSet: 'faktura-notifications' };

describe('sesMailer', () => {
  beforeEach(() => sesMock.reset());

  it('sends one plain-text e-mail from the sender, under its configuration set, to each address once', async () => {
    // Act
    const sentTo = await mailerFrom(sender).send({
      to: ['finance@example.com', undefined, '', 'finance@example.com', 'user@example.com'],
      subject: 'Eksport gennemført',
      text: 'Alle fakturaer er overført.',
    });

    // Assess
    expect(sesMock.commandCalls(SendEmailCommand).map((call) => call.args[0].input)).toEqual([
      {
        FromEmailAddress: 'faktura@example.com',
        Destination: { ToAddresses: ['finance@example.com', 'user@example.com'] },
        Content: {
          Simple: {
            Subject: { Data: 'Eksport gennemført', Charset: 'UTF-8' },
            Body: { Text: { Data: 'Alle fakturaer er overført.', Charset: 'UTF-8' } },
          },
        },
        ConfigurationSetName: 'faktura-notifications',
      },
    ]);
    expect(sentTo).toEqual(['finance@example.com', 'user@example.com']);
  });

  it('sends the HTML part beside the text part, as one multipart/alternative e-mail', async () => {
    // Act
    await mailerFrom(sender).send({
      to: ['finance@example.com'],
      subject: 'Eksport gennemført',
      text: 'Alle fakturaer er overført.',
      html: '<p>Alle fakturaer er overført.</p>',
    });

    // Assess
    expect(sesMock.commandCalls(SendEmailCommand)[0]?.args[0].input.Content).toEqual({
      Simple: {
        Subject: { Data: 'Eksport gennemført', Charset: 'UTF-8' },
        Body: {
          Text: { Data: 'Alle fakturaer er overført.', Charset: 'UTF-8' },
          Html: { Data: '<p>Alle fakturaer er overført.</p>', Charset: 'UTF-8' },
        },
      },
    });
  });

  it('skips an address that is not one mailbox and sends to the others', async () => {
    // Act
    const sentTo = await mailerFrom(sender).send({
      to: ['a@example.com, b@example.com', 'ok@example.com', 'no-at-sign'],
      subject: 's',
      text: 't',
    });

    // Assess
    expect(sesMock.commandCalls(SendEmailCommand)[0]?.args[0].input.Destination).toEqual({
      ToAddresses: ['ok@example.com'],
    });
    expect(sentTo).toEqual(['ok@example.com']);
  });

  it('sends nothing when no address is deliverable', async () => {
    // Act
    const sentTo = await mailerFrom(sender).send({ to: [undefined, 'x'], subject: 's', text: 't' });

    // Assess
    expect(sesMock.commandCalls(SendEmailCommand)).toEqual([]);
    expect(sentTo).toEqual([]);
  });

  it('leaves the configuration set out when the stack has none', async () => {
    // Act
    await mailerFrom({ ...sender, configurationSet: undefined }).send({
      to: ['a@example.com'],
      subject: 's',
      text: 't',
    });

    // Assess
    expect(sesMock.commandCalls(SendEmailCommand)[0]?.args[0].input).not.toHaveProperty(
      'ConfigurationSetName',
    );
  });
});
