import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ensureTable,
  type LocalDynamoDb,
  startDynamoDb,
  type TableDefinition,
  tableDefinitionFromTemplate,
} from '../../src/services/dynamodb.ts';
import { fakturaTemplate } from '../fixtures/faktura-template.ts';

/**
 * DynamoDB Local in a child JVM: Faktura's table from the template, persistence across a restart,
 * transactions as AWS answers them, and no JVM left behind. One instance for the file (it takes
 * 2–4 s to start), restarted once for the persistence test.
 */
const region = 'eu-west-1';
const definition: TableDefinition = { ...tableDefinitionFromTemplate(fakturaTemplate), TableName: 'faktura' };
let folder: string;
let dynamodb: LocalDynamoDb;
let client: DynamoDBClient;

/** Whether a process runs (a zombie, dead but not yet reaped by its new parent, does not). */
const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

const until = async (condition: () => boolean, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((done) => setTimeout(done, 50));
  }
  return true;
};

const connect = (endpoint: string) =>
  new DynamoDBClient({ endpoint, region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'faktura-dynamodb-'));
  dynamodb = await startDynamoDb({ port: 0, dataDir: join(folder, 'dynamodb') });
  client = connect(dynamodb.endpoint);
});

afterAll(async () => {
  client?.destroy();
  await dynamodb?.stop();
  rmSync(folder, { recursive: true, force: true });
});

