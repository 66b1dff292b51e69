/**
 * GET /openapi.json, GET /docs and GET /docs/{asset}: the API reference. The document is generated
 * from the routes' zod schemas at build time (`npm run openapi`, checked by a test against the
 * schemas) and bundled here; the page is Swagger UI (packages/lambda-kit/src/reference-page.ts),
 * whose script and stylesheet this function serves itself, so the reference works without a CDN
 * and needs no token. Swagger UI's script is ~1.7 MB of text: far below Lambda's 6 MB answer, and
 * cached by the browser for a day.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import document from '#docs/openapi.json' with { type: 'json' };
import { bundledAsset } from '#lambda/bundled-asset';
import { referencePage, referenceScript } from '#lambda/reference-page';

const javascript = 'text/javascript; charset=utf-8';
// A Map, so that no name a caller sends (`constructor`, `__proto__`) finds anything but these.
const assets = new Map<string, { readonly type: string; readonly read: () => string }>([
  ['swagger-ui-bundle.js', { type: javascript, read: bundledAsset('swagger-ui-dist/swagger-ui-bundle.js') }],
  [
    'swagger-ui.css',
    { type: 'text/css; charset=utf-8', read: bundledAsset('swagger-ui-dist/swagger-ui.css') },
  ],
  ['reference.js', { type: javascript, read: () => referenceScript }],
]);

const answer = (type: string, body: string, cache = 'no-cache'): APIGatewayProxyStructuredResultV2 => ({
  statusCode: 200,
  headers: { 'content-type': type, 'cache-control': cache },
  body,
});

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  if (event.rawPath === '/docs') return answer('text/html; charset=utf-8', referencePage);
  if (event.rawPath === '/openapi.json') return answer('application/json', JSON.stringify(document));
  const asset = assets.get(event.pathParameters?.asset ?? '');
  if (!asset) {
    return {
      statusCode: 404,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'not_found', description: 'Not found' }),
    };
  }
  return answer(asset.type, asset.read(), 'public, max-age=86400');
};
