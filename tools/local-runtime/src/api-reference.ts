import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { queryBooleanInput } from '#api/common';
import { objectIdInputPattern } from '#domain/ids';
import { functions, routes } from '#infra/catalog';
import type { RouteDefinition, RouteDocs } from '#lambda/http-handler';
import { buildOpenApi, type DocumentedRoute, type SharedFieldDocs } from '#lambda/openapi';

/**
 * The choices every route shares, stated once at the top of the reference. Each was checked
 * against the seeds (docs/seeds/) and kept on purpose; test/e2e/api-contract-keeps.test.ts holds
 * the API to each line.
 */
const conventions = [
  '## Conventions',
  '- **Ids** are 24 hex characters (`invoice_id` in the export-tracking routes is this id too). Either case is accepted wherever an id is read (path, query, body), as the seeds’ own examples are upper case; answers always give ids in lower case.',
  '- **Query booleans** are `true`, `false`, `1` or `0`, in any case; anything else is `422` naming the parameter. The invoice options of `GET /invoice/{id}` also take the bare flag (`?groupInvoiceLines`) as true.',
  '- **Tenants**: a reseller sees only its own customers’ data and a customer user only its own. Another tenant’s resource answers `404 not_found`, exactly like an id that does not exist (never `403`), so ids cannot be probed.',
  '- **Strict bodies**: a field a body does not define is refused with `422`, never ignored, so a misspelt option cannot pass silently.',
  '- **Several problems at once**: `POST /invoice` checks every field and answers `422 multiple` with each problem (its own status and key) in `errors` when there is more than one.',
  '- **`units: 0`** on an invoice line is refused (`422 lines[n].units`): a line that bills nothing is a mistake; credit with negative units.',
  '- **Exports are asynchronous**: `success: true` from `POST /integration/{system}/invoice/draft` means the export was accepted and queued, not that it reached the books. The outcome is in `GET /integration/exports/{exportId}` and in the report e-mail.',
  '- **The export window** is the calendar month of `invoiceDate`: from that day to the end of its month.',
  '- **Errors** are `{ status, message, description, errors? }`: `message` is the key of the problem (a field such as `lines[2].units`, or a code such as `not_found`), `errors` every problem of a `422 multiple`. What API Gateway answers itself, before any handler runs, is its bare `{ "message": … }`: `Unauthorized` (401), `Request Too Long` (413) and `Bad Request` (a path whose percent-encoding is not UTF-8); each operation documents which it may answer.',
].join('\n');

/** What every id and query boolean field says, wherever it is read (the rules in #api/common). */
const sharedFields: readonly SharedFieldDocs[] = [
  { pattern: objectIdInputPattern, description: '24 hex characters, either case; answered in lower case' },
  ...[false, true].map((bare) => ({
    pattern: queryBooleanInput(bare),
    examples: ['true', 'false', '1', '0'],
  })),
];

/** Where a handler's docs are: beside it, `create.ts` → `create.docs.ts`, so that its bundle leaves them out. */
const docsEntryOf = (entry: string): string => entry.replace(/\.ts$/, '.docs.ts');

/**
 * The OpenAPI document of every catalog route, from the route definitions the handlers export
 * (each handler carries its `route`) and the docs beside each handler. Used by `npm run openapi`
 * to write docs/openapi.json, and by the test that keeps that file equal to what the schemas say.
 */
export const generateApiReference = async (root: string) => {
  const documented: DocumentedRoute[] = [];
  for (const route of routes) {
    if (route.public) continue;
    const { entry } = functions[route.function];
    const module = (await import(pathToFileURL(resolve(root, entry)).href)) as {
      handler: { route?: RouteDefinition<never, never, never> };
    };
    if (!module.handler.route) throw new Error(`${entry} does not export its route`);
    const { docs } = (await import(pathToFileURL(resolve(root, docsEntryOf(entry))).href)) as {
      docs?: RouteDocs;
    };
    if (!docs) throw new Error(`${docsEntryOf(entry)} does not export the route's docs`);
    documented.push({
      method: route.method,
      path: route.path,
      route: module.handler.route as DocumentedRoute['route'],
      docs,
    });
  }
  return buildOpenApi(
    documented,
    {
      title: 'Faktura API',
      version: '1.0.0',
      description: [
        'The billing back-office of a telecom reseller: resellers, customers, the product catalogue, current-invoice items and invoices, each role seeing its own prices (ADMIN: cost, RESELLER: wholesale, everyone: price).',
        'Amounts are DKK, exact: each line amount is rounded half-up to øre, VAT is 25 % of the non-exempt sum rounded once.',
        conventions,
      ].join('\n\n'),
    },
    sharedFields,
  );
};
