import { Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { FunctionName, RouteSpec } from '../catalog.ts';
import type { ApiThrottling, Throttle } from '../stack-config.ts';

/**
 * One JSON line per request, with what an on-call engineer asks first: which route, what status,
 * how slow, and why the integration or the authorizer failed. Variables are the HTTP API ones
 * (`$context.routeKey`, `$context.integrationErrorMessage`), not the REST API ones.
 */
export const accessLogFields = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  routeKey: '$context.routeKey',
  status: '$context.status',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationStatus: '$context.integrationStatus',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  errorMessage: '$context.error.message',
  responseLength: '$context.responseLength',
  sourceIp: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
} as const;

/** The routes with limits of their own (route key → which of `ApiThrottling`'s), tighter than the stage's. */
export const throttledRoutes = {
  'POST /integration/{system}/invoice/draft': 'exportRequest',
  'POST /invoice': 'invoiceCreate',
} as const satisfies Record<string, keyof ApiThrottling>;

/** CloudFormation's own spelling: RouteSettings is a free-form map, so CDK does not rename its keys. */
const routeSettings = (limit: Throttle) => ({
  ThrottlingRateLimit: limit.rateLimit,
  ThrottlingBurstLimit: limit.burstLimit,
});

export interface HttpApiProps {
  readonly routes: readonly RouteSpec[];
  readonly handlerOf: (name: FunctionName) => lambda.IFunction;
  readonly userPool: cognito.IUserPool;
  readonly userPoolClient: cognito.IUserPoolClient;
  readonly throttling: ApiThrottling;
  readonly accessLogRetention?: logs.RetentionDays;
}

/**
 * The HTTP API: one route per catalog route, each a Lambda proxy integration (payload 2.0) behind
 * the JWT authorizer.
 *
 * The authorizer validates the Cognito ID token's signature, issuer (the user pool) and audience
 * (the app client id), then passes its claims to the handler at
 * `event.requestContext.authorizer.jwt.claims` (`custom:role`, `custom:reseller`, `custom:customer`,
 * `email`). The handlers decide what a role may see; the gateway only decides who is signed in.
 *
 * No CORS: the front end is served from the API's own origin (or a CloudFront distribution in
 * front of both), so cross-origin requests are an error, not a feature.
 */
export class HttpApi extends Construct {
  readonly api: apigwv2.HttpApi;
  readonly stage: apigwv2.HttpStage;
  readonly accessLogs: logs.LogGroup;
  readonly authorizer: HttpUserPoolAuthorizer;

  constructor(scope: Construct, id: string, props: HttpApiProps) {
    super(scope, id);
    this.api = new apigwv2.HttpApi(this, 'Api', {
      apiName: `${Stack.of(this).stackName}-api`,
      description: 'Faktura: invoices, accounting exports, export tracking',
      // The default stage is made below, with throttling and access logs the generated one lacks.
      createDefaultStage: false,
    });
    this.authorizer = new HttpUserPoolAuthorizer('CognitoIdToken', props.userPool, {
      userPoolClients: [props.userPoolClient],
      identitySource: ['$request.header.Authorization'],
    });

    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.accessLogRetention ?? logs.RetentionDays.THREE_MONTHS,
    });
    this.stage = new apigwv2.HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.throttling.rateLimit, burstLimit: props.throttling.burstLimit },
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(accessLogFields)),
      },
    });

    // One integration per function, shared by the routes that call it.
    const integrations = new Map<FunctionName, HttpLambdaIntegration>();
    const integrationOf = (name: FunctionName): HttpLambdaIntegration => {
      let integration = integrations.get(name);
      if (!integration) {
        integration = new HttpLambdaIntegration(`${name}-integration`, props.handlerOf(name), {
          payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_2_0,
        });
        integrations.set(name, integration);
      }
      return integration;
    };
    const routesByKey = new Map<string, apigwv2.HttpRoute>();
    for (const route of props.routes) {
      const [added] = this.api.addRoutes({
        path: route.path,
        methods: [apigwv2.HttpMethod[route.method]],
        integration: integrationOf(route.function),
        authorizer: route.public ? new apigwv2.HttpNoneAuthorizer() : this.authorizer,
      });
      if (added) routesByKey.set(`${route.method} ${route.path}`, added);
      if (route.public && added) {
        Validations.of(added).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `${route.method} ${route.path} is the public API reference (no data, no tenant): it must be readable before signing in`,
        });
      }
    }

    // Per-route limits are stage settings keyed by route key (HttpStage has no property for them).
    // CloudFormation refuses a key whose route does not exist yet, hence the dependencies.
    const stage = this.stage.node.defaultChild as apigwv2.CfnStage;
    stage.addPropertyOverride(
      'RouteSettings',
      Object.fromEntries(
        Object.entries(throttledRoutes).map(([routeKey, limit]) => {
          const route = routesByKey.get(routeKey);
          if (!route) throw new Error(`Throttled route ${routeKey} is not in the catalog`);
          this.stage.node.addDependency(route);
          return [routeKey, routeSettings(props.throttling[limit])];
        }),
      ),
    );
  }

  /** The URL clients call. */
  get url(): string {
    return this.stage.url;
  }
}
