import { describe, expect, it } from 'vitest';
import { SecretsManagerBackend } from '../../src/services/secrets-manager.ts';

const day = 24 * 60 * 60 * 1000;

describe('SecretsManagerBackend', () => {
  it('forgets a secret for good once its recovery window has passed', () => {
    // Prepare
    let now = Date.UTC(2026, 0, 1);
    const changes: number[] = [];
    const backend = new SecretsManagerBackend(
      'eu-west-1',
      [],
      () => changes.push(now),
      () => now,
    );
    const { CreateSecret, DeleteSecret, DescribeSecret } = backend.operations;
    CreateSecret!({ Name: 'faktura/accounting/r1/economic', SecretString: '{}' });
    DeleteSecret!({ SecretId: 'faktura/accounting/r1/economic', RecoveryWindowInDays: 7 });

    // Act
    now += 6 * day;
    const withinWindow = DescribeSecret!({ SecretId: 'faktura/accounting/r1/economic' });
    now += 2 * day;
    const afterWindow = () => DescribeSecret!({ SecretId: 'faktura/accounting/r1/economic' });

    // Assess
    expect(withinWindow).toMatchObject({ DeletedDate: Date.UTC(2026, 0, 1) / 1000 });
    expect(afterWindow).toThrow("Secrets Manager can't find the specified secret.");
    expect(changes).toHaveLength(2);
    expect(backend.snapshot()).toEqual({ version: 1, secrets: [] });
  });

  it('creates a secret without a value: it has no version until one is put', () => {
    // Prepare
    const backend = new SecretsManagerBackend('eu-west-1');
    const { CreateSecret, GetSecretValue, DescribeSecret } = backend.operations;

    // Act
    const created = CreateSecret!({ Name: 'empty' }) as Record<string, unknown>;
    const read = () => GetSecretValue!({ SecretId: 'empty' });

    // Assess
    expect(created).not.toHaveProperty('VersionId');
    expect(read).toThrow(
      "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT",
    );
    expect(DescribeSecret!({ SecretId: 'empty' })).toMatchObject({ VersionIdsToStages: {} });
  });
});
