import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keepOwnerOnly, underOwnerOnlyUmask } from '../../src/owner-only.ts';
import { JsonFileWriter } from '../../src/services/json-file.ts';

const modeOf = (path: string) => statSync(path).mode & 0o777;

/**
 * The local data folder is its owner's only (folders 0700, files 0600) even when whoever starts
 * the stack has a permissive umask (0 here), and a folder left readable is fixed.
 */
describe('owner-only local data', () => {
  let root: string;
  let umask: number;

  beforeEach(() => {
    umask = process.umask(0);
    root = mkdtempSync(join(tmpdir(), 'faktura-owner-only-'));
  });

  afterEach(() => {
    process.umask(umask);
    rmSync(root, { recursive: true, force: true });
  });

  it('makes an existing readable folder, its subfolders and files the owner’s only', () => {
    // Prepare: what an older version (or a copy) left behind
    const data = join(root, 'data');
    mkdirSync(join(data, 'dynamodb', 'deeper'), { recursive: true, mode: 0o777 });
    writeFileSync(join(data, 'secrets.json'), '{}', { mode: 0o644 });
    writeFileSync(join(data, 'dynamodb', 'shared-local-instance.db'), '', { mode: 0o666 });
    writeFileSync(join(data, 'dynamodb', 'deeper', 'journal'), '', { mode: 0o755 });
    chmodSync(data, 0o755);

    // Act
    keepOwnerOnly(data);

    // Assess
    expect(modeOf(data)).toBe(0o700);
    expect(modeOf(join(data, 'dynamodb'))).toBe(0o700);
    expect(modeOf(join(data, 'dynamodb', 'deeper'))).toBe(0o700);
    expect(modeOf(join(data, 'secrets.json'))).toBe(0o600);
    expect(modeOf(join(data, 'dynamodb', 'shared-local-instance.db'))).toBe(0o600);
    expect(modeOf(join(data, 'dynamodb', 'deeper', 'journal'))).toBe(0o600);
  });

  it('creates a missing folder 0700, and leaves what a symbolic link points to alone', () => {
    // Prepare
    const outside = join(root, 'outside.txt');
    writeFileSync(outside, 'not ours', { mode: 0o644 });
    const data = join(root, 'new', 'data');
    mkdirSync(data, { recursive: true });
    symlinkSync(outside, join(data, 'link'));

    // Act
    keepOwnerOnly(data);
    keepOwnerOnly(join(root, 'fresh'));

    // Assess
    expect(modeOf(data)).toBe(0o700);
    expect(modeOf(join(root, 'fresh'))).toBe(0o700);
    expect(modeOf(outside)).toBe(0o644);
  });

  it('runs a child process under umask 077, so the files it creates are the owner’s only', () => {
    // Prepare
    const file = join(root, 'made-by-child');
    const { command, args } = underOwnerOnlyUmask('touch', [file]);

    // Act
    execFileSync(command, args);

    // Assess
    expect(modeOf(file)).toBe(0o600);
  });

  it('writes JSON documents 0600 in a 0700 folder, also over a readable file', async () => {
    // Prepare
    const file = join(root, 'store', 'sent-mail.json');
    const writer = new JsonFileWriter(file);
    writeFileSync(file, '{}', { mode: 0o644 });

    // Act
    await writer.write({ emails: [] });

    // Assess
    expect(modeOf(join(root, 'store'))).toBe(0o700);
    expect(modeOf(file)).toBe(0o600);
  });
});
