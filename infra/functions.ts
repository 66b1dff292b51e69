import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, Tags, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { lambdaBundling } from './bundling.ts';
import { functions as catalog, type FunctionName, type FunctionSpec } from './catalog.ts';
import type { AccountingHosts, FunctionLogLevel } from './stack-config.ts';

/** The repository root: catalog entries are relative to it, and esbuild resolves `#subpath` imports from it. */
export const projectRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * The tag that names a function's catalog entry. The local runtime reads it from the synthesized
 * template to map a Lambda ARN in the state machine definition back to the entry file it runs.
 */
export const catalogFunctionTag = 'faktura:function';

/** The Powertools service name and metrics namespace every function shares (dashboards and alarms read them). */
export const powertoolsServiceName = 'faktura';
export const powertoolsMetricsNamespace = 'Faktura';

const defaultTimeoutSeconds = { api: 10, worker: 60 } as const;
const defaultMemoryMb = 256;

/** What every function finds in its environment, besides what its grants add (table name, queue URL, ...). */
export const functionEnvironment = (
  logLevel: FunctionLogLevel,
  accountingHosts: AccountingHosts = {},
): Record<string, string> => ({
  POWERTOOLS_SERVICE_NAME: powertoolsServiceName,
  POWERTOOLS_METRICS_NAMESPACE: powertoolsMetricsNamespace,
  POWERTOOLS_LOG_LEVEL: logLevel,
  // No NODE_OPTIONS=--enable-source-maps: Node would parse the bundle's source map (several hundred
  // KB) at every cold start to serve the rare stack trace. How a trace is read instead: the
  // "Stack traces" decision in infra/README.md.
  // The deployment's accounting hosts besides the real ones (packages/wiring/src/accounting.ts).
  ...(accountingHosts.economic ? { ECONOMIC_API_URL: accountingHosts.economic } : {}),
  ...(accountingHosts.uniconta ? { UNICONTA_API_URL: accountingHosts.uniconta } : {}),
});

export interface CatalogFunctionsProps {
  readonly logLevel: FunctionLogLevel;
  readonly accountingHosts?: AccountingHosts;
  /** How long each function's logs are kept. */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * One `NodejsFunction` per catalog entry, each with its own role, log group and tag.
 *
 * Why a role per function (and not the role `NodejsFunction` makes by default): the default role
 * carries the AWS managed `AWSLambdaBasicExecutionRole`, which may write to every log group in the
 * account. Here each role may write only to its own function's log group, and gets nothing else
 * until the catalog's grants are applied (`infra/grants.ts`).
 */
export class CatalogFunctions extends Construct {
  readonly byName: ReadonlyMap<FunctionName, NodejsFunction>;

  constructor(scope: Construct, id: string, props: CatalogFunctionsProps) {
    super(scope, id);
    const byName = new Map<FunctionName, NodejsFunction>();
    for (const [name, spec] of catalogEntries()) {
      byName.set(name, this.createFunction(name, spec, props));
    }
    this.byName = byName;
  }

  /** The function of a catalog entry; throws for a name the catalog does not hold. */
  get(name: FunctionName): NodejsFunction {
    const fn = this.byName.get(name);
    if (!fn) throw new Error(`No function ${name} in the catalog`);
    return fn;
  }

  /** The function of a name that may not be in the catalog yet (e.g. `monthly-close`). */
  find(name: string): NodejsFunction | undefined {
    return this.byName.get(name as FunctionName);
  }

  private createFunction(
    name: FunctionName,
    spec: FunctionSpec,
    props: CatalogFunctionsProps,
  ): NodejsFunction {
    const logGroup = new logs.LogGroup(this, `${name}-logs`, {
      retention: props.logRetention ?? logs.RetentionDays.THREE_MONTHS,
    });
    const role = new iam.Role(this, `${name}-role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Faktura ${name}: ${spec.description}`.slice(0, 1000),
    });
    logGroup.grantWrite(role);

    const fn = new NodejsFunction(this, name, {
      entry: path.join(projectRoot, spec.entry),
      handler: 'handler',
      projectRoot,
      depsLockFilePath: path.join(projectRoot, 'package-lock.json'),
      description: spec.description.slice(0, 256),
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: spec.memoryMb ?? defaultMemoryMb,
      timeout: Duration.seconds(spec.timeoutSeconds ?? defaultTimeoutSeconds[spec.kind]),
      role,
      logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel[props.logLevel],
      tracing: lambda.Tracing.ACTIVE,
      environment: functionEnvironment(props.logLevel, props.accountingHosts),
      bundling: {
        format: OutputFormat.ESM,
        target: lambdaBundling.target,
        mainFields: lambdaBundling.mainFields,
        banner: lambdaBundling.banner.js,
        minify: lambdaBundling.minify,
        sourceMap: lambdaBundling.sourcemap,
        sourcesContent: lambdaBundling.sourcesContent,
        externalModules: lambdaBundling.external,
        esbuildArgs: {
          '--alias': Object.entries(lambdaBundling.alias).map(
            ([module, replacement]) => `${module}=${replacement}`,
          ),
        },
        forceDockerBundling: false,
        // Files the function serves as they are (infra/catalog.ts `assets`) go beside its bundle.
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (inputDir: string, outputDir: string) =>
            (spec.assets ?? []).map(
              (asset) =>
                `cp "${path.join(inputDir, 'node_modules', asset)}" "${path.join(outputDir, path.basename(asset))}"`,
            ),
        },
      },
    });
    Tags.of(fn).add(catalogFunctionTag, name, { includeResourceTypes: ['AWS::Lambda::Function'] });

    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Active X-Ray tracing needs xray:PutTraceSegments and xray:PutTelemetryRecords, which support no resource-level permissions.',
    });
    return fn;
  }
}

/** The catalog's entries with their names typed as catalog names. */
export function catalogEntries(): [FunctionName, FunctionSpec][] {
  return Object.entries(catalog) as [FunctionName, FunctionSpec][];
}
