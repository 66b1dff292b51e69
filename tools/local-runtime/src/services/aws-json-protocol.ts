import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/**
 * The AWS JSON RPC protocols (1.0 for Step Functions, 1.1 for Secrets Manager), server side, for the
 * shims the local runtime writes itself: `POST /` with `X-Amz-Target: <prefix>.<Operation>` and a
 * JSON body; answers JSON, and errors as AWS sends them, so that the SDK client raises the same
 * named exception it raises against AWS: HTTP 400 (or 500), `{"__type": "<Name>", "message": "…"}`
 * and the `x-amzn-ErrorType` header.
 */
export class AwsServiceError extends Error {
  public constructor(
    public readonly type: string,
    message: string,
    public readonly statusCode = 400,
  ) {
    super(message);
    this.name = type;
  }
}

export type JsonObject = Record<string, unknown>;
export type Operation = (input: JsonObject) => unknown | Promise<unknown>;

export interface JsonProtocolServerOptions {
  /** `AWSStepFunctions`, `secretsmanager`. */
  readonly targetPrefix: string;
  readonly contentType: 'application/x-amz-json-1.0' | 'application/x-amz-json-1.1';
  readonly operations: Readonly<Record<string, Operation>>;
  /** Called with errors that are not AwsServiceError (answered as 500 InternalFailure). */
  readonly onInternalError?: (error: unknown, operation: string) => void;
  readonly maxBodyBytes?: number;
}

const readBody = (request: IncomingMessage, limit: number): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new AwsServiceError('SerializationException', `Request body exceeds ${limit} bytes`, 413));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });

const send = (
  response: ServerResponse,
  status: number,
  contentType: string,
  body: unknown,
  errorType?: string,
) => {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
    ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
  });
  response.end(text);
};

export const createJsonProtocolServer = (options: JsonProtocolServerOptions): Server => {
  const limit = options.maxBodyBytes ?? 10 * 1024 * 1024;
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    let operationName = '';
    try {
      if (request.method !== 'POST') {
        throw new AwsServiceError(
          'UnknownOperationException',
          `${request.method} is not supported; send POST /`,
          404,
        );
      }
      const target = request.headers['x-amz-target'];
      const prefix = `${options.targetPrefix}.`;
      if (typeof target !== 'string' || !target.startsWith(prefix)) {
        throw new AwsServiceError(
          'UnknownOperationException',
          `Missing or unknown X-Amz-Target: ${String(target)}`,
        );
      }
      operationName = target.slice(prefix.length);
      const operation = Object.hasOwn(options.operations, operationName)
        ? options.operations[operationName]
        : undefined;
      if (!operation) {
        throw new AwsServiceError(
          'UnknownOperationException',
          `The local ${options.targetPrefix} does not implement ${operationName}`,
        );
      }
      const text = await readBody(request, limit);
      let input: unknown = {};
      if (text.trim() !== '') {
        try {
          input = JSON.parse(text);
        } catch {
          throw new AwsServiceError('SerializationException', 'The request body is not valid JSON');
        }
      }
      if (typeof input !== 'object' || input === null || Array.isArray(input)) {
        throw new AwsServiceError('SerializationException', 'The request body must be a JSON object');
      }
      const output = await operation(input as JsonObject);
      send(response, 200, options.contentType, output ?? {});
    } catch (error) {
      if (error instanceof AwsServiceError) {
        send(
          response,
          error.statusCode,
          options.contentType,
          { __type: error.type, message: error.message },
          error.type,
        );
        return;
      }
      options.onInternalError?.(error, operationName);
      send(
        response,
        500,
        options.contentType,
        { __type: 'InternalFailure', message: (error as Error).message },
        'InternalFailure',
      );
    }
  };
  return createServer((request, response) => {
    void handle(request, response);
  });
};

/* Reading request members. AWS answers a missing or mistyped member with a ValidationException. */

const validation = (member: string, constraint: string) =>
  new AwsServiceError(
    'ValidationException',
    `1 validation error detected: Value at '${member}' failed to satisfy constraint: ${constraint}`,
  );

export const optionalString = (input: JsonObject, member: string): string | undefined => {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw validation(member, 'Member must be a string');
  return value;
};

export const requiredString = (input: JsonObject, member: string): string => {
  const value = optionalString(input, member);
  if (value === undefined) throw validation(member, 'Member must not be null');
  return value;
};

export const optionalNumber = (input: JsonObject, member: string): number | undefined => {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw validation(member, 'Member must be a number');
  return value;
};

export const optionalBoolean = (input: JsonObject, member: string): boolean | undefined => {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw validation(member, 'Member must be a boolean');
  return value;
};

export const optionalArray = (input: JsonObject, member: string): unknown[] | undefined => {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw validation(member, 'Member must be a list');
  return value;
};

/** AWS JSON protocols carry timestamps as epoch seconds. */
export const epochSeconds = (milliseconds: number): number => milliseconds / 1000;

/** Opaque pagination tokens: the offset into a listing. */
export const encodeToken = (offset: number): string =>
  Buffer.from(JSON.stringify({ offset })).toString('base64url');

export const decodeToken = (token: string | undefined, errorType = 'InvalidToken'): number => {
  if (token === undefined) return 0;
  try {
    const { offset } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { offset: unknown };
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // fall through
  }
  throw new AwsServiceError(errorType, `Invalid Token: '${token}'`);
};
