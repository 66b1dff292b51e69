import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { logger, metrics, tracer } from './observability.ts';

/**
 * Workers (queue consumers, saga steps, the monthly close) get the same logging, metrics and
 * tracing as the API. Their errors are thrown on purpose: the caller (Step Functions' Retry/Catch,
 * SQS redrive) decides what happens next, keyed by the error's `name`.
 */
export const workerHandler = <Input, Output>(handle: (input: Input, context: Context) => Promise<Output>) =>
  middy(handle)
    .use(captureLambdaHandler(tracer))
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics));
