import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  PutSecretValueCommand,
  RestoreSecretCommand,
  SecretsManagerClient,
  UpdateSecretCommand,
} from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalSecretsManager, startSecretsManager } from '../../src/services/secrets-manager.ts';

/** The local Secrets Manager, driven by the real `@aws-sdk/client-secrets-manager`. */
const region = 'eu-west-1';
let folder: string;
let file: string;
let service: LocalSecretsManager;
let client: SecretsManagerClient;

/** What a call rejected with (an object without `name` if it resolved), caught at once. */
const outcome = (call: Promise<unknown>): Promise<unknown> =>
  call.then(
    (resolved) => ({ resolved }),
    (error: unknown) => error,
  );

const connect = (endpoint: string) =>
  new SecretsManagerClient({
    endpoint,
    region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'faktura-secrets-'));
  file = join(folder, 'data', 'secrets.json');
  service = await startSecretsManager({ port: 0, region, file });
  client = connect(service.endpoint);
});

afterAll(async () => {
  client?.destroy();
  await service?.stop();
  rmSync(folder, { recursive: true, force: true });
});

describe('the local Secrets Manager', () => {
  it('creates a secret and reads its current value', async () => {
    // Prepare
    const value = JSON.stringify({ appSecretToken: 'app', agreementGrantToken: 'grant' });

    // Act
    const created = await client.send(
      new CreateSecretCommand({
        Name: 'faktura/accounting/r1/economic',
        SecretString: value,
        Description: 'e-conomic',
      }),
    );
    const read = await client.send(new GetSecretValueCommand({ SecretId: 'faktura/accounting/r1/economic' }));

    // Assess
    expect(created.ARN).toMatch(
      /^arn:aws:secretsmanager:eu-west-1:000000000000:secret:faktura\/accounting\/r1\/economic-[A-Za-z]{6}$/,
    );
    expect(created.Name).toBe('faktura/accounting/r1/economic');
    expect(created.VersionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(read).toMatchObject({
      ARN: created.ARN,
      Name: 'faktura/accounting/r1/economic',
      VersionId: created.VersionId,
      SecretString: value,
      VersionStages: ['AWSCURRENT'],
    });
    expect(read.CreatedDate).toBeInstanceOf(Date);
  });

  it('refuses a second secret of the same name with ResourceExistsException', async () => {
    // Prepare
    await client.send(new CreateSecretCommand({ Name: 'dup', SecretString: 'a' }));

    // Act
    const again = outcome(client.send(new CreateSecretCommand({ Name: 'dup', SecretString: 'b' })));

    // Assess
    expect(await again).toMatchObject({
      name: 'ResourceExistsException',
      message: 'The operation failed because the secret dup already exists.',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('answers a missing secret with ResourceNotFoundException', async () => {
    // Act
    const read = outcome(client.send(new GetSecretValueCommand({ SecretId: 'no/such/secret' })));

    // Assess
    expect(await read).toMatchObject({
      name: 'ResourceNotFoundException',
      message: "Secrets Manager can't find the specified secret.",
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('puts new versions: the newest is AWSCURRENT, the one before AWSPREVIOUS, by name or ARN', async () => {
    // Prepare
    const { ARN, VersionId: first } = await client.send(
      new CreateSecretCommand({ Name: 'rotating', SecretString: 'v1' }),
    );

    // Act
    const put = await client.send(new PutSecretValueCommand({ SecretId: ARN, SecretString: 'v2' }));
    const current = await client.send(new GetSecretValueCommand({ SecretId: 'rotating' }));
    const previous = await client.send(
      new GetSecretValueCommand({ SecretId: ARN, VersionStage: 'AWSPREVIOUS' }),
    );
    const byId = await client.send(new GetSecretValueCommand({ SecretId: 'rotating', VersionId: first }));
    const described = await client.send(new DescribeSecretCommand({ SecretId: ARN!.slice(0, -7) }));

    // Assess
    expect(put).toMatchObject({ ARN, Name: 'rotating', VersionStages: ['AWSCURRENT'] });
    expect(current).toMatchObject({ SecretString: 'v2', VersionId: put.VersionId });
    expect(previous).toMatchObject({ SecretString: 'v1', VersionId: first, VersionStages: ['AWSPREVIOUS'] });
    expect(byId.SecretString).toBe('v1');
    expect(described.VersionIdsToStages).toEqual({
      [first!]: ['AWSPREVIOUS'],
      [put.VersionId!]: ['AWSCURRENT'],
    });
  });

  it('replays a PutSecretValue with the same token, and refuses the token for another value', async () => {
    // Prepare
    await client.send(new CreateSecretCommand({ Name: 'tokens', SecretString: 'v1' }));
    const token = '11111111-2222-4333-8444-555555555555';
    const first = await client.send(
      new PutSecretValueCommand({ SecretId: 'tokens', SecretString: 'v2', ClientRequestToken: token }),
    );

    // Act
    const replay = await client.send(
      new PutSecretValueCommand({ SecretId: 'tokens', SecretString: 'v2', ClientRequestToken: token }),
    );
    const conflict = outcome(
      client.send(
        new PutSecretValueCommand({ SecretId: 'tokens', SecretString: 'v3', ClientRequestToken: token }),
      ),
    );

    // Assess
    expect(first.VersionId).toBe(token);
    expect(replay.VersionId).toBe(token);
    expect(await conflict).toMatchObject({ name: 'ResourceExistsException' });
  });

  it('stores binary secrets', async () => {
    // Act
    await client.send(
      new CreateSecretCommand({ Name: 'binary', SecretBinary: new Uint8Array([0, 1, 2, 255]) }),
    );
    const read = await client.send(new GetSecretValueCommand({ SecretId: 'binary' }));

    // Assess
    expect(read.SecretString).toBeUndefined();
    expect([...read.SecretBinary!]).toEqual([0, 1, 2, 255]);
  });

  it('updates the description and the value', async () => {
    // Prepare
    await client.send(
      new CreateSecretCommand({ Name: 'updated', SecretString: 'old', Description: 'before' }),
    );

    // Act
    const updated = await client.send(
      new UpdateSecretCommand({ SecretId: 'updated', SecretString: 'new', Description: 'after' }),
    );
    const described = await client.send(new DescribeSecretCommand({ SecretId: 'updated' }));
    const read = await client.send(new GetSecretValueCommand({ SecretId: 'updated' }));

    // Assess
    expect(described.Description).toBe('after');
    expect(read).toMatchObject({ SecretString: 'new', VersionId: updated.VersionId });
  });

  it('lists secrets with name, tag and negated filters, paged', async () => {
    // Prepare
    await client.send(
      new CreateSecretCommand({
        Name: 'list/economic',
        SecretString: 'x',
        Tags: [{ Key: 'system', Value: 'economic' }],
      }),
    );
    await client.send(
      new CreateSecretCommand({
        Name: 'list/uniconta',
        SecretString: 'x',
        Tags: [{ Key: 'system', Value: 'uniconta' }],
      }),
    );

    // Act
    const byName = await client.send(
      new ListSecretsCommand({ Filters: [{ Key: 'name', Values: ['list/'] }] }),
    );
    const byTag = await client.send(
      new ListSecretsCommand({ Filters: [{ Key: 'tag-value', Values: ['uni'] }] }),
    );
    const negated = await client.send(
      new ListSecretsCommand({
        Filters: [
          { Key: 'name', Values: ['list/'] },
          { Key: 'name', Values: ['!list/eco'] },
        ],
      }),
    );
    const page = await client.send(
      new ListSecretsCommand({ MaxResults: 1, Filters: [{ Key: 'name', Values: ['list/'] }] }),
    );
    const next = await client.send(
      new ListSecretsCommand({
        MaxResults: 1,
        NextToken: page.NextToken,
        Filters: [{ Key: 'name', Values: ['list/'] }],
      }),
    );

    // Assess
    expect(byName.SecretList?.map((secret) => secret.Name)).toEqual(['list/economic', 'list/uniconta']);
    expect(byName.SecretList?.[0]).toMatchObject({ Tags: [{ Key: 'system', Value: 'economic' }] });
    expect(byName.SecretList?.[0]).not.toHaveProperty('SecretString');
    expect(byTag.SecretList?.map((secret) => secret.Name)).toEqual(['list/uniconta']);
    expect(negated.SecretList?.map((secret) => secret.Name)).toEqual(['list/uniconta']);
    expect(page.SecretList?.map((secret) => secret.Name)).toEqual(['list/economic']);
    expect(next.SecretList?.map((secret) => secret.Name)).toEqual(['list/uniconta']);
    expect(next.NextToken).toBeUndefined();
  });

  it('schedules deletion with a recovery window, restores, and deletes at once when forced', async () => {
    // Prepare
    await client.send(new CreateSecretCommand({ Name: 'doomed', SecretString: 'x' }));

    // Act
    const scheduled = await client.send(
      new DeleteSecretCommand({ SecretId: 'doomed', RecoveryWindowInDays: 7 }),
    );
    const whileScheduled = outcome(client.send(new GetSecretValueCommand({ SecretId: 'doomed' })));
    const recreate = outcome(client.send(new CreateSecretCommand({ Name: 'doomed', SecretString: 'y' })));
    const listed = await client.send(
      new ListSecretsCommand({ Filters: [{ Key: 'name', Values: ['doomed'] }] }),
    );
    await client.send(new RestoreSecretCommand({ SecretId: 'doomed' }));
    const restored = await client.send(new GetSecretValueCommand({ SecretId: 'doomed' }));
    const forced = await client.send(
      new DeleteSecretCommand({ SecretId: 'doomed', ForceDeleteWithoutRecovery: true }),
    );
    const afterForce = outcome(client.send(new DescribeSecretCommand({ SecretId: 'doomed' })));
    const both = outcome(
      client.send(
        new DeleteSecretCommand({
          SecretId: 'rotating',
          ForceDeleteWithoutRecovery: true,
          RecoveryWindowInDays: 7,
        }),
      ),
    );

    // Assess
    expect(scheduled.DeletionDate!.getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 3600 * 1000);
    expect(await whileScheduled).toMatchObject({
      name: 'InvalidRequestException',
      message: "You can't perform this operation on the secret because it was marked for deletion.",
    });
    expect(await recreate).toMatchObject({ name: 'InvalidRequestException' });
    expect(listed.SecretList).toEqual([]);
    expect(restored.SecretString).toBe('x');
    expect(forced.Name).toBe('doomed');
    expect(await afterForce).toMatchObject({ name: 'ResourceNotFoundException' });
    expect(await both).toMatchObject({ name: 'InvalidParameterException' });
  });

  it('keeps the secrets in a 0600 file and reads them back after a restart', async () => {
    // Prepare
    await client.send(new CreateSecretCommand({ Name: 'persisted', SecretString: 'survives' }));
    await service.stop();

    // Act
    service = await startSecretsManager({ port: 0, region, file });
    client.destroy();
    client = connect(service.endpoint);
    const read = await client.send(new GetSecretValueCommand({ SecretId: 'persisted' }));

    // Assess
    expect(read.SecretString).toBe('survives');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(
      JSON.parse(readFileSync(file, 'utf8')).secrets.map((secret: { name: string }) => secret.name),
    ).toContain('persisted');
  });
});
