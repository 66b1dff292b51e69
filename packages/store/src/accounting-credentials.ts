import {
  CreateSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import type { AccountingSystemName, Credentials, IntegrationOwner } from '#domain/integration';

/**
 * Accounting credentials live in Secrets Manager, one secret per owner and system, under the
 * prefix the stack grants (`faktura/accounting/`); never in the table, never in a response.
 */
const secrets = new SecretsManagerClient({});

const prefix = (): string => process.env.ACCOUNTING_SECRET_PREFIX ?? 'faktura/accounting/';

export const secretName = (owner: IntegrationOwner, system: AccountingSystemName): string =>
  `${prefix()}${owner.kind === 'platform' ? 'platform' : owner.reseller}/${system}`;

export const saveCredentials = async (
  owner: IntegrationOwner,
  system: AccountingSystemName,
  credentials: Credentials,
): Promise<void> => {
  const SecretId = secretName(owner, system);
  const SecretString = JSON.stringify(credentials);
  try {
    await secrets.send(new PutSecretValueCommand({ SecretId, SecretString }));
  } catch (error) {
    if ((error as Error).name !== 'ResourceNotFoundException') throw error;
    await secrets.send(
      new CreateSecretCommand({
        Name: SecretId,
        SecretString,
        Description: `Faktura: ${system} credentials of ${owner.kind === 'platform' ? 'the platform' : `reseller ${owner.reseller}`}`,
      }),
    );
  }
};

export const loadCredentials = async <T extends Credentials>(
  owner: IntegrationOwner,
  system: AccountingSystemName,
): Promise<T | undefined> => {
  try {
    const { SecretString } = await secrets.send(
      new GetSecretValueCommand({ SecretId: secretName(owner, system) }),
    );
    return SecretString ? (JSON.parse(SecretString) as T) : undefined;
  } catch (error) {
    if ((error as Error).name === 'ResourceNotFoundException') return undefined;
    throw error;
  }
};
