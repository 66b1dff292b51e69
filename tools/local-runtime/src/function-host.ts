import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { type FunctionName, type FunctionSpec, functions } from '#infra/catalog';
import { createLambdaContext } from './services/context.ts';

/**
 * Runs the catalog's handlers in this process the way Lambda would call them: the same entry
 * file, a Lambda-shaped context, the function's timeout, and Lambda's 6 MB limits on what a
 * synchronous invocation may take and return. The gateway, the Step Functions shim and the queue
 * poller all invoke through here.
 *
 * Where it matters for what a client sees, it fails as Lambda does (see services/README.md):
 * - an event over 6 MB is refused before the handler runs (RequestTooLargeError; API Gateway
 *   answers it 413);
 * - a handler that runs past its timeout is abandoned: the invocation fails with Lambda's
 *   `Sandbox.Timedout` error, whatever the handler does later is ignored, and the next invocation
 *   gets a fresh instance of the entry module, as Lambda starts a new execution environment.
 */
type Handler = (event: unknown, context: Context) => Promise<unknown>;

/** Lambda's synchronous invocation limits, in bytes of JSON: 6 MiB in, 6 MiB + 100 out. */
export const maxRequestBytes = 6 * 1024 * 1024;
const maxResponseBytes = 6 * 1024 * 1024 + 100;
const region = process.env.AWS_REGION ?? 'eu-west-1';

export class FunctionTimeoutError extends Error {
  public override readonly name = 'Sandbox.Timedout';
}

export class ResponseTooLargeError extends Error {
  public override readonly name = 'Function.ResponseSizeTooLarge';
}

/** Lambda's Invoke refuses the event itself; the handler never runs. */
export class RequestTooLargeError extends Error {
  public override readonly name = 'RequestEntityTooLargeException';
}

export interface FunctionHost<Name extends string = FunctionName> {
  invoke(name: Name, event: unknown): Promise<unknown>;
}

/** The functions to host: the catalog's, or (in the host's own tests) a few of the same shape. */
export type HostedFunctions<Name extends string> = Readonly<
  Record<Name, Pick<FunctionSpec, 'entry' | 'timeoutSeconds' | 'memoryMb'>>
>;

export const createFunctionHost = <Name extends string = FunctionName>(
  root: string,
  hosted: HostedFunctions<Name> = functions as HostedFunctions<string> as HostedFunctions<Name>,
): FunctionHost<Name> => {
  const loaded = new Map<string, Promise<Handler>>();
  /** Raised for a function whose environment was reset: its next import is a fresh module instance. */
  const generation = new Map<string, number>();
  const load = (name: string): Promise<Handler> => {
    let handler = loaded.get(name);
    if (!handler) {
      const spec = hosted[name as Name];
      if (!spec) throw new Error(`No function ${name}`);
      const url = new URL(pathToFileURL(resolve(root, spec.entry)).href);
      const reset = generation.get(name) ?? 0;
      // The module cache is keyed by URL: another query is another instance, its top level run again.
      if (reset > 0) url.searchParams.set('environment', String(reset));
      handler = import(url.href).then((module: { handler?: Handler }) => {
        if (typeof module.handler !== 'function') throw new Error(`${spec.entry} exports no handler`);
        return module.handler;
      });
      loaded.set(name, handler);
    }
    return handler;
  };
  const resetEnvironment = (name: string): void => {
    loaded.delete(name);
    generation.set(name, (generation.get(name) ?? 0) + 1);
  };

  return {
    invoke: async (name, event) => {
      const spec = hosted[name];
      const timeoutSeconds = spec.timeoutSeconds ?? 29;
      // A round trip through JSON, as Lambda's invoke API does: nothing but data crosses.
      const payload = JSON.stringify(event ?? null);
      if (Buffer.byteLength(payload) > maxRequestBytes) {
        throw new RequestTooLargeError(
          `Request must be smaller than ${maxRequestBytes} bytes for the InvokeFunction operation`,
        );
      }
      const handler = await load(name);
      const context = createLambdaContext({
        functionName: name,
        timeoutSeconds,
        memoryLimitInMB: spec.memoryMb ?? 256,
        region,
      });
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          resetEnvironment(name);
          reject(new FunctionTimeoutError(`Task timed out after ${timeoutSeconds.toFixed(2)} seconds`));
        }, timeoutSeconds * 1000);
      });
      try {
        const running = handler(JSON.parse(payload), context);
        // Abandoned on timeout: a late failure must not surface as an unhandled rejection.
        running.catch(() => undefined);
        const result = await Promise.race([running, timeout]);
        const serialized = JSON.stringify(result ?? null);
        if (Buffer.byteLength(serialized) > maxResponseBytes) {
          throw new ResponseTooLargeError(
            `Response payload size exceeded maximum allowed payload size (${maxResponseBytes} bytes)`,
          );
        }
        return JSON.parse(serialized);
      } finally {
        clearTimeout(timer);
      }
    },
  };
};
