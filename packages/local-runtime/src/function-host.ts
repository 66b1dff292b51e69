import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { type FunctionName, type FunctionSpec, functions } from '#infra/catalog';
import { createLambdaContext } from './services/context.ts';

/**
 * Runs the catalog's handlers in this process the way Lambda would call them: the same entry
 * file, a Lambda-shaped context, the function's timeout, and Lambda's 6 MB limit on what a
 * synchronous invocation may return. The gateway, the Step Functions shim and the queue poller all
 * invoke through here.
 */
type Handler = (event: unknown, context: Context) => Promise<unknown>;

const maxResponseBytes = 6 * 1024 * 1024;
const region = process.env.AWS_REGION ?? 'eu-west-1';

export class FunctionTimeoutError extends Error {
  public override readonly name = 'Sandbox.Timedout';
}

export class ResponseTooLargeError extends Error {
  public override readonly name = 'Function.ResponseSizeTooLarge';
}

export interface FunctionHost {
  invoke(name: FunctionName, event: unknown): Promise<unknown>;
}

export const createFunctionHost = (root: string): FunctionHost => {
  const loaded = new Map<FunctionName, Promise<Handler>>();
  const load = (name: FunctionName): Promise<Handler> => {
    let handler = loaded.get(name);
    if (!handler) {
      const url = pathToFileURL(resolve(root, functions[name].entry)).href;
      handler = import(url).then((module: { handler?: Handler }) => {
        if (typeof module.handler !== 'function')
          throw new Error(`${functions[name].entry} exports no handler`);
        return module.handler;
      });
      loaded.set(name, handler);
    }
    return handler;
  };

  return {
    invoke: async (name, event) => {
      const spec: FunctionSpec = functions[name];
      const timeoutSeconds = spec.timeoutSeconds ?? 29;
      const handler = await load(name);
      const context = createLambdaContext({
        functionName: name,
        timeoutSeconds,
        memoryLimitInMB: spec.memoryMb ?? 256,
        region,
      });
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new FunctionTimeoutError(`Task timed out after ${timeoutSeconds}.00 seconds`)),
          timeoutSeconds * 1000,
        );
      });
      try {
        // A round trip through JSON, as Lambda's invoke API does: nothing but data crosses.
        const input = JSON.parse(JSON.stringify(event ?? null));
        const result = await Promise.race([handler(input, context), timeout]);
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
