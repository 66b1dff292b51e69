import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { lambdaBundling } from '#infra/bundling';
import type { FunctionKind, FunctionName } from '#infra/catalog';
import { catalogEntries, functionEnvironment, projectRoot } from '#infra/functions';
import { localConfig } from '#local/config';
import { handlerEnvironment } from '#local/stack';
import { clientsAmong, type FloorClient, floorSource, publishesMetrics } from '../lib/bundle-floor.ts';
import { median } from '../lib/percentiles.ts';
import type { BenchSection, Figure } from '../lib/report.ts';

/**
 * Section 1: every Lambda bundled as CDK bundles it (infra/bundling.ts), its minified size from
 * esbuild's metafile, and how long a fresh Node process takes to import it, beside an empty bundle
 * built the same way, so the ratio says what the code costs over Node's own ESM loading.
 */
const importRuns = 15;

/**
 * The least a handler that reads the table bundles: the DynamoDB document client, made at import as
 * #wiring/store makes it, and one command. What an API bundle weighs and costs to import beyond it
 * is Faktura's; up to it is the SDK's, which the goals of issue 13 include ("with the SDK bundled").
 */
const sdkFloorName = 'dynamodb-document-client';
const sdkFloorSource = `
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const handler = async (event: { id: string }) =>
  documents.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: { pk: event.id, sk: event.id } }));
`;
const topPackageCount = 8;

interface Bundle {
  readonly name: FunctionName | 'empty' | typeof sdkFloorName | `floor-${FunctionName}`;
  readonly kind: FunctionKind | 'empty' | 'reference' | 'floor';
  readonly entry: string;
  readonly file: string;
  readonly bytes: number;
  readonly sourcemapBytes: number;
  readonly topPackages: readonly { package: string; bytes: number }[];
  /** The SDK clients among its inputs. */
  readonly clients: readonly FloorClient[];
  /** Whether it holds Powertools Metrics (a function that publishes metrics). */
  readonly metrics: boolean;
}

/** `node_modules/@smithy/core/dist-es/…` → `@smithy/core`; the project's own files by their top folder. */
const packageOf = (input: string): string => {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (match) return match[1]!;
  return `faktura:${input.replace(/^(\.\.\/)+[^/]+\//, '').split('/')[0]}`;
};

const topPackages = (output: esbuild.Metafile['outputs'][string]) => {
  const bytes = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const name = packageOf(input);
    bytes.set(name, (bytes.get(name) ?? 0) + bytesInOutput);
  }
  return [...bytes]
    .sort((a, b) => b[1] - a[1])
    .slice(0, topPackageCount)
    .map(([name, size]) => ({ package: name, bytes: size }));
};

const build = async (
  name: Bundle['name'],
  kind: Bundle['kind'],
  entry: string,
  outDir: string,
  source: Pick<esbuild.BuildOptions, 'entryPoints' | 'stdin'>,
): Promise<Bundle> => {
  const file = join(outDir, name, 'index.mjs');
  const result = await esbuild.build({
    ...lambdaBundling,
    ...source,
    bundle: true,
    outfile: file,
    metafile: true,
    absWorkingDir: projectRoot,
    logLevel: 'warning',
  });
  const outputs = result.metafile?.outputs ?? {};
  const output = Object.entries(outputs).find(([path]) => resolve(projectRoot, path) === file)?.[1];
  const map = Object.entries(outputs).find(([path]) => resolve(projectRoot, path) === `${file}.map`)?.[1];
  if (!output || !map) throw new Error(`esbuild wrote no ${file} with its source map`);
  return {
    name,
    kind,
    entry,
    file,
    bytes: output.bytes,
    sourcemapBytes: map.bytes,
    topPackages: topPackages(output),
    clients: clientsAmong(Object.keys(output.inputs)),
    metrics: publishesMetrics(Object.keys(output.inputs)),
  };
};

/** What Lambda's environment holds at import: the stack's variables, pointed nowhere in particular. */
const importEnvironment = (name: string): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  ...handlerEnvironment(
    localConfig({}),
    {
      exportQueueUrl: 'http://127.0.0.1:9324/000000000000/faktura-export-requests.fifo',
      mailQueueUrl: 'http://127.0.0.1:9324/000000000000/faktura-mail.fifo',
    },
    {
      export: 'arn:aws:states:eu-west-1:000000000000:stateMachine:faktura-export',
      monthlyClose: 'arn:aws:states:eu-west-1:000000000000:stateMachine:faktura-monthly-close',
    },
  ),
  ...functionEnvironment('INFO'),
  AWS_LAMBDA_FUNCTION_NAME: name,
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
  // Lambda runs Node 22, where the SDK has nothing to warn about; on an older local Node its
  // warning would be timed as part of the import.
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
});

/** Measured inside the child, so Node's own start-up is left out: only the import itself. */
const importScript = `
const start = process.hrtime.bigint();
await import(process.argv[1]);
process.stdout.write(String(Number(process.hrtime.bigint() - start) / 1e6));
process.exit(0);
`;

const timeImport = (bundle: Bundle): number => {
  const child = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', importScript, pathToFileURL(bundle.file).href],
    { env: importEnvironment(bundle.name), encoding: 'utf8', timeout: 30_000 },
  );
  const ms = Number(child.stdout);
  if (child.status !== 0 || !Number.isFinite(ms)) {
    throw new Error(`Importing the ${bundle.name} bundle failed (${child.status}): ${child.stderr}`);
  }
  return ms;
};

