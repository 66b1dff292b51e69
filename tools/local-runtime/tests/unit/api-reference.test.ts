import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { routes } from '#infra/catalog';
import { generateApiClientTypes } from '../../src/api-client-types.ts';
import { generateApiReference } from '../../src/api-reference.ts';

const root = resolve(import.meta.dirname, '../../../..');

describe('the API reference', () => {
  it('is what the route schemas say: docs/openapi.json is up to date (run `npm run openapi`)', async () => {
    const generated = await generateApiReference(root);
    const committed = JSON.parse(readFileSync(resolve(root, 'docs/openapi.json'), 'utf8'));

    expect(committed).toEqual(JSON.parse(JSON.stringify(generated)));
  });

  it('gives the typed client the types of the reference as it is: packages/api-client/src/schema.ts is up to date (run `npm run openapi`)', async () => {
    const generated = await generateApiClientTypes(await generateApiReference(root));

    expect(readFileSync(resolve(root, 'packages/api-client/src/schema.ts'), 'utf8')).toBe(generated);
  });

  it('documents every route that needs a token, with its summary and responses', async () => {
    const document = await generateApiReference(root);

    for (const route of routes.filter((r) => !r.public)) {
      const operation = document.paths[route.path]?.[route.method.toLowerCase()] as any;
      expect(operation, `${route.method} ${route.path}`).toBeDefined();
      expect(operation.summary).not.toMatch(/^(GET|POST|PUT|PATCH|DELETE) /);
      expect(Object.keys(operation.responses).some((status) => status.startsWith('2'))).toBe(true);
    }
  });

  it('does not repeat the seed documents’ defects', async () => {
    const text = JSON.stringify(await generateApiReference(root));

    expect(text).not.toContain('/integration/economic/layout');
    expect(text).not.toContain('Rackbeat');
    expect(text).not.toMatch(/Layout object/i);
  });

  it('gives POST /invoice the docs/seeds/002-create-invoice.txt body, every field described by the same pieces the handler checks with', async () => {
    const document = await generateApiReference(root);
    const body = (document.paths['/invoice'] as any).post.requestBody.content['application/json'].schema;

    expect(Object.keys(body.properties)).toEqual([
      'customer',
      'reseller',
      'sent',
      'invoiceNumber',
      'invoiceDate',
      'dueDate',
      'paid',
      'headline',
      'lines',
      'currentInvoices',
    ]);
    expect(body.required).toEqual(['customer']);
    expect(body.properties.lines.maxItems).toBe(10_000);
    expect(body.properties.headline.maxLength).toBe(250);
  });
});
