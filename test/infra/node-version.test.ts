import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resourcesOfType, synthesizeFaktura } from './template.ts';

/**
 * One Node.js everywhere (README, "Quick start"): the version the project installs and runs its
 * scripts on, the one its install runs on, the one CI runs, and the major Lambda runs.
 */
const root = resolve(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(resolve(root, path), 'utf8');
const packageJson = JSON.parse(read('package.json'));

describe('the Node.js version', () => {
  const pinned: string = packageJson.devDependencies.node;

  it('is pinned exactly, allowed its install script, and its major is the engines’ major', () => {
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    expect(packageJson.allowScripts.node).toBe(true);
    expect(packageJson.engines.node).toMatch(new RegExp(`<${Number(pinned.split('.')[0]) + 1}$`));
  });

  it('is the one the README’s install and CI’s install run on', () => {
    const install = `npx --yes -p node@${pinned} -- npm ci`;

    expect(read('README.md')).toContain(install);
    expect(read('.ci/run')).toContain(install);
  });

  it('is what this test runs on (npm ran it through node_modules/.bin)', () => {
    expect(process.version).toBe(`v${pinned}`);
  });

  it('has the major every Lambda function runs on', () => {
    const { json } = synthesizeFaktura();
    const runtimes = new Set(
      resourcesOfType(json, 'AWS::Lambda::Function').map(([, resource]) => resource.Properties.Runtime),
    );

    expect([...runtimes]).toEqual([`nodejs${pinned.split('.')[0]}.x`]);
  });
});
