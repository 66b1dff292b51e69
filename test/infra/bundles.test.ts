import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as esbuild from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { lambdaBundling } from '#infra/bundling';
import type { FunctionName, Grant } from '#infra/catalog';
import { catalogEntries, projectRoot } from '#infra/functions';

/**
 * docs/design-brief.md, decision 1: each function is bundled with only the SDK clients it uses. A client the function's
 * grants do not allow could only fail in AWS, so bundling one means a module with side effects
 * (a client created at import) is reached by accident; this builds every bundle as CDK does and
 * names the clients in it.
 */
const clientOfGrant: Record<Grant, string> = {
  'table:read': 'client-dynamodb',
  'table:write': 'client-dynamodb',
  'export-queue:send': 'client-sqs',
  'mail-queue:send': 'client-sqs',
  'export-state-machine:start': 'client-sfn',
  'monthly-close-state-machine:start': 'client-sfn',
  'accounting-secrets:read': 'client-secrets-manager',
  'accounting-secrets:write': 'client-secrets-manager',
  'cursor-key:read': 'client-secrets-manager',
  'email:send': 'client-sesv2',
};

/**
 * The function's bundle, built as CDK builds it (nothing written): every source file esbuild takes
 * into it, and the bundle's code.
 */
const bundleOf = async (entry: string): Promise<{ inputs: string[]; code: string }> => {
  const result = await esbuild.build({
    ...lambdaBundling,
    bundle: true,
    entryPoints: [join(projectRoot, entry)],
    outfile: join(projectRoot, 'cdk.out', 'bundle-inputs', 'index.mjs'),
    write: false,
    metafile: true,
    absWorkingDir: projectRoot,
    logLevel: 'silent',
  });
  return {
    inputs: Object.values(result.metafile?.outputs ?? {}).flatMap((output) => Object.keys(output.inputs)),
    code: result.outputFiles?.find((file) => file.path.endsWith('.mjs'))?.text ?? '',
  };
};

