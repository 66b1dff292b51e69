/**
 * The API reference page: Swagger UI (swagger-ui-dist, served by the docs function itself, no
 * CDN) over the OpenAPI document at /openapi.json. It shows every route with its parameters, an
 * example of each request body (from the schemas), each response and its error keys, and lets a
 * person paste a token (Authorize: the document's bearer scheme) and call this API from the page
 * (Try it out), on the server the document names: the origin that served the page.
 *
 * Paths are relative to the page (`/docs`), so the page works under any base path.
 */
export const referencePage = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Faktura API reference</title>
<link rel="stylesheet" href="docs/swagger-ui.css">
</head>
<body>
<div id="reference"></div>
<script src="docs/swagger-ui-bundle.js"></script>
<script src="docs/reference.js"></script>
</body>
</html>
`;

/** Starts Swagger UI; a file of its own, so the page needs no inline script (and no CSP exception). */
export const referenceScript = `window.ui = SwaggerUIBundle({
  url: 'openapi.json',
  dom_id: '#reference',
  deepLinking: true,
  persistAuthorization: true,
  displayRequestDuration: true,
  docExpansion: 'list',
  defaultModelsExpandDepth: 0,
  tryItOutEnabled: false,
});
`;
