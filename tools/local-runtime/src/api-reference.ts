import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { functions, routes } from '#infra/catalog';
import type { RouteDefinition } from '#lambda/http-handler';
import { buildOpenApi, type DocumentedRoute } from '#lambda/openapi';

/**
 * The OpenAPI document of every catalog route, from the route definitions the handlers export
 * (each handler carries its `route`). Used by `npm run openapi` to write docs/openapi.json, and by
 * the test that keeps that file equal to what the schemas say.
 */
export const generateApiReference = async (root: string) => {
  const documented: DocumentedRoute[] = [];
  for (const route of routes) {
    if (route.public) continue;
    const module = (await import(pathToFileURL(resolve(root, functions[route.function].entry)).href)) as {
      handler: { route?: RouteDefinition<never, never, never> };
    };
    if (!module.handler.route)
      throw new Error(`${functions[route.function].entry} does not export its route`);
    documented.push({
      method: route.method,
      path: route.path,
      route: module.handler.route as DocumentedRoute['route'],
    });
  }
  return buildOpenApi(documented, {
    title: 'Faktura API',
    version: '1.0.0',
    description: [
      'The billing back-office of a telecom reseller: resellers, customers, the product catalogue, current-invoice items and invoices, each role seeing its own prices (ADMIN: cost, RESELLER: wholesale, everyone: price).',
      'Ids are 24 lowercase hex characters. Amounts are DKK, exact: each line amount is rounded half-up to øre, VAT is 25 % of the non-exempt sum rounded once.',
      'A reseller sees only its own customers’ data and a customer user only its own; another tenant’s id answers `404 not_found`, exactly like an id that does not exist.',
    ].join('\n\n'),
  });
};
