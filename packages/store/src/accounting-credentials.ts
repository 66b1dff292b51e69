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
 *
 * The secret also holds the origin (scheme, host, port) the credentials were given for: they are
 * bound to it, and are never sent anywhere else (functions/commons/accounting.ts). Secrets written
 * before the binding have none.
 */
const secrets = new SecretsManagerClient({});

const prefix = (): string => process.env.ACCOUNTING_SECRET_PREFIX ?? 'faktura/accounting/';

export const secretName = (owner: IntegrationOwner, system: AccountingSystemName): string =>
  `${prefix()}${owner.kind === 'platform' ? 'platform' : owner.reseller}/${system}`;

export interface StoredCredentials<T extends Credentials = Credentials> {
  readonly credentials: T;
  /** The origin they were given for; undefined for a secret written before credentials were bound. */
  readonly origin?: string;
}

export const saveCredentials = async (
  owner: IntegrationOwner,
  system: AccountingSystemName,
  { credentials, origin }: StoredCredentials,
): Promise<void> => {
  const SecretId = secretName(owner, system);
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

export const loadCredentials = async <T extends Credentials>(
  owner: IntegrationOwner,
  system: AccountingSystemName,
): Promise<StoredCredentials<T> | undefined> => {
  try {
    const { SecretString } = await secrets.send(
      new GetSecretValueCommand({ SecretId: secretName(owner, system) }),
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
