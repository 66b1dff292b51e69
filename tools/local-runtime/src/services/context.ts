import { randomBytes, randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { defaultRegion, localAccountId } from './local-service.ts';

export interface LambdaContextOptions {
  readonly functionName: string;
  /** The function's configured timeout; `getRemainingTimeInMillis` counts down from it. Default 3 (Lambda's). */
  readonly timeoutSeconds?: number;
  /** Default 128 (Lambda's). */
  readonly memoryLimitInMB?: number;
  readonly region?: string;
  readonly functionVersion?: string;
  /** Default: a fresh UUID, as Lambda gives every invocation. */
  readonly awsRequestId?: string;
  /** Clock, for tests. */
  readonly now?: () => number;
}

/**
 * A Lambda-shaped `Context` for one invocation, as the Node.js runtime builds it: the gateway, the
 * Step Functions shim and the SQS poller hand it to the handlers, which cannot tell it from the
 * real one (`getRemainingTimeInMillis` counts down from the function's timeout; the deprecated
 * `done`/`fail`/`succeed` are accepted and ignored, since handlers here return promises).
 */
export const createLambdaContext = (options: LambdaContextOptions): Context => {
  const now = options.now ?? Date.now;
  const region = options.region ?? process.env.AWS_REGION ?? defaultRegion;
  const version = options.functionVersion ?? '$LATEST';
  const deadline = now() + (options.timeoutSeconds ?? 3) * 1000;
  const day = new Date(now()).toISOString().slice(0, 10).replaceAll('-', '/');
  return {
    functionName: options.functionName,
    functionVersion: version,
    invokedFunctionArn: `arn:aws:lambda:${region}:${localAccountId}:function:${options.functionName}`,
    memoryLimitInMB: String(options.memoryLimitInMB ?? 128),
    awsRequestId: options.awsRequestId ?? randomUUID(),
    logGroupName: `/aws/lambda/${options.functionName}`,
    logStreamName: `${day}/[${version}]${randomBytes(16).toString('hex')}`,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
};
