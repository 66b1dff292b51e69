import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { credentialRepository, type SecretStore } from '#store/accounting-credentials';

/**
 * The accounting credentials in Secrets Manager, apart from the table's repositories (store.ts) so
 * that only the functions granted the secrets bundle this client. The prefix is read when a
 * request is made, so importing never throws.
 */
const secretStore: SecretStore = {
  secrets: new SecretsManagerClient({}),
  get prefix() {
    return process.env.ACCOUNTING_SECRET_PREFIX ?? 'faktura/accounting/';
  },
};

export const credentialStore = credentialRepository(secretStore);
