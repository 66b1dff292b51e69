import {
  CreateSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import type { StoredCredentials } from '#app/ports/store';
import type { AccountingSystemName, Credentials, IntegrationOwner } from '#domain/integration';

/**
 * Accounting credentials live in Secrets Manager, one secret per owner and system, under the
 * prefix the stack grants (`faktura/accounting/` unless the environment names another); never in
 * the table, never in a response.
 *
 * The secret also holds the origin (scheme, host, port) the credentials were given for: they are
 * bound to it, and are never sent anywhere else (packages/accounting). Secrets written before the
 * binding have none.
 */
export interface SecretStore {
  readonly secrets: SecretsManagerClient;
  /** Read at each call, as the table name is: the composition root may take it from the environment. */
  readonly prefix: string;
}

const secretName = (prefix: string, owner: IntegrationOwner, system: AccountingSystemName): string =>
  `${prefix}${owner.kind === 'platform' ? 'platform' : owner.reseller}/${system}`;

export const credentialRepository = (store: SecretStore) => {
  const { secrets } = store;
  const saveCredentials = async (
    owner: IntegrationOwner,
    system: AccountingSystemName,
    { credentials, origin }: StoredCredentials,
  ): Promise<void> => {
    const SecretId = secretName(store.prefix, owner, system);
    const SecretString = JSON.stringify({ ...credentials, origin });
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

  const loadCredentials = async <T extends Credentials>(
    owner: IntegrationOwner,
    system: AccountingSystemName,
  ): Promise<StoredCredentials<T> | undefined> => {
    try {
      const { SecretString } = await secrets.send(
        new GetSecretValueCommand({ SecretId: secretName(store.prefix, owner, system) }),
      );
      if (!SecretString) return undefined;
      const { origin, ...credentials } = JSON.parse(SecretString) as Record<string, unknown>;
      return {
        credentials: credentials as unknown as T,
        ...(typeof origin === 'string' ? { origin } : {}),
      };
    } catch (error) {
      if ((error as Error).name === 'ResourceNotFoundException') return undefined;
      throw error;
    }
  };

  return { saveCredentials, loadCredentials };
};
