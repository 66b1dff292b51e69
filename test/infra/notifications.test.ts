import { beforeAll, describe, expect, it } from 'vitest';
import { functions as catalog, environmentNames, type Grant } from '#infra/catalog';
import {
  functionsByCatalogName,
  onlyResourceOfType,
  roleOfFunction,
  type SynthesizedFaktura,
  statementsAllowing,
  statementsOfRole,
  synthesizeFaktura,
} from './template.ts';

const senders = Object.entries(catalog)
  .filter(([, spec]) => (spec.grants as readonly Grant[]).includes('email:send'))
  .map(([name]) => name);

describe('notification e-mail (SES)', () => {
  let faktura: SynthesizedFaktura;
  let identityId: string;
  let configurationSetId: string;

  beforeAll(() => {
    faktura = synthesizeFaktura({ notificationDomain: 'billing.example.dk' });
    [identityId] = onlyResourceOfType(faktura.json, 'AWS::SES::EmailIdentity');
    [configurationSetId] = onlyResourceOfType(faktura.json, 'AWS::SES::ConfigurationSet');
  });

  it('verifies the notification domain, sending through the configuration set by default', () => {
    // Assess
    faktura.template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'billing.example.dk',
      ConfigurationSetAttributes: { ConfigurationSetName: { Ref: configurationSetId } },
    });
  });

  it('counts reputation, suppresses bounces and complaints, and requires TLS', () => {
    // Assess
    faktura.template.hasResourceProperties('AWS::SES::ConfigurationSet', {
      ReputationOptions: { ReputationMetricsEnabled: true },
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
      DeliveryOptions: { TlsPolicy: 'REQUIRE' },
    });
  });

  it('publishes the DKIM records to add to the DNS zone', () => {
    // Assess
    const outputs = Object.values(faktura.json.Outputs as Record<string, { Description?: string }>);
    expect(outputs.filter((o) => o.Description?.startsWith('DKIM CNAME'))).toHaveLength(3);
  });

  it.each(senders)('lets %s send from the identity through the configuration set only', (name) => {
    // Prepare
    const [, fn] = functionsByCatalogName(faktura.json).get(name)!;
    const sends = statementsAllowing(statementsOfRole(faktura.json, roleOfFunction(fn)), 'ses:SendEmail');
    const resources = JSON.stringify(sends.map((s) => s.Resource));

    // Assess
    expect(sends).toHaveLength(1);
    expect(sends[0]?.Action).toBe('ses:SendEmail');
    expect(resources).toContain(`:identity/",{"Ref":"${identityId}"}`);
    expect(resources).toContain(`:configuration-set/",{"Ref":"${configurationSetId}"}`);
    expect(fn.Properties.Environment.Variables).toMatchObject({
      [environmentNames.notificationSender]: 'faktura@billing.example.dk',
      [environmentNames.notificationConfigurationSet]: { Ref: configurationSetId },
    });
  });
});
