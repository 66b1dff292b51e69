import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { exportReport } from '#domain/export-report';
import { exportJob } from '../../../domain/tests/unit/export-job-fixture.ts';
import { type SenderSettings, sesMailer } from '../../src/ses-mailer.ts';

const ses = new SESv2Client({ region: 'eu-west-1' });
const sesMock = mockClient(ses);
const mailerFrom = (sender: SenderSettings) => sesMailer(ses, () => sender);
const sender = { from: 'faktura@example.com', configurationSet: 'faktura-notifications' };

describe('sesMailer', () => {
  beforeEach(() => sesMock.reset());

  it('sends one e-mail with both parts from the sender, under its configuration set, to each address once', async () => {
    // Act
    const sentTo = await mailerFrom(sender).send({
      to: ['finance@example.com', undefined, '', 'finance@example.com', 'user@example.com'],
      subject: 'Eksport gennemført',
      text: 'Alle fakturaer er overført.',
      html: '<p>Alle fakturaer er overført.</p>',
    });

    // Assess: Simple content with Text and Html, which SES sends as multipart/alternative
    expect(sesMock.commandCalls(SendEmailCommand).map((call) => call.args[0].input)).toEqual([
      {
        FromEmailAddress: 'faktura@example.com',
        Destination: { ToAddresses: ['finance@example.com', 'user@example.com'] },
        Content: {
          Simple: {
            Subject: { Data: 'Eksport gennemført', Charset: 'UTF-8' },
            Body: {
              Text: { Data: 'Alle fakturaer er overført.', Charset: 'UTF-8' },
              Html: { Data: '<p>Alle fakturaer er overført.</p>', Charset: 'UTF-8' },
            },
          },
        },
        ConfigurationSetName: 'faktura-notifications',
      },
    ]);
    expect(sentTo).toEqual(['finance@example.com', 'user@example.com']);
  });

  it('sends an export’s e-mail as it is rendered: the text, and the HTML with its table of invoices', async () => {
    // Prepare: a Danish export of two invoices, one customer's name full of markup
    const report = exportReport(
      exportJob({ requestedBy: { userId: 'u1', email: 'staff@telco.example' } }),
      [
        { invoice: 'a', reference: 'FK-job1-a', state: 'created', draftNumber: '9', at: '' },
        { invoice: 'b', reference: 'FK-job1-b', state: 'created', draftNumber: '12', at: '' },
      ],
      { name: 'Nordlys', language: 'da' },
      {
        shown: [
          {
            customer: 'Fjord & Co <A/S>',
            invoiceNumber: '1001',
            amount: 1250,
            draftNumber: '9',
            outcome: 'created',
          },
          {
            customer: 'Nordvej "3"',
            invoiceNumber: '1002',
            amount: 99.5,
            draftNumber: '12',
            outcome: 'created',
          },
        ],
        notShown: 0,
        total: 1349.5,
      },
    );

    // Act
    await mailerFrom(sender).send({ to: ['books@telco.example'], ...report });

    // Assess: the request exactly; its HTML part is kept beside this test, to read and to open in a browser
    const [request] = sesMock.commandCalls(SendEmailCommand).map((call) => call.args[0].input);
    expect(request).toEqual({
      FromEmailAddress: 'faktura@example.com',
      Destination: { ToAddresses: ['books@telco.example'] },
      Content: {
        Simple: {
          Subject: { Data: 'Faktura: 2 fakturaer eksporteret til e-conomic (2026-11)', Charset: 'UTF-8' },
          Body: {
            Text: {
              Data: [
                'Hej Nordlys',
                '',
                'Eksporten af fakturaerne for 2026-11 til e-conomic er gennemført.',
                '2 fakturaer er oprettet som kladdeordrer: 9, 12.',
                '',
                'Kunde | Faktura | Beløb inkl. moms | Kladdeordre | Udfald:',
                '- Fjord & Co <A/S> | 1001 | 1.250,00 kr. | 9 | Oprettet',
                '- Nordvej "3" | 1002 | 99,50 kr. | 12 | Oprettet',
                'I alt: 1.349,50 kr.',
                '',
                'Hvad nu:',
                '1. Gennemse kladdeordrerne i e-conomic, og bogfør dem, når de er rigtige.',
                '2. Fakturanumre, sendt og betalt kommer tilbage til Faktura ved næste bogføringssynkronisering.',
                '',
                'Eksport-id: job1',
              ].join('\n'),
              Charset: 'UTF-8',
            },
            Html: { Data: expect.any(String), Charset: 'UTF-8' },
          },
        },
      },
      ConfigurationSetName: 'faktura-notifications',
    });
    await expect(request?.Content?.Simple?.Body?.Html?.Data).toMatchFileSnapshot(
      './mail/export-succeeded.da.html',
    );
  });

  it('skips an address that is not one mailbox and sends to the others', async () => {
    // Act
    const sentTo = await mailerFrom(sender).send({
      to: ['a@example.com, b@example.com', 'ok@example.com', 'no-at-sign'],
      subject: 's',
      text: 't',
      html: 'h',
    });

    // Assess
    expect(sesMock.commandCalls(SendEmailCommand)[0]?.args[0].input.Destination).toEqual({
      ToAddresses: ['ok@example.com'],
    });
    expect(sentTo).toEqual(['ok@example.com']);
  });

  it('sends nothing when no address is deliverable', async () => {
    // Act
    const sentTo = await mailerFrom(sender).send({
      to: [undefined, 'x'],
      subject: 's',
      text: 't',
      html: 'h',
    });

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
      html: 'h',
    });

    // Assess
    expect(sesMock.commandCalls(SendEmailCommand)[0]?.args[0].input).not.toHaveProperty(
      'ConfigurationSetName',
    );
  });
});
