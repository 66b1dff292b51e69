import { createFakturaClient, type FakturaClient } from '#client/client';
import { answersAsDocumented } from '#client/documented-answers';
import reference from '#docs/openapi.json' with { type: 'json' };
import { apiUrl, type StackTarget } from './api.ts';

/**
 * The typed client (packages/api-client) for the end-to-end tests: what a test sends is checked by
 * TypeScript against the reference, what the API answers by the reference's schemas at run time
 * (answersAsDocumented). A test whose point is a request the reference forbids (malformed JSON, an
 * unknown field, a wrong type, no token) sends it with the untyped `call` of ./api.ts instead.
 */
const documented = answersAsDocumented(reference as never);

export const clientFor = (token: string, target?: StackTarget): FakturaClient =>
  createFakturaClient({ baseUrl: target?.apiUrl ?? apiUrl(), token, middleware: [documented] });
