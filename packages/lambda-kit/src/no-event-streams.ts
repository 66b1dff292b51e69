/**
 * The AWS SDK's event-stream support, left out of the Lambda bundles.
 *
 * The SDK's HTTP protocol loads `@smithy/core/event-streams` with a dynamic import, and only for an
 * operation that streams events (Lambda's InvokeWithResponseStream, Bedrock, Transcribe…). No client
 * Faktura's functions use (DynamoDB, SQS, SES v2, Step Functions, Secrets Manager) has such an
 * operation, yet esbuild inlines whatever a literal `import()` names: ~15 KB of every bundle, parsed
 * at every cold start and never run. infra/bundling.ts aliases the module to this one in the Lambda
 * bundles only, and `test/infra/bundles.test.ts` holds the premise: a client that configures
 * event streams (as client-lambda does) fails it. Should the premise break anyway, the call says so
 * instead of failing obscurely.
 *
 * The names are the ones the SDK imports.
 */
export class EventStreamsNotBundled extends Error {
  public override readonly name = 'EventStreamsNotBundled';

  public constructor() {
    super(
      'This operation streams events, and the Lambda bundles leave the SDK’s event-stream support out (packages/lambda-kit/src/no-event-streams.ts): remove the alias in infra/bundling.ts',
    );
  }
}

export class EventStreamSerde {
  public constructor() {
    throw new EventStreamsNotBundled();
  }
}

export const eventStreamSerdeProvider = (): never => {
  throw new EventStreamsNotBundled();
};