const round = (value: number, decimals: number): number => Number(value.toFixed(decimals));

const bundleMethod =
  'esbuild with the options CDK deploys with (infra/bundling.ts: ESM, node24, minify, source map, nothing external), metafile: true; bytes of the minified .mjs, the source map (also in the zip) left out and given in inputs';

export const section: BenchSection = {
  id: 'bundles',
  title: 'Bundles: minified size and import time',
  run: async ({ log }) => {
    const outDir = await mkdtemp(join(tmpdir(), 'faktura-bench-bundles-'));
    try {
      const empty = await build('empty', 'empty', '(empty module)', outDir, {
        stdin: { contents: 'export const handler = async () => {};', loader: 'ts', resolveDir: projectRoot },
      });
      const sdkFloor = await build(
        sdkFloorName,
        'reference',
        '(the DynamoDB document client alone)',
        outDir,
        {
          stdin: { contents: sdkFloorSource, loader: 'ts', resolveDir: projectRoot },
        },
      );
      const bundles = await Promise.all(
        catalogEntries().map(([name, spec]) =>
          build(name, spec.kind, spec.entry, outDir, { entryPoints: [join(projectRoot, spec.entry)] }),
        ),
      );
      // Each function's floor (tools/bench/lib/bundle-floor.ts): sized, not timed.
      // Functions with the same clients and kind share one floor: each distinct floor built once.
      const floorBuilds = new Map<string, Promise<Bundle>>();
      const floors = await Promise.all(
        bundles.map((bundle) => {
          const kind = bundle.kind === 'api' ? 'api' : 'worker';
          const contents = floorSource(kind, bundle.clients, { metrics: bundle.metrics });
          let floor = floorBuilds.get(contents);
          if (!floor) {
            floor = build(
              `floor-${bundle.name as FunctionName}`,
              'floor',
              `(a floor: ${bundle.clients.join(', ') || 'no SDK client'}, Powertools ${bundle.metrics ? 'logger and metrics' : 'logger'}, middy${kind === 'api' ? ', zod/mini' : ''})`,
              outDir,
              { stdin: { contents, loader: 'ts', resolveDir: projectRoot } },
            );
            floorBuilds.set(contents, floor);
          }
          return floor;
        }),
      );
      log(`built ${bundles.length} bundles; timing ${importRuns} imports of each and of an empty bundle`);

      // Round-robin rather than one bundle at a time: a slow spell of the machine then spreads over
      // every bundle instead of landing on a few.
      const all = [empty, sdkFloor, ...bundles];
      const samples = new Map<Bundle, number[]>(all.map((bundle) => [bundle, []]));
      for (let run = 1; run <= importRuns; run++) {
        for (const bundle of all) samples.get(bundle)!.push(timeImport(bundle));
        log(`import run ${run}/${importRuns}`);
      }

      const importMethod = `median of ${importRuns} runs, each a fresh \`node\` process (${process.version}) with Lambda's environment variables (the catalog's functionEnvironment, which sets no NODE_OPTIONS) timing \`await import(bundle)\` with process.hrtime inside the child; runs interleaved across bundles, one at a time`;
      const emptyMedian = median(samples.get(empty)!);
      const timing = (bundle: Bundle) => {
        const runs = samples.get(bundle)!;
        return { runs: runs.length, samplesMs: runs.map((ms) => round(ms, 2)) };
      };
      const figures: Figure[] = [
        {
          id: 'bundle.importMedianMs.empty',
          value: round(emptyMedian, 2),
          unit: 'ms',
          method: `${importMethod}; the bundle of an empty handler built with the same options`,
          inputs: { bytes: empty.bytes, ...timing(empty) },
        },
      ];
      for (const bundle of [sdkFloor, ...bundles]) {
        const key = `${bundle.kind}.${bundle.name}`;
        const importMedian = median(samples.get(bundle)!);
        figures.push(
          {
            id: `bundle.size.${key}`,
            value: bundle.bytes,
            unit: 'bytes',
            method: bundleMethod,
            inputs: {
              entry: bundle.entry,
              sourcemapBytes: bundle.sourcemapBytes,
              topPackages: bundle.topPackages,
            },
          },
          {
            id: `bundle.importMedianMs.${key}`,
            value: round(importMedian, 2),
            unit: 'ms',
            method: importMethod,
            inputs: { entry: bundle.entry, bytes: bundle.bytes, ...timing(bundle) },
          },
          {
            id: `bundle.importRatio.${key}`,
            value: round(importMedian / emptyMedian, 2),
            unit: 'ratio',
            method: 'the import median over the empty bundle’s import median, both measured in this run',
            inputs: { importMedianMs: round(importMedian, 2), emptyMedianMs: round(emptyMedian, 2) },
          },
        );
      }
      for (const [index, floor] of floors.entries())
        figures.push({
          id: `bundle.size.floor.${bundles[index]!.name}`,
          value: floor.bytes,
          unit: 'bytes',
          method: `${bundleMethod}. The function's floor: the SDK clients its bundle holds, made at import and sent one command each, Powertools' logger and metrics through middy, and for an API function a request read with zod/mini in English; no code of Faktura (tools/bench/lib/bundle-floor.ts)`,
          inputs: {
            clients: floor.clients,
            functionBytes: bundles[index]!.bytes,
            topPackages: floor.topPackages,
          },
        });
      return { section: 'bundles', title: section.title, figures };
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  },
};
