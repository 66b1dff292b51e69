import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A file of an installed package that a function serves as it is (infra/catalog.ts `assets`).
 * Deployed, it lies beside the function's bundle (infra/functions.ts copies it there); run from
 * its source, it is the installed package's file. Read when first asked for, then kept: importing
 * the function costs nothing.
 */
export const bundledAsset = (packagePath: string): (() => string) => {
  let text: string | undefined;
  return () => {
    text ??= readAsset(packagePath);
    return text;
  };
};

const readAsset = (packagePath: string): string => {
  try {
    return readFileSync(new URL(`./${basename(packagePath)}`, import.meta.url), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return readFileSync(fileURLToPath(import.meta.resolve(packagePath)), 'utf8');
};
