/**
 * How every Lambda function is bundled. CDK's `NodejsFunction` (infra/functions.ts) and the bundle
 * section of `npm run bench` both build from these options, so the benchmark measures exactly the
 * code that is deployed.
 *
 * The shape is esbuild's own; `infra/functions.ts` translates it into CDK's bundling props.
 */
import type { BuildOptions } from 'esbuild';

/**
 * A dependency that is CommonJS may call `require` for Node built-ins; ESM has no `require`, so the banner gives them one, as the
 * Powertools documentation recommends for ESM bundles.
 */
const requireShimBanner =
  "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

export const lambdaBundling = {
  platform: 'node',
  // ESM lets esbuild tree-shake the AWS SDK v3 clients down to the commands a handler imports;
  // `module` first picks the SDK's ES module builds (dist-es) over its CommonJS ones. (Adding
  // `conditions: ['node']` would do the opposite: @smithy/core's `node` export is CommonJS, +130 KB.)
  format: 'esm',
  target: 'node24',
  mainFields: ['module', 'main'],
  banner: { js: requireShimBanner },
  minify: true,
  // The map ships beside the bundle in its asset, without the sources themselves, and is read only
  // when someone asks for it (the "Stack traces" decision in infra/README.md), never at cold start.
  sourcemap: true,
  sourcesContent: false,
  // package.json declares Faktura's own modules free of side effects (`"sideEffects": false`): a
  // module a function imports but does not use is dropped whole, with what it imports. Without it,
  // importing the store's wiring kept every repository's imports (big.js among them, ~8 KB) in
  // every bundle. A module of ours that must act at import does so in a module whose exports are
  // used (the zod locale in packages/lambda-kit/src/validation.ts); test/infra/bundles.test.ts checks both.
  // Bundle everything, the AWS SDK v3 clients included: each bundle then carries exactly the
  // clients and commands its handler imports, pinned to the versions in package-lock.json,
  // instead of whatever SDK version the runtime happens to ship.
  external: [],
  // On Lambda, credentials come from the environment: the SDK's default chain is swapped for its
  // environment link alone (why: packages/lambda-kit/src/lambda-credentials.ts). Relative to the
  // repository root, where both CDK and the bench run esbuild. Event streams, which no client of the
  // functions uses, are left out the same way (why: packages/lambda-kit/src/no-event-streams.ts), and
  // so is DynamoDB's endpoint discovery, which none of its commands uses (no-endpoint-discovery.ts).
  alias: {
    '@aws-sdk/credential-provider-node': './packages/lambda-kit/src/lambda-credentials.ts',
    '@smithy/core/event-streams': './packages/lambda-kit/src/no-event-streams.ts',
    '@aws-sdk/middleware-endpoint-discovery': './packages/lambda-kit/src/no-endpoint-discovery.ts',
  },
} satisfies BuildOptions;
