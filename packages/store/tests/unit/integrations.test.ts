import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import type { IntegrationSettings } from '#domain/integration';
import { integrationRepository } from '../../src/integrations.ts';
import { mockedDb, table } from '../support/mocked-db.ts';

const { db, dynamo } = mockedDb();
const integrations = integrationRepository(db);
afterEach(() => dynamo.reset());

const settings = {
  system: 'economic',
  owner: { kind: 'reseller', reseller: 'r1' },
  baseUrl: 'https://restapi.e-conomic.com',
} as unknown as IntegrationSettings;

describe('integrationRepository', () => {
  it('puts a reseller’s settings of a system in its tenant', async () => {
    // Prepare
    dynamo.on(PutCommand).resolves({});

    // Act
    await integrations.putIntegration(settings);

    // Assess
    expect(dynamo.commandCalls(PutCommand)[0]!.args[0].input).toEqual({
      TableName: table,
      Item: { pk: 'T#r1', sk: 'INTEGRATION#economic', type: 'integration', ...settings },
    });
  });

  it('keeps the platform’s own settings under the platform’s prefix', async () => {
    // Prepare
    dynamo.on(GetCommand).resolves({});

    // Act
    const found = await integrations.getIntegration({ kind: 'platform' }, 'uniconta');

    // Assess
    expect(found).toBeUndefined();
    expect(dynamo.commandCalls(GetCommand)[0]!.args[0].input).toEqual({
      TableName: table,
      Key: { pk: 'P#PLATFORM', sk: 'INTEGRATION#uniconta' },
    });
  });

  it('reads the settings back without the storage attributes', async () => {
    // Prepare
    dynamo
      .on(GetCommand)
      .resolves({ Item: { pk: 'T#r1', sk: 'INTEGRATION#economic', type: 'integration', ...settings } });

    // Act
    const found = await integrations.getIntegration({ kind: 'reseller', reseller: 'r1' }, 'economic');

    // Assess
    expect(found).toEqual(settings);
  });
});
