import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultProvider } from '../../src/lambda-credentials.ts';

describe('defaultProvider (the Lambda bundles’ credential chain)', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('reads the role credentials Lambda puts in the environment', async () => {
    // Prepare
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'ASIAEXAMPLE');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret');
    vi.stubEnv('AWS_SESSION_TOKEN', 'session');

    // Act
    const credentials = await defaultProvider()();

    // Assess
    expect(credentials).toMatchObject({
      accessKeyId: 'ASIAEXAMPLE',
      secretAccessKey: 'secret',
      sessionToken: 'session',
    });
  });

  it('fails plainly when the environment holds no credentials', async () => {
    // Prepare
    vi.stubEnv('AWS_ACCESS_KEY_ID', undefined);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', undefined);

    // Act
    const credentials = defaultProvider()();

    // Assess
    await expect(credentials).rejects.toThrowError(/environment variable credentials/);
  });
});
