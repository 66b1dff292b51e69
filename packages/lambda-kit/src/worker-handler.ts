import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import type * as z from 'zod/mini';
import { fieldKey } from './field-path.ts';
import { metrics } from './metrics.ts';
import { logger } from './observability.ts';

/** A worker's input did not have the form its schema declares: a bug upstream, not a retry. */
export class InvalidWorkerInput extends Error {
  public override readonly name = 'InvalidWorkerInput';
}

/** What a worker declares: the schema of its input (parsed before `handle` sees it) and its work. */
export interface WorkerDefinition<Schema extends z.ZodMiniType, Output> {
  readonly input: Schema;
  readonly handle: (input: z.output<Schema>, context: Context) => Promise<Output>;
}

/** The input parsed by its schema; every problem named by its field. */
export const parseWorkerInput = <Schema extends z.ZodMiniType>(
  schema: Schema,
  value: unknown,
): z.output<Schema> => {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${fieldKey(issue.path) || 'input'}: ${issue.message}`);
  throw new InvalidWorkerInput(`The worker's input is invalid: ${problems.join('; ')}`);
};

const withObservability = <Input, Output>(handle: (input: Input, context: Context) => Promise<Output>) =>
  middy(handle)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics));

/**
 * Workers (queue consumers, saga steps, the monthly close) get the same logging, metrics and
 * Lambda tracing as the API. Their errors are thrown on purpose: the caller (Step Functions' Retry/Catch,
 * SQS redrive) decides what happens next, keyed by the error's `name`.
 *
 * Given a definition with an `input` schema, the kit parses the input first (InvalidWorkerInput
 * when it does not fit); given a bare function, the input is the worker's to read, as the steps
 * of our own state machines do that would otherwise bundle a schema library for two strings.
 */
export function workerHandler<Schema extends z.ZodMiniType, Output>(
  definition: WorkerDefinition<Schema, Output>,
): ReturnType<typeof withObservability<unknown, Output>>;
export function workerHandler<Input, Output>(
  handle: (input: Input, context: Context) => Promise<Output>,
): ReturnType<typeof withObservability<Input, Output>>;
export function workerHandler<Output>(
  given: WorkerDefinition<z.ZodMiniType, Output> | ((input: unknown, context: Context) => Promise<Output>),
) {
  if (typeof given === 'function') return withObservability(given);
  return withObservability((input: unknown, context: Context) =>
    given.handle(parseWorkerInput(given.input, input), context),
  );
}
