/**
 * `npm run openapi`: writes docs/openapi.json from the routes' schemas, and the typed client's
 * types from it (packages/api-client/src/schema.ts).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateApiClientTypes } from '../api-client-types.ts';
import { generateApiReference } from '../api-reference.ts';

const root = resolve(fileURLToPath(import.meta.url), '../../../../..');
const document = await generateApiReference(root);
writeFileSync(resolve(root, 'docs/openapi.json'), `${JSON.stringify(document, null, 2)}\n`);
process.stdout.write(`docs/openapi.json: ${Object.keys(document.paths).length} paths\n`);
writeFileSync(resolve(root, 'packages/api-client/src/schema.ts'), await generateApiClientTypes(document));
process.stdout.write("packages/api-client/src/schema.ts: the typed client's types\n");
