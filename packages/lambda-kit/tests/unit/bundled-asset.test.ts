import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { bundledAsset } from '../../src/bundled-asset.ts';

describe('bundledAsset', () => {
  it('reads the installed package’s file when none lies beside the code, once', () => {
    // Prepare
    const installed = readFileSync(
      createRequire(import.meta.url).resolve('swagger-ui-dist/swagger-ui.css'),
      'utf8',
    );
    const stylesheet = bundledAsset('swagger-ui-dist/swagger-ui.css');

    // Act
    const first = stylesheet();
    const second = stylesheet();

    // Assess
    expect(first).toBe(installed);
    expect(second).toBe(first);
  });

  it('fails loudly for a file no package has', () => {
    expect(() => bundledAsset('swagger-ui-dist/no-such-file.js')()).toThrow();
  });
});
