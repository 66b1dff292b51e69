/**
 * GET /openapi.json and GET /docs: the API reference. The document is generated from the routes'
 * zod schemas at build time (`npm run openapi`, checked by a test against the schemas) and bundled
 * here, so serving it costs no I/O and needs no token.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import document from '#docs/openapi.json' with { type: 'json' };
import { renderReferencePage } from '#lambda/reference-page';

const page = renderReferencePage(document);

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> =>
  event.rawPath === '/docs'
    ? { statusCode: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: page }
    : { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(document) };
