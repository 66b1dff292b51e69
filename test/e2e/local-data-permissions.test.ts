import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  freePorts,
  type SpawnedStack,
  type StackPorts,
  spawnLocalStack,
  stopStack,
  waitForHealth,
} from '#local/spawn-stack';
import { credentials, saveSettings } from './support/accounting.ts';
import type { StackTarget } from './support/api.ts';
import { createTenant } from './support/fixtures.ts';

/** Every folder and file under `folder` with its permission bits, e.g. `secrets.json: 600`. */
const modesUnder = (folder: string): Record<string, string> => {
  const modes: Record<string, string> = {};
  const pending = [folder];
  while (pending.length > 0) {
    const current = pending.pop()!;
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) pending.push(path);
      modes[relative(folder, path)] = (lstatSync(path).mode & 0o777).toString(8);
    }
  }
  modes['.'] = (lstatSync(folder).mode & 0o777).toString(8);
  return modes;
};

/**
 * The local stack's data folder holds customer data (DynamoDB Local's database, the accounting
 * credentials, the sent e-mails, the token signing key): its owner's only, folders 0700 and files
 * 0600, even when the stack is started under a permissive umask, and an existing folder that was
 * readable is fixed at start. This test runs a stack of its own, started under umask 0 on a data
 * folder (not --fresh) that others could read.
 */
describe('the local data folder', () => {
  let dataDir: string;
  let ports: StackPorts;
  let stack: SpawnedStack;
  let umask: number;

  beforeAll(async () => {
    // Prepare: a readable folder with readable data in it, and a permissive umask
    umask = process.umask(0);
    dataDir = mkdtempSync(join(tmpdir(), 'faktura-permissions-'));
    chmodSync(dataDir, 0o755);
    mkdirSync(join(dataDir, 'dynamodb'), { mode: 0o777 });
    writeFileSync(join(dataDir, 'notes-from-an-older-run.txt'), 'kunde 1001\n', { mode: 0o644 });
    ports = await freePorts();
    stack = spawnLocalStack({ dataDir, ports, fresh: false });
    await waitForHealth(stack, 180_000);
  }, 200_000);

  afterAll(async () => {
    if (stack) await stopStack(stack);
    process.umask(umask);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is readable by its owner only once the stack has stored credentials, mail and data', async () => {
    // Act: what writes each file: the table (DynamoDB), a secret, a sent e-mail, the signing key
    const target: StackTarget = { apiUrl: stack.apiUrl, dataDir };
    const tenant = await createTenant('Permissions', { target });
    const connected = await saveSettings(tenant.resellerClient, 'economic', credentials.economic);
    await new SESv2Client({
      endpoint: `http://127.0.0.1:${ports.SES_PORT}`,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }).send(
      new SendEmailCommand({
        FromEmailAddress: 'faktura@faktura.local',
        Destination: { ToAddresses: ['books@reseller.example'] },
        Content: { Simple: { Subject: { Data: 'Test' }, Body: { Text: { Data: 'Test' } } } },
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 500)); // the writers flush after the answer
    const modes = modesUnder(dataDir);

    // Assess: the files that hold data are there, and nothing is readable by anyone else
    expect(connected.response.status).toBe(200);
    expect(Object.keys(modes)).toEqual(
      expect.arrayContaining([
        'dynamodb',
        'dynamodb/shared-local-instance.db',
        'secrets.json',
        'sent-mail.json',
        'identity-key.json',
      ]),
    );
    const notOwnerOnly = Object.entries(modes).filter(([path, mode]) => {
      const isFolder = path === '.' || lstatSync(join(dataDir, path)).isDirectory();
      return mode !== (isFolder ? '700' : '600');
    });
    expect(notOwnerOnly).toEqual([]);
  });
});
