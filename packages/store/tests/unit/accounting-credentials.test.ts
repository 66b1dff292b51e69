import {
  CreateSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { credentialRepository } from '../../src/accounting-credentials.ts';

const secrets = new SecretsManagerClient({
  region: 'eu-west-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});
const manager = mockClient(secrets);
const store = credentialRepository({ secrets, prefix: 'test/accounting/' });
afterEach(() => manager.reset());

const reseller = { kind: 'reseller', reseller: 'r1' } as const;
const credentials = { appSecretToken: 'app', agreementGrantToken: 'grant' };
const notFound = () => new ResourceNotFoundException({ message: 'not found', $metadata: {} });

describe('credentialRepository', () => {
  it('writes a new value of the owner’s secret, bound to its origin', async () => {
    // Prepare
    manager.on(PutSecretValueCommand).resolves({});

    // Act
    await store.saveCredentials(reseller, 'economic', {
      credentials,
      origin: 'https://restapi.e-conomic.com',
    });

    // Assess
    expect(manager.commandCalls(PutSecretValueCommand)[0]!.args[0].input).toEqual({
      SecretId: 'test/accounting/r1/economic',
      SecretString: JSON.stringify({ ...credentials, origin: 'https://restapi.e-conomic.com' }),
    });
    expect(manager.commandCalls(CreateSecretCommand)).toHaveLength(0);
  });

  it('creates the secret the first time, with a description naming its owner', async () => {
    // Prepare
    manager.on(PutSecretValueCommand).rejects(notFound());
    manager.on(CreateSecretCommand).resolves({});

    // Act
    await store.saveCredentials({ kind: 'platform' }, 'uniconta', { credentials });

    // Assess
    expect(manager.commandCalls(CreateSecretCommand)[0]!.args[0].input).toEqual({
      Name: 'test/accounting/platform/uniconta',
      SecretString: JSON.stringify(credentials),
      Description: 'Faktura: uniconta credentials of the platform',
    });
  });

  it('loads the credentials and their origin apart', async () => {
    // Prepare
    manager.on(GetSecretValueCommand).resolves({
      SecretString: JSON.stringify({ ...credentials, origin: 'https://restapi.e-conomic.com' }),
    });

    // Act
    const loaded = await store.loadCredentials(reseller, 'economic');

    // Assess
    expect(loaded).toEqual({ credentials, origin: 'https://restapi.e-conomic.com' });
    expect(manager.commandCalls(GetSecretValueCommand)[0]!.args[0].input).toEqual({
      SecretId: 'test/accounting/r1/economic',
    });
  });

  it('answers undefined for an owner without a secret, and no origin for a secret written before binding', async () => {
    // Prepare
    manager
      .on(GetSecretValueCommand)
      .rejectsOnce(notFound())
      .resolvesOnce({ SecretString: JSON.stringify(credentials) });

    // Act
    const missing = await store.loadCredentials(reseller, 'economic');
    const unbound = await store.loadCredentials(reseller, 'economic');

    // Assess
    expect(missing).toBeUndefined();
    expect(unbound).toEqual({ credentials });
  });
});