const clientsIn = (inputs: readonly string[]): string[] => {
  const clients = inputs.map((input) => /@aws-sdk\/(client-[a-z0-9-]+)\//.exec(input)?.[1]);
  return [...new Set(clients.filter((client) => client !== undefined))].sort();
};

/**
 * The wiring modules that create a client at import, and the grants that let a function use what
 * each reaches. Finer than the clients: `cursor-key:read` allows the Secrets Manager client too,
 * so the accounting credentials' store would pass the client check in a list function.
 */
const wiringOfGrants: Record<string, readonly Grant[]> = {
  'packages/wiring/src/credential-store.ts': ['accounting-secrets:read', 'accounting-secrets:write'],
  'packages/wiring/src/sqs-export-queue.ts': ['export-queue:send'],
  'packages/wiring/src/sfn-executions.ts': [
    'export-state-machine:start',
    'monthly-close-state-machine:start',
  ],
  'packages/wiring/src/ses-mailer.ts': ['email:send'],
  'packages/wiring/src/sqs-mail-queue.ts': ['mail-queue:send'],
  'packages/wiring/src/store.ts': ['table:read', 'table:write'],
};

describe('Lambda bundles', () => {
  const inputs = new Map<FunctionName, string[]>();
  const code = new Map<FunctionName, string>();

  beforeAll(async () => {
    await Promise.all(
      catalogEntries().map(async ([name, spec]) => {
        const bundle = await bundleOf(spec.entry);
        inputs.set(name, bundle.inputs);
        code.set(name, bundle.code);
      }),
    );
  });

  it.each(catalogEntries())('%s bundles only the SDK clients its grants allow', (name, spec) => {
    // Prepare
    const allowed = new Set(spec.grants.map((grant) => clientOfGrant[grant]));

    // Act
    const bundled = clientsIn(inputs.get(name)!);

    // Assess
    expect(bundled.filter((client) => !allowed.has(client))).toEqual([]);
  });

  it.each(catalogEntries())('%s bundles only the wiring its grants allow', (name, spec) => {
    // Act
    const bundled = inputs.get(name)!.filter((input) => input in wiringOfGrants);

    // Assess
    expect(
      bundled.filter((module) => !wiringOfGrants[module]!.some((grant) => spec.grants.includes(grant))),
    ).toEqual([]);
  });

  it('knows every wiring module it checks: each is bundled by some function', () => {
    // Assess: a renamed module would otherwise make the check above pass on nothing
    const everywhere = new Set([...inputs.values()].flat());
    expect(Object.keys(wiringOfGrants).filter((module) => !everywhere.has(module))).toEqual([]);
  });

  it('leaves the SDK’s full credential chain (SSO, STS, profiles) out of every bundle', async () => {
    // Act
    const { inputs } = await bundleOf('functions/reseller/get.ts');

    // Assess
    expect(
      inputs.filter((input) => /credential-provider-(node|sso|ini|web-identity)|nested-clients/.test(input)),
    ).toEqual([]);
  });

  it('reads requests with zod/mini, never classic zod (~65 KB more of every API bundle)', () => {
    // Assess: one classic import anywhere would bring its whole method surface (docs/performance.md)
    const classic = [...inputs].filter(([, files]) =>
      files.some((input) => input.includes('zod/v4/classic/')),
    );
    expect(classic.map(([name]) => name)).toEqual([]);
    expect([...inputs.values()].some((files) => files.some((input) => input.includes('zod/v4/mini/')))).toBe(
      true,
    );
  });

  it('drops the modules a function does not use: a bundle that reckons no money carries no big.js', () => {
    // Assess: package.json declares our modules free of side effects, so importing the store's
    // wiring no longer keeps every repository's imports (the money arithmetic among them)
    const withBig = (['reseller-get', 'customer-get', 'export-status'] as const).filter((name) =>
      inputs.get(name)!.some((input) => input.includes('node_modules/big.js/')),
    );
    expect(withBig).toEqual([]);
    expect(inputs.get('invoice-create')!.some((input) => input.includes('node_modules/big.js/'))).toBe(true);
  });

  it('keeps what a module does for its effect: every function that reads requests answers in zod’s English', () => {
    // Assess: packages/lambda-kit/src/validation.ts loads the locale at import (z.config)
    const readers = [...inputs].filter(([, files]) =>
      files.includes('packages/lambda-kit/src/validation.ts'),
    );
    expect(readers.length).toBeGreaterThan(20);
    expect(
      readers
        .filter(([, files]) => !files.includes('node_modules/zod/v4/locales/en.js'))
        .map(([name]) => name),
    ).toEqual([]);
  });

  it('bundles Powertools Metrics in an API function only where its handler publishes them', () => {
    // Assess: an API function that records no metric left ~11 KB of Metrics in its cold start, and
    // a counter recorded where httpHandler is not given logMetrics would never reach CloudWatch
    const api = catalogEntries().filter(([, spec]) => spec.kind === 'api');
    const holding = api
      .filter(([name]) => inputs.get(name)!.includes('packages/lambda-kit/src/metrics.ts'))
      .map(([name]) => name);
    const publishing = api
      .filter(([, spec]) =>
        readFileSync(join(projectRoot, spec.entry), 'utf8').includes('middlewares: [logMetrics(metrics)]'),
      )
      .map(([name]) => name);
    expect(holding).toEqual(publishing);
    expect(holding).toEqual(['export-request']);
    expect(
      catalogEntries()
        .filter(([, spec]) => spec.kind !== 'api')
        .filter(
          ([name]) =>
            !inputs.get(name)!.includes('node_modules/@aws-lambda-powertools/metrics/lib/esm/Metrics.js'),
        )
        .map(([name]) => name),
    ).toEqual([]);
  });

  it('bundles none of the API reference: the answers’ schemas, the routes’ prose, the shared fields’ descriptions', () => {
    // Assess: what only `npm run openapi` reads stays in modules only the routes' *.docs.ts import
    // (the answers' schemas alone were ~4 KB of each export-tracking bundle), and the shared rules'
    // descriptions are the generator's (tools/local-runtime/src/api-reference.ts), so a route whose
    // own schemas describe nothing carries none of zod's metadata registry
    const referenceOnly = [
      'packages/api-contract/src/documents.ts',
      'packages/api-contract/src/export-tracking-docs.ts',
      'packages/api-contract/src/invoice-request-docs.ts',
    ];
    expect(
      catalogEntries()
        .filter(([name]) => inputs.get(name)!.some((input) => referenceOnly.includes(input)))
        .map(([name]) => name),
    ).toEqual([]);
    expect(
      (
        [
          'product-create',
          'customer-list',
          'product-list',
          'reseller-get',
          'export-tracking-systems',
        ] as const
      ).filter((name) => inputs.get(name)!.includes('node_modules/zod/v4/core/registries.js')),
    ).toEqual([]);
  });

  it('bundles the CSV writer only where an invoice is read as CSV (POST /invoice answers JSON)', () => {
    // Assess: invoiceJsonAnswer leaves csv-stringify and the invoice's CSV (~13 KB) out of invoice-create
    const withCsv = catalogEntries()
      .map(([name]) => name)
      .filter((name) => inputs.get(name)!.some((input) => input.includes('node_modules/csv-stringify/')));
    expect(withCsv).toEqual(['invoice-get']);
  });

  it('bundles only the saga’s part of the export repository in export-batch (exportSagaStore)', () => {
    // Assess: the request's job creation takes the month's lock (an `export-lock` item) and the
    // sweeper reads waiting jobs; both live in the same module as the ledger the batch writes, so
    // only the bundle's code tells that the batch step took exportSagaRepository alone (~4 KB)
    const holdsItemType = (name: FunctionName, type: string) =>
      new RegExp(`["'\`]${type}["'\`]`).test(code.get(name)!);
    expect({
      batchWritesTheLedger: holdsItemType('export-batch', 'export-ledger'),
      batchTakesTheLock: holdsItemType('export-batch', 'export-lock'),
      requestTakesTheLock: holdsItemType('export-request', 'export-lock'),
    }).toEqual({ batchWritesTheLedger: true, batchTakesTheLock: false, requestTakesTheLock: true });
  });

  it('bundles none of the writes in a function that only reads (the stores’ read repositories)', () => {
    // Assess: a repository's methods are one object, so a read from the whole repository bundles
    // its transactions, updates and idempotency record too (~5 KB)
    const writing = (
      [
        'customer-get',
        'product-get',
        'current-invoice-list',
        'customer-list',
        'reseller-get',
        'reseller-list',
        'invoice-get',
        'invoice-list',
        'invoice-timeline',
        'monthly-close-plan',
      ] as const
    ).filter((name) =>
      inputs
        .get(name)!
        .some(
          (input) =>
            input.endsWith('/TransactWriteCommand.js') || input === 'packages/store/src/idempotency.ts',
        ),
    );
    expect(writing).toEqual([]);
    expect(inputs.get('customer-create')).toContain('packages/store/src/idempotency.ts');
  });

  it('bundles the accounting systems’ draft code only where drafts are made (the checks read, and write nothing)', () => {
    // Assess: an adapter's operations are one object, so a function that only checks against the
    // system (credentials, master data) bundled the drafts of both systems too (~16 KB)
    const draftCode = [
      'packages/accounting/src/economic/adapter.ts',
      'packages/accounting/src/economic/draft-body.ts',
      'packages/accounting/src/uniconta/adapter.ts',
      'packages/accounting/src/uniconta/vat-book.ts',
    ];
    const checking = ['export-request', 'monthly-close-finish', 'integration-settings-put'] as const;
    expect(checking.filter((name) => inputs.get(name)!.some((input) => draftCode.includes(input)))).toEqual(
      [],
    );
    for (const name of checking) {
      expect(inputs.get(name)).toContain('packages/accounting/src/economic/reader.ts');
      expect(inputs.get(name)).toContain('packages/accounting/src/uniconta/reader.ts');
    }
    for (const name of ['export-batch', 'export-compensate', 'bookings-sync'] as const)
      expect(inputs.get(name)).toEqual(expect.arrayContaining(draftCode));
  });

  it('bundles no page cursor where customers and resellers are only read by id (their listings apart)', () => {
    // Assess: a listing's cursor came with the read repository into every function that reads a
    // customer or a reseller (~1 KB: export-batch had been 1 byte over the workers' 300 KB)
    const withCursor = (
      [
        'customer-get',
        'reseller-get',
        'invoice-list',
        'current-invoice-list',
        'export-batch',
        'export-notify',
        'export-request',
        'monthly-close-finish',
        'monthly-close-report',
      ] as const
    ).filter((name) => inputs.get(name)!.includes('packages/store/src/cursor.ts'));
    expect(withCursor).toEqual([]);
    expect(inputs.get('customer-list')).toContain('packages/store/src/cursor.ts');
  });

  it('bundles an invoice’s timeline only where it is read or its marks are written', () => {
    // Assess: the timeline's merge of the marks' history (mark-timeline.ts) was in every function
    // that reads invoices; marks.ts writes that history, so the functions that mark keep it, and
    // POST /invoice takes the whole invoice repository
    const withTimeline = catalogEntries()
      .map(([name]) => name)
      .filter((name) => inputs.get(name)!.includes('packages/store/src/mark-timeline.ts'))
      .sort();
    expect(withTimeline).toEqual([
      'export-finalize',
      'export-tracking-mark',
      'invoice-create',
      'invoice-timeline',
    ]);
  });

  it('leaves each route’s docs out of its handler’s bundle (only `npm run openapi` reads them)', () => {
    // Assess: ~9 KB of descriptions and response schemas per API bundle
    const withDocs = [...inputs].filter(([, files]) => files.some((input) => input.endsWith('.docs.ts')));
    expect(withDocs.map(([name]) => name)).toEqual([]);
    expect(inputs.get('customer-get')!.includes('packages/api-contract/src/documents.ts')).toBe(false);
  });

  it('leaves the SDK’s event-stream support out of every bundle', () => {
    // Assess: the alias of infra/bundling.ts takes its place (packages/lambda-kit/src/no-event-streams.ts)
    const streaming = [...inputs].filter(([, files]) =>
      files.some((input) => input.includes('@smithy/core/dist-es/submodules/event-streams')),
    );
    expect(streaming.map(([name]) => name)).toEqual([]);
  });

  it('leaves DynamoDB’s endpoint discovery and its cache out of every bundle', () => {
    // Assess: the alias of infra/bundling.ts takes its place (packages/lambda-kit/src/no-endpoint-discovery.ts)
    const discovering = [...inputs].filter(([, files]) =>
      files.some((input) =>
        /middleware-endpoint-discovery|endpoint-cache|node_modules\/mnemonist/.test(input),
      ),
    );
    expect(discovering.map(([name]) => name)).toEqual([]);
    expect(inputs.get('customer-get')).toContain('packages/lambda-kit/src/no-endpoint-discovery.ts');
  });

  it('bundles no command that discovers endpoints, the premise of leaving discovery out', () => {
    // Prepare: every module of a bundled client that imports the discovery middleware
    const sourcesOf = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? sourcesOf(join(dir, entry.name)) : [join(dir, entry.name)],
      );
    const bundled = [...new Set([...inputs.values()].flatMap((files) => clientsIn(files)))];

    // Act
    const importers = bundled.flatMap((client) => {
      const root = join(projectRoot, 'node_modules/@aws-sdk', client, 'dist-es');
      return sourcesOf(root)
        .filter((file) => readFileSync(file, 'utf8').includes('@aws-sdk/middleware-endpoint-discovery'))
        .map((file) => `${client}/${relative(root, file)}`);
    });

    // Assess: only the DynamoDB client's constructor and its Node runtime config; a command that
    // adds the discovery step to its stack would import the module too and fail this
    expect(importers.sort()).toEqual([
      'client-dynamodb/DynamoDBClient.js',
      'client-dynamodb/runtimeConfig.js',
    ]);
  });

  it('bundles no SDK client that streams events, the premise of leaving that support out', () => {
    // Prepare: a client with event-stream operations configures their serde in its runtime config
    const configuresEventStreams = (client: string) =>
      readFileSync(
        join(projectRoot, 'node_modules/@aws-sdk', client, 'dist-es/runtimeConfig.js'),
        'utf8',
      ).includes('eventStreamSerdeProvider');
    const bundled = [...new Set([...inputs.values()].flatMap((files) => clientsIn(files)))];

    // Act
    const streaming = bundled.filter(configuresEventStreams);

    // Assess: the check tells such a client (Lambda's own client has InvokeWithResponseStream)
    expect(bundled.length).toBeGreaterThan(3);
    expect(streaming).toEqual([]);
    expect(configuresEventStreams('client-lambda')).toBe(true);
  });
});
