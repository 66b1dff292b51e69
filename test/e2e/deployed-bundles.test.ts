import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { lambdaBundling } from '#infra/bundling';
import { environmentNames, routes } from '#infra/catalog';
import { projectRoot } from '#infra/functions';
import { localConfig } from '#local/config';
import { toApiEvent } from '#local/gateway/api-event';
import { compileRoutes } from '#local/gateway/route-table';
import { createTenant } from './support/fixtures.ts';

/**
 * A function as CDK bundles it (infra/bundling.ts: the SDK's stand-ins for its credential chain,
 * event streams and endpoint discovery; our modules declared free of side effects) answers a
 * request against the local stack's DynamoDB. Every other test runs the handlers from source,
 * where none of that applies; only this one runs what is deployed.
 */
const out = mkdtempSync(join(tmpdir(), 'faktura-deployed-bundle-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const builds = new Map<string, Promise<string>>();

/** `entry` built as CDK builds it, once per file: the bundle's path. */
const bundled = (entry: string): Promise<string> => {
  let build = builds.get(entry);
  if (!build) {
    const file = join(out, entry.replaceAll('/', '_'), 'index.mjs');
    build = esbuild
      .build({
        ...lambdaBundling,
        entryPoints: [join(projectRoot, entry)],
        bundle: true,
        outfile: file,
        absWorkingDir: projectRoot,
        logLevel: 'silent',
      })
      .then(() => file);
    builds.set(entry, build);
  }
  return build;
};

/** Calls the handler of `entry`, bundled as deployed, once with `event`, in a fresh Node process. */
const invokeBundled = async (
  entry: string,
  event: unknown,
): Promise<{ statusCode: number; body: string }> => {
  const file = await bundled(entry);
  const script = `
const { handler } = await import(process.argv[1]);
const context = { functionName: 'bundled', awsRequestId: 'r1', getRemainingTimeInMillis: () => 29000 };
const answer = await handler(JSON.parse(process.argv[2]), context);
process.stdout.write(\`\\n\${JSON.stringify(answer)}\\n\`);`;
  const config = localConfig({});
  const child = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', script, pathToFileURL(file).href, JSON.stringify(event)],
    {
      encoding: 'utf8',
      timeout: 30_000,
      env: {
        PATH: process.env.PATH,
        AWS_REGION: config.region,
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${inject('ports').DYNAMODB_PORT}`,
        [environmentNames.tableName]: config.tableName,
        POWERTOOLS_SERVICE_NAME: 'faktura',
        POWERTOOLS_METRICS_DISABLED: 'true',
      },
    },
  );
  if (child.status !== 0) throw new Error(`the bundled ${entry} failed: ${child.stderr}`);
  // The handler's own log lines (Powertools writes them to stdout) come first; its answer is the last line.
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { statusCode: number; body: string };
};

/**
 * The event API Gateway gives GET /reseller/{id} of an ADMIN, made by the local gateway's own
 * builder and route table (tools/local-runtime/src/gateway/), as it makes it for every request.
 */
const serveRoute = compileRoutes(routes);
const getResellerEvent = (id: string) => {
  const url = new URL(`http://127.0.0.1/reseller/${id}`);
  const request = {
    method: 'GET',
    httpVersion: '1.1',
    headers: { host: '127.0.0.1', accept: 'application/json' },
    socket: { remoteAddress: '127.0.0.1' },
  } as unknown as IncomingMessage;
  const match = serveRoute('GET', url.pathname);
  if (match?.function !== 'reseller-get') throw new Error(`GET ${url.pathname} is not reseller-get's route`);
  return toApiEvent(request, url, Buffer.alloc(0), match, {
    sub: 'ops',
    'custom:role': 'ADMIN',
    email: 'ops@faktura.local',
  });
};

describe('a function bundled as deployed', () => {
  it('reads the table through its bundled SDK client and answers as from source', async () => {
    // Prepare
    const tenant = await createTenant('Bundled');

    // Act
    const answer = await invokeBundled('functions/reseller/get.ts', getResellerEvent(tenant.reseller));

    // Assess
    expect(answer.statusCode).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({
      _id: tenant.reseller,
      name: expect.stringMatching(/^Bundled Reseller/),
    });
  }, 60_000);

  it('answers an id it does not have 404, in the seeds’ error form', async () => {
    // Act
    const answer = await invokeBundled(
      'functions/reseller/get.ts',
      getResellerEvent('65f00000000000000000ffff'),
    );

    // Assess
    expect(answer.statusCode).toBe(404);
    expect(JSON.parse(answer.body)).toMatchObject({ status: 404, message: 'not_found' });
  }, 60_000);
});