describe('ensureTable', () => {
  it("creates Faktura's table as the template declares it, with TTL on expiresAt", async () => {
    // Act
    const result = await ensureTable(dynamodb.endpoint, region, definition);
    const { Table } = await client.send(new DescribeTableCommand({ TableName: 'faktura' }));
    const { TimeToLiveDescription } = await client.send(
      new DescribeTimeToLiveCommand({ TableName: 'faktura' }),
    );

    // Assess
    expect(result).toEqual({ created: true, addedIndexes: [], timeToLiveEnabled: true });
    expect(Table?.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(
      Table?.GlobalSecondaryIndexes?.map((index) => ({
        name: index.IndexName,
        keys: index.KeySchema,
        projection: index.Projection?.ProjectionType,
      })),
    ).toEqual([
      {
        name: 'gsi1',
        keys: [
          { AttributeName: 'gsi1pk', KeyType: 'HASH' },
          { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
        ],
        projection: 'ALL',
      },
      {
        name: 'gsi2',
        keys: [
          { AttributeName: 'gsi2pk', KeyType: 'HASH' },
          { AttributeName: 'gsi2sk', KeyType: 'RANGE' },
        ],
        projection: 'ALL',
      },
    ]);
    expect(TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' });
  });

  it('leaves an existing table as it is (idempotent), with a client as well as an endpoint', async () => {
    // Prepare
    await ensureTable(client, definition);

    // Act
    const result = await ensureTable(client, definition);

    // Assess
    expect(result).toEqual({ created: false, addedIndexes: [], timeToLiveEnabled: true });
  });

  it('adds a global secondary index the existing table lacks', async () => {
    // Prepare
    const { TimeToLiveSpecification: _ttl, ...createInput } = definition;
    await client.send(
      new CreateTableCommand({
        ...createInput,
        TableName: 'older',
        AttributeDefinitions: createInput.AttributeDefinitions?.filter(
          (attribute) => !attribute.AttributeName?.startsWith('gsi2'),
        ),
        GlobalSecondaryIndexes: createInput.GlobalSecondaryIndexes?.slice(0, 1),
      }),
    );

    // Act
    const result = await ensureTable(client, { ...definition, TableName: 'older' });
    const { Table } = await client.send(new DescribeTableCommand({ TableName: 'older' }));

    // Assess
    expect(result).toEqual({ created: false, addedIndexes: ['gsi2'], timeToLiveEnabled: true });
    expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual(['gsi1', 'gsi2']);
  });

  it('refuses a table whose key schema differs from the definition', async () => {
    // Prepare
    await client.send(
      new CreateTableCommand({
        TableName: 'other-keys',
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );

    // Act
    const ensured = ensureTable(client, { ...definition, TableName: 'other-keys' }).catch(
      (error: unknown) => error,
    );

    // Assess
    expect(await ensured).toMatchObject({
      message: expect.stringMatching(/^Table other-keys exists with key schema/),
    });
  });
});

describe('DynamoDB Local', () => {
  it('cancels a transaction with the reasons AWS gives', async () => {
    // Prepare
    await ensureTable(client, definition);
    await client.send(
      new PutItemCommand({ TableName: 'faktura', Item: { pk: { S: 'R#1' }, sk: { S: 'INVOICE#1' } } }),
    );

    // Act
    const transaction = await client
      .send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { TableName: 'faktura', Item: { pk: { S: 'R#1' }, sk: { S: 'INVOICE#2' } } } },
            {
              Put: {
                TableName: 'faktura',
                Item: { pk: { S: 'R#1' }, sk: { S: 'INVOICE#1' } },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      )
      .catch((error: unknown) => error);

    // Assess
    expect(transaction).toMatchObject({
      name: 'TransactionCanceledException',
      CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed' }],
    });
  });

  it('keeps its data in the data folder across a restart, and its JVM ends on stop', async () => {
    // Prepare
    await ensureTable(client, definition);
    await client.send(
      new PutItemCommand({ TableName: 'faktura', Item: { pk: { S: 'R#9' }, sk: { S: 'KEPT' } } }),
    );
    const firstPid = dynamodb.pid;

    // Act
    await dynamodb.stop();
    await dynamodb.stop();
    const firstGone = !isAlive(firstPid);
    dynamodb = await startDynamoDb({ port: 0, dataDir: join(folder, 'dynamodb') });
    client.destroy();
    client = connect(dynamodb.endpoint);
    const { Item } = await client.send(
      new GetItemCommand({ TableName: 'faktura', Key: { pk: { S: 'R#9' }, sk: { S: 'KEPT' } } }),
    );

    // Assess
    expect(firstGone).toBe(true);
    expect(Item).toEqual({ pk: { S: 'R#9' }, sk: { S: 'KEPT' } });
  });

  it('leaves no JVM behind when the process that started it exits without stop(), or is killed', async () => {
    // Prepare
    const module = resolve(fileURLToPath(import.meta.url), '../../../src/services/dynamodb.ts');
    const script = join(folder, 'orphan.mts');
    writeFileSync(
      script,
      [
        `import { startDynamoDb } from ${JSON.stringify(module)};`,
        'const dynamodb = await startDynamoDb({ port: 0 });',
        "process.stdout.write(String(dynamodb.pid) + '\\n');",
        "if (process.argv[2] === 'exit') process.exit(0);",
        'setInterval(() => undefined, 1000);',
      ].join('\n'),
    );
    const startChild = (mode: 'exit' | 'killed') =>
      new Promise<{ jvm: number; child: ReturnType<typeof spawn> }>((done, fail) => {
        const child = spawn(process.execPath, ['--import', 'tsx', script, mode], {
          cwd: resolve(fileURLToPath(import.meta.url), '../../../../..'),
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        child.stdout?.once('data', (chunk: Buffer) => done({ jvm: Number(chunk.toString().trim()), child }));
        child.once('error', fail);
        child.once('exit', (code) =>
          fail(new Error(`the child exited (${code}) before it started DynamoDB Local`)),
        );
      });

    // Act
    const [exiting, killed] = await Promise.all([startChild('exit'), startChild('killed')]);
    killed.child.kill('SIGKILL');
    const exitingGone = await until(() => !isAlive(exiting.jvm), 5000);
    const killedGone = await until(() => !isAlive(killed.jvm), 5000);

    // Assess
    expect(exiting.jvm).toBeGreaterThan(0);
    expect(killed.jvm).toBeGreaterThan(0);
    expect(exitingGone).toBe(true);
    expect(killedGone).toBe(true);
  });
});
