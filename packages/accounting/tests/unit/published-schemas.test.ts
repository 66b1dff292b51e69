import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * e-conomic's published JSON schemas are kept in docs/contracts/economic-schemas/, byte for byte.
 * The adapter's limits are checked against the published one (draft-limits.test.ts) and the
 * simulator validates against its own copies. A copy that drifts would have the adapter
 * trim drafts to limits that neither the simulator nor e-conomic has, so every copy in the tree
 * must be the same bytes as the published one.
 */
const root = fileURLToPath(new URL('../../../../', import.meta.url));
const published = join(root, 'docs/contracts/economic-schemas');
const searched = ['packages', 'tools', 'functions', 'infra', 'test'];

const schemaFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : schemaFiles(path);
    return entry.name.endsWith('.schema.json') ? [path] : [];
  });

const copies = searched.flatMap((dir) => schemaFiles(join(root, dir)));

describe('copies of e-conomic’s published schemas', () => {
  it('exist where the simulator reads them', () => {
    expect(copies.map((path) => relative(root, path))).toEqual(
      expect.arrayContaining([
        'tools/accounting-simulators/src/economic/schemas/orders.drafts.post.schema.json',
      ]),
    );
  });

  it.each(copies.map((path) => [relative(root, path), path]))(
    '%s is the published file, byte for byte',
    (_, path) => {
      // Prepare
      const name = path.split('/').at(-1)!;
      const publishedNames = readdirSync(published);

      // Act
      const copy = readFileSync(path);

      // Assess
      expect(
        publishedNames,
        `${name} is not one of e-conomic's schemas in docs/contracts/economic-schemas`,
      ).toContain(name);
      expect(
        copy.equals(readFileSync(join(published, name))),
        `${name} differs from the published copy`,
      ).toBe(true);
    },
  );
});
