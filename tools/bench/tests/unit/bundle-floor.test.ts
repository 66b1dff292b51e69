import * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';
import { lambdaBundling } from '#infra/bundling';
import { projectRoot } from '#infra/functions';
import { clientsAmong, floorSource, publishesMetrics } from '../../lib/bundle-floor.ts';

/** The inputs esbuild takes into a floor, built as CDK builds a function (nothing written). */
const floorInputs = async (source: string): Promise<string[]> => {
  const result = await esbuild.build({
    ...lambdaBundling,
    stdin: { contents: source, loader: 'ts', resolveDir: projectRoot },
    bundle: true,
    outfile: 'floor/index.mjs',
    write: false,
    metafile: true,
    absWorkingDir: projectRoot,
    logLevel: 'silent',
  });
  return Object.values(result.metafile.outputs).flatMap((output) => Object.keys(output.inputs));
};

describe('clientsAmong', () => {
  it('names the SDK clients a bundle holds, and nothing else of the SDK', () => {
    // Act
    const clients = clientsAmong([
      'node_modules/@aws-sdk/client-dynamodb/dist-es/DynamoDBClient.js',
      'node_modules/@aws-sdk/lib-dynamodb/dist-es/index.js',
      'node_modules/@aws-sdk/client-sqs/dist-es/SQSClient.js',
      'node_modules/@aws-sdk/core/dist-es/index.js',
      'packages/wiring/src/store.ts',
    ]);

    // Assess
    expect(clients).toEqual(['client-dynamodb', 'client-sqs']);
  });
});

describe('floorSource', () => {
  it('builds an API floor of the given clients with Powertools, middy and zod/mini in English, and no code of Faktura', async () => {
    // Act
    const inputs = await floorInputs(
      floorSource('api', ['client-dynamodb', 'client-sqs'], { metrics: true }),
    );

    // Assess
    expect(clientsAmong(inputs)).toEqual(['client-dynamodb', 'client-sqs']);
    for (const library of [
      '@aws-lambda-powertools/logger/',
      '@aws-lambda-powertools/metrics/',
      '@middy/core/',
      'zod/v4/mini/',
      'zod/v4/locales/en.js',
    ])
      expect(inputs.some((input) => input.includes(library))).toBe(true);
    // The SDK's stand-ins of infra/bundling.ts are the only files of the repository in it.
    expect(
      inputs.filter((input) => !input.startsWith('node_modules/') && input !== '<stdin>').sort(),
    ).toEqual([
      'packages/lambda-kit/src/lambda-credentials.ts',
      'packages/lambda-kit/src/no-endpoint-discovery.ts',
      'packages/lambda-kit/src/no-event-streams.ts',
    ]);
  });

  it('builds a worker floor without zod', async () => {
    // Act
    const inputs = await floorInputs(floorSource('worker', ['client-sesv2'], { metrics: true }));

    // Assess
    expect(clientsAmong(inputs)).toEqual(['client-sesv2']);
    expect(inputs.some((input) => input.includes('node_modules/zod/'))).toBe(false);
    expect(publishesMetrics(inputs)).toBe(true);
  });

  it('leaves Powertools Metrics out of the floor of a function that publishes none', async () => {
    // Act
    const inputs = await floorInputs(floorSource('api', ['client-dynamodb'], { metrics: false }));

    // Assess
    expect(publishesMetrics(inputs)).toBe(false);
    expect(inputs.some((input) => input.includes('@aws-lambda-powertools/logger/'))).toBe(true);
  });
});
