import { randomBytes } from 'node:crypto';
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';

/**
 * The cursor signing key, as the CDK stack makes it in AWS (infra/constructs/cursor-key.ts): a
 * secret with a generated value, here in the local Secrets Manager. It is made at the first start
 * and kept with the data (`.local/secrets.json`), so cursors given out survive a restart as they
 * survive a deployment. The handlers get its name where Lambda gets its ARN; Secrets Manager takes
 * either.
 */
export const localCursorKeySecretName = 'faktura/cursor-key';

export const ensureCursorKey = async (endpoint: string, region: string): Promise<void> => {
  const client = new SecretsManagerClient({
    endpoint,
    region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    await client.send(new DescribeSecretCommand({ SecretId: localCursorKeySecretName }));
  } catch (error) {
    if ((error as Error).name !== 'ResourceNotFoundException') throw error;
    await client.send(
      new CreateSecretCommand({
        Name: localCursorKeySecretName,
        Description: 'Faktura: the HMAC-SHA256 key that signs the cursors of paged lists',
        SecretString: randomBytes(48).toString('base64url'),
      }),
    );
  } finally {
    client.destroy();
  }
};
