import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { routes } from '#infra/catalog';
import { accessLogFields } from '#infra/constructs/http-api';
import {
  arnOf,
  functionsByCatalogName,
  onlyResourceOfType,
  resourcesOfType,
  type SynthesizedFaktura,
  synthesizeFaktura,
} from './template.ts';

describe('HTTP API', () => {
  let faktura: SynthesizedFaktura;
  let apiId: string;
  let authorizerId: string;
  let userPoolId: string;
  let clientId: string;

  beforeAll(() => {
    faktura = synthesizeFaktura({ apiThrottleRateLimit: '25', apiThrottleBurstLimit: 40 });
    [apiId] = onlyResourceOfType(faktura.json, 'AWS::ApiGatewayV2::Api');
    [authorizerId] = onlyResourceOfType(faktura.json, 'AWS::ApiGatewayV2::Authorizer');
    [userPoolId] = onlyResourceOfType(faktura.json, 'AWS::Cognito::UserPool');
    [clientId] = onlyResourceOfType(faktura.json, 'AWS::Cognito::UserPoolClient');
  });

  it('is an HTTP API without CORS', () => {
    // Assess
    faktura.template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'HTTP',
      CorsConfiguration: Match.absent(),
    });
  });

  it('authorizes with a JWT authorizer: the user pool as issuer, the app client as audience', () => {
    // Assess
    faktura.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      ApiId: { Ref: apiId },
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: clientId }],
        Issuer: {
          'Fn::Join': [
            '',
            ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/', { Ref: userPoolId }],
          ],
        },
      },
    });
  });

  it('has one route per catalog route, each behind the JWT authorizer but the public reference', () => {
    // Prepare
    const deployed = resourcesOfType(faktura.json, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties);
    const isPublic = new Set(routes.filter((r) => r.public).map((r) => `${r.method} ${r.path}`));

    // Assess
    expect(deployed.map((r) => r.RouteKey).sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
    expect([...isPublic].sort()).toEqual(['GET /docs', 'GET /docs/{asset}', 'GET /openapi.json']);
    for (const route of deployed) {
      if (isPublic.has(route.RouteKey)) expect(route.AuthorizationType).toBe('NONE');
      else expect(route).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId } });
    }
  });

  it.each(routes.map((r) => [`${r.method} ${r.path}`, r.function] as const))(
    'sends %s to %s as a Lambda proxy integration, payload 2.0',
    (routeKey, functionName) => {
      // Prepare
      const [functionId] = functionsByCatalogName(faktura.json).get(functionName)!;
      const [, route] = resourcesOfType(faktura.json, 'AWS::ApiGatewayV2::Route').find(
        ([, r]) => r.Properties.RouteKey === routeKey,
      )!;
      const integrationId = route.Properties.Target['Fn::Join'][1][1].Ref;

      // Assess
      expect(faktura.json.Resources[integrationId].Properties).toMatchObject({
        IntegrationType: 'AWS_PROXY',
        IntegrationUri: arnOf(functionId),
        PayloadFormatVersion: '2.0',
      });
      faktura.template.hasResourceProperties('AWS::Lambda::Permission', {
        Action: 'lambda:InvokeFunction',
        FunctionName: arnOf(functionId),
        Principal: 'apigateway.amazonaws.com',
      });
    },
  );

  it('deploys the default stage with the throttling from context', () => {
    // Assess
    faktura.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      ApiId: { Ref: apiId },
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 25, ThrottlingBurstLimit: 40 },
    });
  });

  it('writes one JSON access log line per request to its own log group', () => {
    // Prepare
    const [, stage] = onlyResourceOfType(faktura.json, 'AWS::ApiGatewayV2::Stage');
    const settings = stage.Properties.AccessLogSettings;
    const logGroupId = settings.DestinationArn['Fn::GetAtt'][0];

    // Assess
    expect(faktura.json.Resources[logGroupId].Type).toBe('AWS::Logs::LogGroup');
    expect(JSON.parse(settings.Format)).toEqual(accessLogFields);
    expect(JSON.parse(settings.Format)).toMatchObject({
      requestId: '$context.requestId',
      routeKey: '$context.routeKey',
      status: '$context.status',
      responseLatency: '$context.responseLatency',
      integrationError: '$context.integrationErrorMessage',
    });
  });

  it('throttles with the default limits when the context sets none', () => {
    // Act
    const defaults = synthesizeFaktura();

    // Assess
    defaults.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      RouteSettings: {
        'POST /integration/{system}/invoice/draft': { ThrottlingRateLimit: 1, ThrottlingBurstLimit: 5 },
        'POST /invoice': { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 },
      },
    });
  });

  it('throttles the export and invoice create routes tighter, from context, once their routes exist', () => {
    // Act
    const tuned = synthesizeFaktura({
      apiThrottleExportRateLimit: '2',
      apiThrottleExportBurstLimit: 3,
      apiThrottleInvoiceCreateRateLimit: 4,
      apiThrottleInvoiceCreateBurstLimit: '6',
    });

    // Assess: exactly these two route keys, and the stage deploys after both routes
    const [stageId, stage] = onlyResourceOfType(tuned.json, 'AWS::ApiGatewayV2::Stage');
    expect(stage.Properties.RouteSettings).toEqual({
      'POST /integration/{system}/invoice/draft': { ThrottlingRateLimit: 2, ThrottlingBurstLimit: 3 },
      'POST /invoice': { ThrottlingRateLimit: 4, ThrottlingBurstLimit: 6 },
    });
    const routeKeys = resourcesOfType(tuned.json, 'AWS::ApiGatewayV2::Route')
      .filter(([id]) => (tuned.json.Resources[stageId].DependsOn ?? []).includes(id))
      .map(([, route]) => route.Properties.RouteKey)
      .sort();
    expect(routeKeys).toEqual(['POST /integration/{system}/invoice/draft', 'POST /invoice']);
  });

  it('refuses a route limit above the stage limit', () => {
    // Act / Assess
    expect(() =>
      synthesizeFaktura({ apiThrottleRateLimit: 5, apiThrottleInvoiceCreateRateLimit: 6 }),
    ).toThrow('The invoiceCreate throttling (6/s, burst 20) must not exceed the stage');
  });
});

describe('Cognito user pool', () => {
  let faktura: SynthesizedFaktura;

  beforeAll(() => {
    faktura = synthesizeFaktura();
  });

  it('carries role, reseller and customer as custom attributes, invited users only, MFA required', () => {
    // Assess
    faktura.template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
      UsernameAttributes: ['email'],
      Schema: Match.arrayWith([
        Match.objectLike({ Name: 'role', AttributeDataType: 'String', Mutable: true }),
        Match.objectLike({ Name: 'reseller', AttributeDataType: 'String', Mutable: true }),
        Match.objectLike({ Name: 'customer', AttributeDataType: 'String', Mutable: true }),
      ]),
    });
  });

  it('has an app client that reads the custom attributes but cannot write them', () => {
    // Prepare
    const [, client] = onlyResourceOfType(faktura.json, 'AWS::Cognito::UserPoolClient');

    // Assess
    expect(client.Properties).toMatchObject({ GenerateSecret: false, PreventUserExistenceErrors: 'ENABLED' });
    expect(client.Properties.ReadAttributes).toEqual(
      expect.arrayContaining(['custom:role', 'custom:reseller', 'custom:customer', 'email']),
    );
    expect(client.Properties.WriteAttributes.filter((a: string) => a.startsWith('custom:'))).toEqual([]);
  });
});
