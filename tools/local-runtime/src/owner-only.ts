import { chmodSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The data folder holds customer data in clear: DynamoDB Local's database, the accounting
 * credentials (secrets.json), the sent e-mails, the execution records with their inputs, the
 * token signing key. None of it may be readable by other users of the machine, whatever the umask
 * of whoever starts the stack, and a folder an older version left readable is fixed at start.
 */
export const ownerOnlyFolderMode = 0o700;
export const ownerOnlyFileMode = 0o600;

const isGone = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * Creates `folder` if needed and makes it and everything under it its owner's only: folders 0700,
 * files 0600. Symbolic links are left alone (chmod would follow them out of the folder); an entry
 * that vanishes meanwhile (a temporary file renamed) is skipped. Iterative: no depth limit.
 */
export const keepOwnerOnly = (folder: string): void => {
  mkdirSync(folder, { recursive: true, mode: ownerOnlyFolderMode });
  const pending = [folder];
  while (pending.length > 0) {
    const current = pending.pop()!;
    try {
      chmodSync(current, ownerOnlyFolderMode);
      for (const entry of readdirSync(current, { withFileTypes: true })) {
        const path = join(current, entry.name);
        if (entry.isDirectory()) pending.push(path);
        else if (entry.isFile()) chmodSync(path, ownerOnlyFileMode);
      }
    } catch (error) {
      if (!isGone(error)) throw error;
    }
  }
};

/**
 * A command line that runs `command` under umask 077, so that every file a child process creates
 * (DynamoDB Local's database and journal files, which Java makes with the process umask) is its
 * owner's only. `exec` keeps the pid: stopping the child stops the command itself.
 */
export const underOwnerOnlyUmask = (
  command: string,
  args: readonly string[],
): { command: string; args: string[] } =>
  process.platform === 'win32'
    ? { command, args: [...args] }
    : { command: '/bin/sh', args: ['-c', 'umask 077 && exec "$0" "$@"', command, ...args] };
