import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type DraftLimit, draftLimitSources } from '../../src/economic/limits.ts';

interface SchemaNode {
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly items?: SchemaNode;
  readonly [keyword: string]: unknown;
}

/** e-conomic's published schema for POST /orders/drafts, as kept in docs/contracts. */
const published = JSON.parse(
  readFileSync(
    fileURLToPath(
      new URL('../../../../docs/contracts/economic-schemas/orders.drafts.post.schema.json', import.meta.url),
    ),
    'utf8',
  ),
) as SchemaNode;

const stated = (schema: SchemaNode, { path, keyword }: DraftLimit): unknown => {
  let node: SchemaNode | undefined = schema;
  for (const key of path) node = key === '[]' ? node?.items : node?.properties?.[key];
  return node?.[keyword];
};

describe('draftLimits', () => {
  it.each(Object.entries(draftLimitSources))(
    '%s is the one e-conomic’s published schema states',
    (_, limit) => {
      // Act
      const value = stated(published, limit);

      // Assess
      expect(value).toBe(limit.value);
    },
  );

  it('would tell a limit that drifted from the schema', () => {
    // Prepare: the schema with one limit changed, as a new published version might
    const changed = structuredClone(published) as {
      properties: { notes: { properties: { heading: object } } };
    };
    changed.properties.notes.properties.heading = { type: 'string', maxLength: 300 };

    // Act
    const value = stated(changed as SchemaNode, draftLimitSources.heading);

    // Assess
    expect(value).not.toBe(draftLimitSources.heading.value);
  });
});
