import { createFakturaClient, type FakturaClient } from '#client/client';
import { answersAsDocumented } from '#client/documented-answers';
import type { components, paths } from '#client/schema';
import { apiUrl, reference, type StackTarget } from './api.ts';

/**
 * The typed client (packages/api-client) for the end-to-end tests: what a test sends is checked by
 * TypeScript against the reference, what the API answers by the reference's schemas at run time
 * (answersAsDocumented). A test whose point is a request the reference forbids (malformed JSON, an
 * unknown field, a wrong type, no token) sends it with the untyped `call` of ./api.ts instead.
 */
const documented = answersAsDocumented(reference);

export const clientFor = (token: string, target?: StackTarget): FakturaClient =>
  createFakturaClient({ baseUrl: target?.apiUrl ?? apiUrl(), token, middleware: [documented] });

export type ErrorDocument = components['schemas']['Error'];

/**
 * The handler's error document of a call that failed. The reference lets most errors also be the
 * gateway's bare `{ message }` (a 401, say), so the typed `error` is either; a test that reads the
 * description or the problems of `422 multiple` asks for the handler's document, and fails if the
 * answer was not one.
 */
export const problemOf = (result: { readonly error?: unknown }): ErrorDocument => {
  const error = result.error as Partial<ErrorDocument> | undefined;
  if (typeof error?.status !== 'number' || typeof error.description !== 'string')
    throw new Error(`not the API's error document: ${JSON.stringify(result.error)}`);
  return error as ErrorDocument;
};

/** The JSON body the reference takes for an operation (a fixture's defaults, say). */
export type RequestBody<
  Path extends keyof paths,
  Method extends 'post' | 'put' | 'patch',
> = paths[Path][Method] extends { requestBody?: { content: { 'application/json': infer Body } } }
  ? Body
  : never;

/** An invoice as POST /invoice answers it. */
export type CreatedInvoice = paths['/invoice']['post']['responses'][201]['content']['application/json'];

/** An invoice as `api`'s caller reads it (GET /invoice/{id}); fails the test when it cannot be read. */
export const invoiceOf = async (api: FakturaClient, id: string) => {
  const { data, response, error } = await api.GET('/invoice/{id}', { params: { path: { id } } });
  if (!data) throw new Error(`invoice ${id}: ${response.status} ${JSON.stringify(error)}`);
  return data;
};

/** An invoice's timeline as `api`'s caller reads it (GET /invoice/{id}/timeline). */
export const timelineOf = async (api: FakturaClient, id: string) => {
  const { data, response, error } = await api.GET('/invoice/{id}/timeline', { params: { path: { id } } });
  if (!data) throw new Error(`timeline of ${id}: ${response.status} ${JSON.stringify(error)}`);
  return data.timeline;
};
